package suzukikasami

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomRunsBeyondExhaustiveSizes walks random schedules at sizes too
// large to explore (4 to 6 processes, up to 3 requests each, either
// network): every state on the walk satisfies the safety properties and
// holds exactly one token; every walk ends in a final state within a
// bound (no deadlock), where the messages are exactly N per entry asked
// for. rapid shrinks a failing schedule.
func TestRandomRunsBeyondExhaustiveSizes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(4, 6).Draw(t, "n")
		reqs := rapid.IntRange(1, MaxRequests).Draw(t, "requests")
		net := actor.Network(rapid.IntRange(0, 1).Draw(t, "network"))
		m, err := New(Config{N: n, Requests: reqs, Network: net})
		if err != nil {
			t.Fatal(err)
		}
		s := exploretest.Walk(t, m, 100*n*n*reqs, func(step int, s State) {
			if k := tokens(s); k != 1 {
				t.Fatalf("step %d: %d tokens in\n%v", step, k, s)
			}
		})
		if !m.Final(s) || Entries(s) != n*reqs {
			t.Fatalf("deadlock:\n%v", s)
		}
		if Messages(s) != n*(Entries(s)-FreeEntries(s)) {
			t.Fatalf("%d messages for %d entries, %d of them free", Messages(s), Entries(s), FreeEntries(s))
		}
	})
}

// tokens counts the tokens in s: held, or in flight.
func tokens(s State) int {
	k := 0
	for _, p := range s.Procs {
		if p.Local.Has {
			k++
		}
	}
	for _, e := range s.Net {
		if e.Msg.Kind == Privilege {
			k++
		}
	}
	return k
}
