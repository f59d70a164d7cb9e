package lamport

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// TestMessageCounts pins the text's figure: every fault-free complete run
// sends exactly 3(N-1) messages per critical-section entry (N-1 requests,
// N-1 replies, N-1 releases), in every final state of the exhaustive
// exploration (explore.Visit, checked against the naive enumerator's
// terminal states); the message-failure variant's first transmissions too.
func TestMessageCounts(t *testing.T) {
	for _, tc := range []struct {
		n, requests int
		variant     string
	}{{2, 1, VariantCorrect}, {2, 2, VariantCorrect}, {3, 1, VariantCorrect}, {2, 1, VariantMessageFailure}, {2, 2, VariantMessageFailure}} {
		m := mustNew(t, Config{N: tc.n, Requests: tc.requests, Variant: tc.variant, Network: actor.FIFO})
		finals := exploretest.Finals(t, m)
		require.NotEmpty(t, finals, "final states exist")
		for _, s := range finals {
			require.Equal(t, tc.n*tc.requests, Entries(s), "every request granted in a final state\n%s", counts(s))
			require.Equal(t, 3*(tc.n-1)*Entries(s), Messages(s), "3(N-1) messages per entry, %s n=%d\n%s", tc.variant, tc.n, counts(s))
		}
		count := len(finals)
		t.Logf("%s n=%d requests=%d: %d final states, each with %d messages", tc.variant, tc.n, tc.requests, count, 3*(tc.n-1)*tc.n*tc.requests)
	}
}

// TestMessageCountsRandomSchedules extends the count to n=4 and 5, where
// the space is too large to enumerate (above 17 million states at depth 15
// of 44 for n=4): rapid draws schedules, each run to its end, and every
// run must end in a final state having sent 3(N-1) messages per entry,
// with mutual exclusion at every step.
func TestMessageCountsRandomSchedules(t *testing.T) {
	for _, n := range []int{4, 5} {
		m := mustNew(t, Config{N: n, Requests: 1, Network: actor.FIFO})
		props := m.Properties()
		rapid.Check(t, func(rt *rapid.T) {
			var s State
			m.Init(func(i State) { s = i })
			for {
				next := successors(m, s)
				if len(next) == 0 {
					break
				}
				s = next[rapid.IntRange(0, len(next)-1).Draw(rt, "step")]
				require.True(rt, props[0].Holds(s), "mutual exclusion\n%v", s)
			}
			require.True(rt, m.Final(s), "a run ends in a final state\n%v", s)
			require.Equal(rt, 3*(n-1)*n, Messages(s), "3(N-1) messages per entry, n=%d\n%s", n, counts(s))
		})
	}
}
