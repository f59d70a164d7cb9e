package tokenring

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// TestReductionDeclaration checks the declaration reduction gives on every
// reachable step of small rings, with loss and duplication: MaySend covers
// every send and never grows (actor.CheckReduction), and states that
// Observe does not tell apart agree on every state property.
func TestReductionDeclaration(t *testing.T) {
	for _, cfg := range []Config{
		{N: 3, Requests: 2},
		{N: 3, Requests: 1, Variant: VariantLossy, Faults: actor.Faults{Drop: 1, Dup: 1}},
		{N: 4, Requests: 1, Network: actor.FIFO, Faults: actor.Faults{Dup: 1}},
	} {
		t.Run(fmt.Sprintf("n=%d,requests=%d,%v", cfg.N, cfg.Requests, cfg.Faults), func(t *testing.T) {
			m := mustNew(t, cfg)
			seen := map[string][]bool{}
			reached := exploretest.Enumerate(m)
			for _, r := range reached {
				s := r.State
				m.Next(s, func(a Action, next State) {
					require.NoError(t, m.CheckReduction(s, a, next))
				})
				var vals []bool
				for _, p := range m.Properties() {
					if !p.Expect.Liveness() {
						vals = append(vals, p.Holds(s))
					}
				}
				k := string(m.AppendObservation(nil, s))
				if prev, ok := seen[k]; ok {
					require.Equal(t, prev, vals, "states observed alike, properties differ")
				}
				seen[k] = vals
			}
			assert.Less(t, len(seen), len(reached), "Observe hides something")
		})
	}
}

// TestReductionVerdicts: with partial-order reduction the ring keeps its
// safety verdicts and deadlocks, and stores fewer states: the token moves
// on past processes that are not waiting without interleaving with their
// requests. The counts are checked against the full run's verdicts, not
// pinned: the reduced graph is the engine's (explore tests it against a
// naive reduced search).
func TestReductionVerdicts(t *testing.T) {
	for _, cfg := range []Config{{N: 4, Requests: 1}, {N: 3, Requests: 1, Variant: VariantLossy, Faults: actor.Faults{Drop: 1}}} {
		m := mustNew(t, cfg)
		full, err := explore.BFS(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		por, err := explore.BFS(m, explore.Options{Workers: 2, POR: true})
		require.NoError(t, err)
		assert.Less(t, por.Distinct, full.Distinct)
		for i, p := range full.Properties {
			if !p.Expect.Liveness() {
				assert.Equal(t, p.Status, por.Properties[i].Status, "%s", p.Name)
			}
		}
	}
}
