package tokenring

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// TestCorrectHolds checks every property, liveness and deadlock freedom
// included, and pins the distinct counts: BFS, DFS and the naive
// enumerator agree.
func TestCorrectHolds(t *testing.T) {
	for _, tc := range []struct {
		n, reqs int
		want    int64
	}{{2, 1, 26}, {3, 1, 150}, {4, 1, 888}, {3, 2, 1926}} {
		t.Run(fmt.Sprintf("n=%d,requests=%d", tc.n, tc.reqs), func(t *testing.T) {
			m := mustNew(t, Config{N: tc.n, Requests: tc.reqs})
			exploretest.Contract(t, m)
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestOneToken: fault-free, there is always exactly one token, held or in
// flight, and in a final state it rests with one process and nothing is in
// flight.
func TestOneToken(t *testing.T) {
	m := mustNew(t, Config{N: 3, Requests: 2})
	for _, r := range exploretest.Enumerate(m) {
		tokens := len(r.State.Net)
		for _, p := range r.State.Procs {
			if p.Local.Token {
				tokens++
			}
		}
		require.Equal(t, 1, tokens, "tokens in\n%v", r.State)
		if r.Terminal {
			require.Empty(t, r.State.Net, "a final state has the token at rest")
		}
	}
}

// TestMessagesPerEntry pins the "messages" measure over the final states
// of complete fault-free runs with one request each, and checks it against
// a hand count. A run is fixed by the order of the entries, a permutation
// of the N processes, so there are N! final states. An entry costs the
// ring distance from the previous user (p0 at the start): 0..N-1 passes,
// and every value occurs. A run costs at least N-1 (p0 first, then the
// others in ring order) and at most N(N-1) (each waits for the one after
// it in ring order, p0 last). Over the N! orders the first entry costs
// (N-1)/2 on average and each later one N/2, a mean of (N²-1)/2 per run.
func TestMessagesPerEntry(t *testing.T) {
	for n := 2; n <= 4; n++ {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			fs := exploretest.Finals(t, mustNew(t, Config{N: n, Requests: 1}))
			perEntry := map[int]bool{}
			lo, hi, sum := 1<<30, 0, 0
			for _, s := range fs {
				require.Equal(t, n, Entries(s))
				for _, p := range s.Procs {
					perEntry[int(p.Local.Paid)] = true
				}
				msgs := Messages(s)
				lo, hi, sum = min(lo, msgs), max(hi, msgs), sum+msgs
			}
			assert.Len(t, fs, factorial(n), "one final state per order of entry")
			for d := range n {
				assert.True(t, perEntry[d], "some entry costs %d passes", d)
			}
			assert.Len(t, perEntry, n, "an entry costs 0..N-1 passes")
			assert.Equal(t, n-1, lo, "fewest passes in a run")
			assert.Equal(t, n*(n-1), hi, "most passes in a run")
			mean := float64(sum) / float64(len(fs))
			assert.InDelta(t, float64(n*n-1)/2, mean, 1e-9, "mean passes per run")
			t.Logf("n=%d: %d final states, messages per run min %d mean %.3f max %d, per entry %.3f/%.3f/%.3f",
				n, len(fs), lo, mean, hi, float64(lo)/float64(n), mean/float64(n), float64(hi)/float64(n))
		})
	}
}

func factorial(n int) int {
	if n <= 1 {
		return 1
	}
	return n * factorial(n-1)
}

// TestLossyFails: the lossy variant fails "every request granted" at its
// own defaults, everything else holding; the token lost is also a
// deadlock. The correct ring fails the same way under -faults drop=1, and
// a duplicated token breaks mutual exclusion.
func TestLossyFails(t *testing.T) {
	exploretest.VariantAtDefaults(t, Spec, VariantCorrect)
	exploretest.VariantAtDefaults(t, Spec, VariantLossy)
	for _, v := range []string{VariantLossy, VariantCorrect} {
		m := mustNew(t, Config{N: 3, Requests: 1, Variant: v, Faults: actor.Faults{Drop: 1}})
		tr := exploretest.Violates(t, m, invariants.PropGranted, explore.Options{Workers: 2})
		exploretest.Violates(t, m, explore.DeadlockProperty, explore.Options{Workers: 2})
		require.True(t, slices.ContainsFunc(tr.Steps, func(st model.Step) bool { return strings.HasPrefix(st.Action, "drop ") }),
			"the token is lost on the way:\n%s", exploretest.Render(tr))
		t.Logf("%s, drop=1:\n%s", v, exploretest.Render(tr))
	}
	dup := mustNew(t, Config{N: 3, Requests: 1, Faults: actor.Faults{Dup: 1}})
	exploretest.Violates(t, dup, invariants.PropMutex, explore.Options{Workers: 2})
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{{N: 1, Requests: 1}, {N: 3, Requests: 0}, {N: MaxN + 1, Requests: 1}, {N: 3, Requests: 1, Variant: "nope"}} {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}
