package voting

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomRunsBeyondExhaustiveSizes walks random schedules of the
// rescension variant at sizes too large to explore (4 to 6 processes, up
// to 2 requests each): every state on the walk satisfies the safety
// properties, and every walk ends in a final state (all requests served)
// within a bound, so no walk deadlocks. rapid shrinks a failing schedule.
func TestRandomRunsBeyondExhaustiveSizes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(4, 6).Draw(t, "n")
		reqs := rapid.IntRange(1, 2).Draw(t, "requests")
		net := actor.Network(rapid.IntRange(0, 1).Draw(t, "network"))
		m, err := New(Config{N: n, Requests: reqs, Network: net})
		if err != nil {
			t.Fatal(err)
		}
		s := exploretest.Walk(t, m, 100*n*n*reqs, nil)
		if !m.Final(s) {
			t.Fatalf("deadlock:\n%v", s)
		}
		if Entries(s) != n*reqs {
			t.Fatalf("final with %d entries, want %d", Entries(s), n*reqs)
		}
	})
}
