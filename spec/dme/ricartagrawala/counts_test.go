package ricartagrawala

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// TestMessageCounts pins the text's figure: every fault-free complete run
// sends exactly 2(N-1) messages per critical-section entry (N-1 requests
// and N-1 replies, deferred or not), in every final state of the
// exhaustive exploration (explore.Visit; up to n=3 checked against the
// naive enumerator's terminal states), on both networks. n=4 is not run
// under -short (1,405,161 states on the FIFO network).
func TestMessageCounts(t *testing.T) {
	type size struct {
		net         actor.Network
		n, requests int
	}
	sizes := []size{{actor.Unordered, 2, 1}, {actor.Unordered, 3, 1}, {actor.Unordered, 2, 2}, {actor.FIFO, 2, 1}, {actor.FIFO, 3, 1}}
	if !testing.Short() {
		sizes = append(sizes, size{actor.FIFO, 4, 1}, size{actor.Unordered, 3, 2})
	}
	for _, tc := range sizes {
		m := mustNew(t, Config{N: tc.n, Requests: tc.requests, Network: tc.net})
		check := func(s State) {
			require.Equal(t, tc.n*tc.requests, Entries(s), "every request granted in a final state\n%s", counts(s))
			require.Equal(t, 2*(tc.n-1)*Entries(s), Messages(s), "2(N-1) messages per entry, n=%d\n%s", tc.n, counts(s))
		}
		var count int
		if tc.n < 4 {
			fs := exploretest.Finals(t, m) // cross-checked against the naive enumerator
			for _, s := range fs {
				check(s)
			}
			count = len(fs)
		} else {
			count, _ = exploretest.VisitFinals(t, m, check)
		}
		assert.Positive(t, count, "final states exist")
		t.Logf("%v n=%d requests=%d: %d final states, each with %d messages", tc.net, tc.n, tc.requests, count, 2*(tc.n-1)*tc.n*tc.requests)
	}
}
