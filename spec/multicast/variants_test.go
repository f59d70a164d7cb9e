package multicast

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
)

// TestVariantsAtDefaults: every variant at its own defaults (checked
// through Spec.Defaults and Spec.Build, as the catalogue does) violates
// exactly what it declares and nothing else; the correct ones verify;
// every distinct count is pinned, with DFS (and, below 20,000 states, the
// naive enumerator) finding as many states as BFS. A broken variant's
// shortest counterexample is logged.
func TestVariantsAtDefaults(t *testing.T) {
	pins := map[string]int64{
		VariantReliable:       140559,
		VariantFIFO:           7606,
		VariantCausal:         4442,
		VariantBestEffortLoss: 80,
		VariantFIFOOnly:       63,
		VariantPerGroupCL:     73,
		VariantPerGroupDR:     9593,
	}
	for _, v := range Spec.Variants {
		t.Run(v.Name, func(t *testing.T) {
			res := exploretest.VariantAtDefaults(t, Spec, v.Name)
			assert.Equal(t, pins[v.Name], res.Distinct, "distinct states of %s at its defaults", v.Name)
			c, err := Spec.Defaults(v.Name)
			require.NoError(t, err)
			m, err := Spec.Build(c)
			require.NoError(t, err)
			dfs, err := explore.DFS(m, explore.Options{})
			require.NoError(t, err)
			require.True(t, dfs.Complete)
			assert.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the same states as bfs")
			if res.Distinct < 20000 {
				assert.Len(t, exploretest.Enumerate(m), int(res.Distinct), "the naive enumerator finds the same states")
			}
			t.Logf("%s (%v): %d distinct states, bfs+liveness %v, dfs %v", v.Name, c, res.Distinct, res.Elapsed, dfs.Elapsed)
			for _, name := range v.Violates {
				p, _ := res.Property(name)
				t.Logf("%q:\n%s", name, exploretest.Render(p.Trace))
			}
		})
	}
}

// TestContract checks the model contract on every variant and network.
func TestContract(t *testing.T) { exploretest.ContractEverywhere(t, Spec) }
