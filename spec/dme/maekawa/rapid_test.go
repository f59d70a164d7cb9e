package maekawa

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomRunsBeyondExhaustiveSizes walks random schedules at sizes too
// large to explore: 4 to 9 processes (the Fano plane at 7, the 3 by 3 grid
// at 9, majority windows at 5, 6 and 8), up to 2 requests each. Every
// state on the walk satisfies the safety properties, and every walk ends
// in a final state (all requests served) within a bound, so no walk
// deadlocks. rapid shrinks a failing schedule.
func TestRandomRunsBeyondExhaustiveSizes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(4, MaxN).Draw(t, "n")
		reqs := rapid.IntRange(1, 2).Draw(t, "requests")
		net := actor.Network(rapid.IntRange(0, 1).Draw(t, "network"))
		m, err := New(Config{N: n, Requests: reqs, Network: net})
		if err != nil {
			t.Fatal(err)
		}
		var s State
		m.Init(func(x State) { s = x })
		for step := 0; ; step++ {
			for _, p := range m.Properties() {
				if p.Expect == model.ExpectAlways && !p.Holds(s) {
					t.Fatalf("step %d: %q fails in\n%v", step, p.Name, s)
				}
			}
			var next []State
			m.Next(s, func(_ Action, x State) { next = append(next, x) })
			if len(next) == 0 {
				if !m.Final(s) {
					t.Fatalf("deadlock after %d steps:\n%v", step, s)
				}
				if Entries(s) != n*reqs {
					t.Fatalf("final with %d entries, want %d", Entries(s), n*reqs)
				}
				return
			}
			if step > 100*n*n*reqs {
				t.Fatalf("no end after %d steps:\n%v", step, s)
			}
			s = next[rapid.IntRange(0, len(next)-1).Draw(t, "step")]
		}
	})
}
