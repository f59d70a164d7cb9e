package suzukikasami

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// TestCorrectHolds checks every property, liveness and deadlock freedom
// included, and pins the distinct counts: BFS, DFS and the naive
// enumerator agree.
func TestCorrectHolds(t *testing.T) {
	type size struct {
		n, reqs int
		want    int64
	}
	cases := []size{{2, 1, 21}, {3, 1, 725}, {2, 2, 83}}
	if !testing.Short() {
		cases = append(cases, size{3, 2, 58933}, size{4, 1, 125157})
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("n=%d,requests=%d", tc.n, tc.reqs), func(t *testing.T) {
			m := mustNew(t, Config{N: tc.n, Requests: tc.reqs})
			exploretest.Contract(t, m)
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestMessagesPerEntry pins the messages per critical-section entry over
// the final states of complete fault-free runs: an entry costs N messages
// (N-1 REQUESTs and the PRIVILEGE) or none (the process held the token
// already), as Suzuki and Kasami count. So in every final state the
// messages are exactly N times the entries that were asked for, and with
// one request each a run costs N(N-1) (p0, holding the token at the start,
// enters first for free) to N² (it asks after someone took the token).
func TestMessagesPerEntry(t *testing.T) {
	type stat struct {
		n, reqs        int
		lo, hi, finals int
		mean           float64
	}
	cases := []stat{{2, 1, 2, 4, 2, 3}, {3, 1, 6, 9, 5, 7.8}, {2, 2, 2, 8, 4, 5}}
	if !testing.Short() {
		cases = append(cases, stat{3, 2, 6, 18, 28, 354.0 / 28})
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("n=%d,requests=%d", tc.n, tc.reqs), func(t *testing.T) {
			fs := exploretest.Finals(t, mustNew(t, Config{N: tc.n, Requests: tc.reqs}))
			got := stat{n: tc.n, reqs: tc.reqs, lo: 1 << 30, finals: len(fs)}
			sum := 0
			for _, s := range fs {
				entries := Entries(s)
				require.Equal(t, tc.n*tc.reqs, entries)
				msgs := Messages(s)
				require.Equal(t, tc.n*(entries-FreeEntries(s)), msgs, "N messages per entry asked for, 0 per free one:\n%v", s)
				got.lo, got.hi, sum = min(got.lo, msgs), max(got.hi, msgs), sum+msgs
			}
			got.mean = float64(sum) / float64(len(fs))
			if tc.reqs == 1 {
				assert.Equal(t, tc.n*(tc.n-1), got.lo, "fewest messages: p0 first, for free")
				assert.Equal(t, tc.n*tc.n, got.hi, "most messages: every entry asked for")
			}
			u := float64(tc.n * tc.reqs)
			t.Logf("n=%d requests=%d: %d final states, messages per entry min %.3f mean %.3f max %.3f",
				tc.n, tc.reqs, len(fs), float64(got.lo)/u, got.mean/u, float64(got.hi)/u)
			assert.Equal(t, tc, got)
		})
	}
}

// TestIgnoreSeqFails: at its defaults the variant sends the token to a
// process that no longer asks, which keeps it idle while a request that
// reached it earlier waits forever; the correct algorithm holds there.
// The shortest counterexample ends with the delivery of an outdated
// REQUEST: its number is at most LN of its sender on the token.
func TestIgnoreSeqFails(t *testing.T) {
	exploretest.VariantAtDefaults(t, Spec, VariantCorrect)
	exploretest.VariantAtDefaults(t, Spec, VariantIgnoreSeq)
	c, err := Spec.Defaults(VariantIgnoreSeq)
	require.NoError(t, err)
	m, err := Spec.Build(c)
	require.NoError(t, err)
	tr := exploretest.Violates(t, m, PropTokenToRequester, explore.Options{Workers: 2})
	last := tr.Steps[len(tr.Steps)-1]
	require.True(t, strings.HasPrefix(last.Action, "deliver ") && strings.Contains(last.Action, "REQUEST"), last.Action)
	before := tr.Steps[len(tr.Steps)-2].State.(State)
	var from, to actor.ID
	var seq uint8
	_, err = fmt.Sscanf(last.Action, "deliver p%d->p%d REQUEST(n=%d)", &from, &to, &seq)
	require.NoError(t, err)
	holder := before.Local(to)
	require.True(t, holder.Has, "the receiver holds the token")
	assert.LessOrEqual(t, seq, holder.Tok.LN[from], "the request was granted already")
	t.Logf("%s:\n%s", PropTokenToRequester, exploretest.Render(tr))
}

// TestDuplicatedTokenBreaksMutex: the algorithm assumes no duplication of
// the token; a duplicated PRIVILEGE arriving after the first has moved on
// makes two holders. (Duplicated REQUESTs are harmless: RN keeps the
// largest number.)
func TestDuplicatedTokenBreaksMutex(t *testing.T) {
	m := mustNew(t, Config{N: 2, Requests: 2, Faults: actor.Faults{Dup: 1}})
	tr := exploretest.Violates(t, m, invariants.PropMutex, explore.Options{Workers: 2})
	assert.Contains(t, exploretest.Render(tr), "dup ")
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{{N: 1, Requests: 1}, {N: 3, Requests: 0}, {N: MaxN + 1, Requests: 1}, {N: 3, Requests: 1, Variant: "nope"}} {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}
