package invariants

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// nodes is a plain election state for the tests: per node, up and belief.
type nodes struct {
	up     []bool
	leader []int
}

func electionOf(n int, rank []int) Election[nodes] {
	e := Election[nodes]{
		N:      n,
		Up:     func(s nodes, i int) bool { return s.up[i] },
		Leader: func(s nodes, i int) int { return s.leader[i] },
	}
	if rank != nil {
		e.Rank = func(i int) int { return rank[i] }
	}
	return e
}

func TestElectionPredicates(t *testing.T) {
	e := electionOf(3, []int{10, 30, 20}) // node 1 has the highest rank
	all := []bool{true, true, true}
	tests := []struct {
		name                               string
		s                                  nodes
		leaders                            int
		one, agree, highestBelief, elected bool
		highest                            int
	}{
		{"nobody knows", nodes{all, []int{-1, -1, -1}}, 0, true, true, true, false, 1},
		{"all know the highest", nodes{all, []int{1, 1, 1}}, 1, true, true, true, true, 1},
		{"two leaders", nodes{all, []int{0, 1, -1}}, 2, false, false, false, false, 1},
		{"split beliefs, one leader", nodes{all, []int{2, 1, 1}}, 1, true, false, false, false, 1},
		{"agree on a lower node", nodes{all, []int{2, 2, 2}}, 1, true, true, false, false, 1},
		{"highest down: node 2 leads", nodes{[]bool{true, false, true}, []int{2, 1, 2}}, 1, true, true, true, true, 2},
		{"a down node's belief is ignored", nodes{[]bool{false, true, true}, []int{0, 1, 1}}, 1, true, true, true, true, 1},
		{"everyone down", nodes{[]bool{false, false, false}, []int{0, 1, 2}}, 0, true, true, true, false, NoLeader},
		{"highest not yet aware", nodes{all, []int{1, -1, 1}}, 0, true, true, true, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.leaders, e.Leaders(tt.s), "Leaders")
			assert.Equal(t, tt.one, e.OneLeader(tt.s), "OneLeader")
			assert.Equal(t, tt.agree, e.Agree(tt.s), "Agree")
			assert.Equal(t, tt.highestBelief, e.BelievesHighest(tt.s), "BelievesHighest")
			assert.Equal(t, tt.elected, e.Elected(tt.s), "Elected")
			assert.Equal(t, tt.highest, e.Highest(tt.s), "Highest")
		})
	}
}

// TestElectionMatchesReference compares the predicates with naive
// definitions over pairs of nodes, on random states, and checks the
// implications between them.
func TestElectionMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		var rank []int
		if rapid.Bool().Draw(t, "ranked") {
			rank = rapid.Permutation([]int{5, 8, 13, 21, 34, 55}[:n]).Draw(t, "rank")
		}
		s := nodes{
			up:     rapid.SliceOfN(rapid.Bool(), n, n).Draw(t, "up"),
			leader: rapid.SliceOfN(rapid.IntRange(NoLeader, n-1), n, n).Draw(t, "leader"),
		}
		e := electionOf(n, rank)
		r := func(i int) int {
			if rank == nil {
				return i
			}
			return rank[i]
		}
		live := func(yield func(int)) {
			for i := range n {
				if s.up[i] {
					yield(i)
				}
			}
		}
		var self, ranks []int
		agree, believesTop := true, true
		live(func(i int) {
			ranks = append(ranks, r(i))
			if s.leader[i] == i {
				self = append(self, i)
			}
			live(func(j int) {
				if s.leader[i] != NoLeader && s.leader[j] != NoLeader && s.leader[i] != s.leader[j] {
					agree = false
				}
			})
		})
		top := NoLeader
		live(func(i int) {
			if r(i) == slices.Max(ranks) {
				top = i
			}
		})
		elected := top != NoLeader
		live(func(i int) {
			elected = elected && s.leader[i] == top
			believesTop = believesTop && (s.leader[i] == NoLeader || s.leader[i] == top)
		})
		if e.Leaders(s) != len(self) || e.OneLeader(s) != (len(self) <= 1) {
			t.Fatalf("Leaders %d, want %d", e.Leaders(s), len(self))
		}
		if e.Agree(s) != agree || e.Highest(s) != top || e.Elected(s) != elected || e.BelievesHighest(s) != believesTop {
			t.Fatalf("Agree %v Highest %d Elected %v BelievesHighest %v, want %v %d %v %v",
				e.Agree(s), e.Highest(s), e.Elected(s), e.BelievesHighest(s), agree, top, elected, believesTop)
		}
		if e.Settled(s) != (elected || top == NoLeader) {
			t.Fatalf("Settled %v, want %v", e.Settled(s), elected || top == NoLeader)
		}
		if elected && !(agree && believesTop && len(self) == 1) {
			t.Fatalf("Elected without agreement on one highest leader")
		}
		if agree && len(self) > 1 {
			t.Fatalf("Agree with %d leaders", len(self))
		}
	})
}

func TestElectionProperties(t *testing.T) {
	e := electionOf(2, nil)
	done := nodes{[]bool{true, true}, []int{1, 1}}
	split := nodes{[]bool{true, true}, []int{0, 1}}
	busy := nodes{[]bool{true, true}, []int{NoLeader, 1}}
	stable := func(s nodes) bool { return s.leader[0] != NoLeader }
	for _, tt := range []struct {
		p      model.Property[nodes]
		expect model.Expectation
		holds  []bool // on done, split, busy
	}{
		{e.AtMostOneLeader("one"), model.ExpectAlways, []bool{true, false, true}},
		{e.Agreement("agree"), model.ExpectAlways, []bool{true, false, true}},
		{e.LeaderIsHighest("top"), model.ExpectAlways, []bool{true, false, true}},
		{e.ElectedWhen("stable", stable), model.ExpectAlways, []bool{true, false, true}},
		{e.EventuallyElected("eventually"), model.ExpectEventually, []bool{true, false, false}},
		{e.ElectedReachable("reach", nil), model.ExpectSometimes, []bool{true, false, false}},
		{e.ElectedReachable("reach busy", func(s nodes) bool { return s.leader[0] == NoLeader }), model.ExpectSometimes, []bool{false, false, false}},
	} {
		assert.Equal(t, tt.expect, tt.p.Expect, tt.p.Name)
		for i, s := range []nodes{done, split, busy} {
			assert.Equal(t, tt.holds[i], tt.p.Holds(s), "%s on state %d", tt.p.Name, i)
		}
	}
	down := nodes{[]bool{false, false}, []int{0, 1}}
	assert.True(t, e.ElectedWhen("stable", func(nodes) bool { return true }).Holds(down), "nothing to elect when all are down")
	assert.False(t, e.EventuallyElected("eventually").Holds(down), "but nobody is elected")
	re := e.Reelected("re")
	assert.Equal(t, model.ExpectLeadsTo, re.Expect)
	assert.True(t, re.Holds(busy) && !re.Holds(done), "the premise is: not elected")
	assert.True(t, re.Then(done) && !re.Then(busy), "the consequence is: elected")
	assert.True(t, re.Then(down) && !re.Holds(down), "or every node down")
}
