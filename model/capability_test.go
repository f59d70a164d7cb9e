package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/protocheck/protocheck/model"
)

// plain is a model with no optional interface.
type plain struct{}

func (plain) Init(yield func(int))               { yield(0) }
func (plain) Next(int, func(string, int))        {}
func (plain) AppendKey(dst []byte, s int) []byte { return model.AppendInt(dst, s) }
func (plain) Properties() []model.Property[int]  { return nil }
func (plain) StepProperties() []model.StepProperty[int, string] {
	return []model.StepProperty[int, string]{model.AlwaysStep("same", func(f int, _ string, t int) bool { return f == t })}
}

// full has every optional method and declares nothing itself.
type full struct{ plain }

func (full) Final(int) bool                  { return true }
func (full) Canonical(s int) int             { return s }
func (full) FairClass(string) (string, bool) { return "", false }

// declaring has every optional method and declares what caps says.
type declaring struct {
	full
	caps model.Capabilities
}

func (d declaring) Declares() model.Capabilities { return d.caps }

func TestCapabilitiesAreDeclared(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		m                    model.Model[int, string]
		final, sym, fairness bool
	}{
		{"no optional interface", plain{}, false, false, false},
		{"interfaces without Declarer", full{}, true, true, true},
		{"declares nothing", declaring{}, false, false, false},
		{"declares final only", declaring{caps: model.Capabilities{Final: true}}, true, false, false},
		{"declares symmetry only", declaring{caps: model.Capabilities{Symmetry: true}}, false, true, false},
		{"declares fairness only", declaring{caps: model.Capabilities{Fairness: true}}, false, false, true},
		{"declares without the interfaces", declaringPlain{}, false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.final, model.HasFinal(tc.m), "HasFinal")
			assert.Equal(t, tc.sym, model.HasSymmetry(tc.m), "HasSymmetry")
			assert.Equal(t, tc.fairness, model.HasFairness(tc.m), "HasFairness")
		})
	}
}

// declaringPlain declares every capability but implements none: a
// declaration cannot add a method the engines would call.
type declaringPlain struct{ plain }

func (declaringPlain) Declares() model.Capabilities {
	return model.Capabilities{Final: true, Symmetry: true, Fairness: true}
}

func TestStepProperties(t *testing.T) {
	p := model.AlwaysStep("never decreases", func(from int, _ string, to int) bool { return to >= from })
	assert.Equal(t, "never decreases", p.Name)
	assert.True(t, p.Holds(1, "inc", 2))
	assert.False(t, p.Holds(2, "dec", 1))
	assert.Equal(t, "always-step", model.ExpectAlwaysStep.String())
	assert.False(t, model.ExpectAlwaysStep.Liveness())

	steps := model.StepProperties[int, string](full{})
	if assert.Len(t, steps, 1, "a StepChecker's own list") {
		assert.Equal(t, "same", steps[0].Name)
	}
	m := model.Func[int, string]{}
	assert.Nil(t, model.StepProperties[int, string](m), "not a StepChecker")
}
