package tree

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
)

// TestVariantsAtDefaults builds every variant through the catalogue entry
// at its own defaults: the correct one verifies; the broken one violates
// exactly the properties it declares, each with a trace.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) {
			cfg, err := Spec.Defaults(v.Name)
			require.NoError(t, err)
			m, err := Spec.Build(cfg)
			require.NoError(t, err)
			res, err := explore.Check(m, explore.Options{Workers: 2})
			require.NoError(t, err)
			require.True(t, res.Complete, res.StopReason)
			var violated []string
			for _, p := range res.Properties {
				if p.Status == explore.Violated {
					violated = append(violated, p.Name)
				}
			}
			if !v.Broken() {
				assert.Empty(t, violated, "config %v", cfg)
				exploretest.Check(t, m, explore.Options{Workers: 2})
				return
			}
			assert.ElementsMatch(t, v.Violates, violated, "config %v", cfg)
			for _, prop := range v.Violates {
				if p, _ := res.Property(prop); p.Expect == model.ExpectSometimes {
					continue // violated by having no witness: no trace
				}
				tr := exploretest.Violates(t, m, prop, explore.Options{Workers: 2})
				if prop == PropBranchInMST {
					t.Logf("%s:\n%s", prop, exploretest.Render(tr))
				}
			}
		})
	}
}

// TestAnswerTestEarlyFails checks the broken variant on every graph and
// both queues: an edge outside the minimum spanning tree is marked Branch.
func TestAnswerTestEarlyFails(t *testing.T) {
	for _, g := range Graphs[:3] {
		for _, q := range Queues {
			m := mustNew(t, Config{Graph: g.Name, Queue: q, Variant: VariantAnswerTestEarly})
			exploretest.Violates(t, m, PropBranchInMST, explore.Options{Workers: 2})
		}
	}
}

// TestConfigErrors checks that New rejects what it does not model.
func TestConfigErrors(t *testing.T) {
	for _, cfg := range []Config{
		{Graph: "pentagon"},
		{Algorithm: "bully"},
		{Wake: "some"},
		{Queue: "lifo"},
		{Variant: "no-such"},
		{Algorithm: AlgSaturation, Variant: VariantAnswerTestEarly},
	} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
	bad := Graph{Name: "equal", N: 3, Edges: []Edge{{0, 1, 1}, {1, 2, 1}}}
	assert.ErrorIs(t, bad.validate(), ErrConfig, "equal weights")
	split := Graph{Name: "split", N: 4, Edges: []Edge{{0, 1, 1}, {2, 3, 2}}}
	assert.ErrorIs(t, split.validate(), ErrConfig, "not connected")
}
