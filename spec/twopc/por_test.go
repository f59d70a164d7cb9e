package twopc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model/actor"
)

// porConfigs are the configurations the reduction's declaration is checked
// on: every variant, with two participants under crash, restart, loss and
// duplication, and (without -short) with three under the variants' own
// faults.
func porConfigs(short bool) []Config {
	var out []Config
	for _, v := range catalogVariants() {
		out = append(out, Config{N: 2, Variant: v.Name, Faults: actor.Faults{Crash: 1, Drop: 1, Dup: 1}})
		if !short {
			out = append(out, Config{N: 3, Variant: v.Name, Faults: v.Faults})
		}
	}
	return out
}

// TestReductionDeclaration checks the declaration reduction gives on every
// reachable step of porConfigs: MaySend covers every send and never grows
// (actor.CheckReduction), and states that Observe does not tell apart
// agree on every state property.
func TestReductionDeclaration(t *testing.T) {
	for _, cfg := range porConfigs(testing.Short()) {
		m := mustNew(t, cfg)
		seen := map[string][]bool{} // observation -> the properties' values
		props := m.Properties()
		states := reference(m)
		for _, s := range states {
			m.Next(s, func(a Action, next State) {
				require.NoError(t, m.CheckReduction(s, a, next), "%s n=%d %v", cfg.Variant, cfg.N, cfg.Faults)
			})
			var vals []bool
			for _, p := range props {
				if !p.Expect.Liveness() {
					vals = append(vals, p.Holds(s))
				}
			}
			k := string(m.AppendObservation(nil, s))
			if prev, ok := seen[k]; ok {
				require.Equal(t, prev, vals, "%s: states observed alike, properties differ", cfg.Variant)
			}
			seen[k] = vals
		}
		assert.Less(t, len(seen), len(states), "Observe hides something (else the test shows nothing)")
	}
}

// TestReductionVerdicts: with partial-order reduction every variant has
// the safety verdicts of the full run on two participants, no more states,
// and counterexamples that replay on the model and reproduce.
func TestReductionVerdicts(t *testing.T) {
	for _, v := range catalogVariants() {
		m := mustNew(t, Config{N: 2, Variant: v.Name, Faults: v.Faults})
		full, err := explore.BFS(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		por, err := explore.Check(m, explore.Options{Workers: 2, POR: true})
		require.NoError(t, err)
		require.True(t, por.Complete)
		assert.LessOrEqual(t, por.Distinct, full.Distinct)
		for i, p := range full.Properties {
			q := por.Properties[i]
			require.Equal(t, p.Name, q.Name)
			if p.Expect.Liveness() {
				assert.Equal(t, explore.Unknown, q.Status, "%s: liveness is not checked under -por", p.Name)
				continue
			}
			assert.Equal(t, p.Status, q.Status, "%s %s", v.Name, p.Name)
			if q.Status != explore.Violated || q.Trace == nil {
				continue
			}
			rep, err := explore.Reproduce(m, explore.Claim{Property: q.Name, Expect: q.Expect}, q.Trace)
			require.NoError(t, err)
			assert.True(t, rep.Reproduces, "%s %s: %s", v.Name, q.Name, rep.Reason)
		}
	}
}
