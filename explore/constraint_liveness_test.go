package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// chain counts 0 -> 1 -> ... -> 5 and stops; "reaches 5" holds on it.
type chain struct{ bound int }

func (c chain) Init(yield func(int)) { yield(0) }
func (c chain) Next(n int, yield func(string, int)) {
	if n < 5 {
		yield("inc", n+1)
	}
}
func (c chain) AppendKey(dst []byte, n int) []byte { return model.AppendInt(dst, n) }
func (c chain) Properties() []model.Property[int] {
	return []model.Property[int]{model.Eventually("reaches 5", func(n int) bool { return n == 5 })}
}

// boundedChain is chain with a state constraint n <= bound.
type boundedChain struct{ chain }

func (c boundedChain) Within(n int) bool { return n <= c.bound }

// TestLivenessStopsAtTheConstraint: a state outside the constraint is not
// expanded, so the liveness engine treats it as terminal, where a
// behaviour ends (as TLC does); the counterexample replays.
func TestLivenessStopsAtTheConstraint(t *testing.T) {
	res, err := Check(chain{}, Options{})
	require.NoError(t, err)
	p, _ := res.Property("reaches 5")
	assert.Equal(t, Holds, p.Status, "unconstrained")

	m := boundedChain{chain{bound: 2}}
	res, err = Check(m, Options{})
	require.NoError(t, err)
	p, _ = res.Property("reaches 5")
	require.Equal(t, Violated, p.Status, "the behaviour ends at 3, outside n <= 2")
	require.NotNil(t, p.Trace)
	assert.Equal(t, 3, p.Trace.Steps[len(p.Trace.Steps)-1].State)
	rep, err := Reproduce(m, Claim{Property: "reaches 5", Expect: model.ExpectEventually}, p.Trace)
	require.NoError(t, err)
	assert.True(t, rep.Reproduces, rep.Reason)
}

// stepChain is chain with a step property the liveness engine does not
// check: run alone, it must say so rather than leave it out.
type stepChain struct{ chain }

func (stepChain) StepProperties() []model.StepProperty[int, string] {
	return []model.StepProperty[int, string]{model.AlwaysStep("never decreases", func(a int, _ string, b int) bool { return b >= a })}
}

func TestLivenessReportsStepPropertiesUnchecked(t *testing.T) {
	res, err := Liveness(stepChain{}, Options{})
	require.NoError(t, err)
	p, ok := res.Property("never decreases")
	require.True(t, ok, "the step property is reported")
	assert.Equal(t, Unknown, p.Status)
	assert.Contains(t, p.Message, "not checked")

	res, err = Check(stepChain{}, Options{})
	require.NoError(t, err)
	p, _ = res.Property("never decreases")
	assert.Equal(t, Holds, p.Status, "Check gets it from BFS")
}

// TestCheckVisitIsCheckPlusVisit: one exploration gives Check's verdicts
// and Visit's states.
func TestCheckVisitIsCheckPlusVisit(t *testing.T) {
	m := boundedChain{chain{bound: 3}}
	want, err := Check(m, Options{})
	require.NoError(t, err)
	var visited, wantVisited []int
	got, err := CheckVisit(m, Options{}, func(s int, _ Visited) { visited = append(visited, s) })
	require.NoError(t, err)
	all, err := Visit(m, Options{}, func(s int, _ Visited) { wantVisited = append(wantVisited, s) })
	require.NoError(t, err)
	assert.Equal(t, wantVisited, visited)
	assert.Equal(t, all.Distinct, got.Distinct, "the BFS pass explores every state, as Visit does")
	require.Len(t, got.Properties, len(want.Properties))
	for i, p := range want.Properties {
		assert.Equal(t, p.Status, got.Properties[i].Status, p.Name)
	}
	_, err = CheckVisit[int, string](m, Options{}, nil)
	assert.ErrorIs(t, err, ErrOptions)
}
