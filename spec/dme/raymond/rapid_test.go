package raymond

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomRunsBeyondExhaustiveSizes walks random schedules at sizes too
// large to explore (5 to 8 nodes, every shape, up to 3 requests each,
// either network): every state on the walk satisfies the safety
// properties and holds exactly one token; every walk ends in a final state
// within a bound (no deadlock), having sent an even number of messages (a
// PRIVILEGE for every REQUEST) and at most 2D per entry, D the tree's
// diameter (a request and the token each cross at most D edges). rapid
// shrinks a failing schedule.
func TestRandomRunsBeyondExhaustiveSizes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(5, MaxN).Draw(t, "n")
		reqs := rapid.IntRange(1, MaxRequests).Draw(t, "requests")
		shape := rapid.SampledFrom(Shapes).Draw(t, "shape")
		net := actor.Network(rapid.IntRange(0, 1).Draw(t, "network"))
		m, err := New(Config{N: n, Requests: reqs, Shape: shape, Network: net})
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
		msgs, d := Messages(s), diameter(shape, n)
		if msgs%2 != 0 || msgs > 2*d*Entries(s) {
			t.Fatalf("%d messages for %d entries on a tree of diameter %d", msgs, Entries(s), d)
		}
	})
}

// tokens counts the tokens in s: nodes that are their own HOLDER, and
// PRIVILEGEs in flight.
func tokens(s State) int {
	k := 0
	for i, p := range s.Procs {
		if p.Local.Holder == actor.ID(i) {
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

// diameter returns the longest distance between two nodes of the tree.
func diameter(shape string, n int) int {
	depth := func(i int) int {
		d := 0
		for ; i > 0; i = Parent(shape, i) {
			d++
		}
		return d
	}
	d := 0
	for a := range n {
		for b := range n {
			x, y, dist := a, b, 0
			for x != y { // climb from the deeper node until they meet
				if depth(x) >= depth(y) {
					x = Parent(shape, x)
				} else {
					y = Parent(shape, y)
				}
				dist++
			}
			d = max(d, dist)
		}
	}
	return d
}
