package tree

import (
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
)

// Property names. Both algorithms have PropOneLeader, PropAgreement,
// PropLearns and PropElected; GHS adds PropBranchInMST, PropTreeIsMST,
// PropCoreLeader and PropHigherTest, the saturation election PropHighest and
// PropSaturated.
const (
	PropOneLeader   = "at most one leader"           // at most one node believes it leads
	PropAgreement   = "leader agreement"             // no two nodes know different leaders
	PropLearns      = "every node learns the leader" // liveness: on every fair run, every node comes to know the one leader
	PropElected     = "elected"                      // sometimes: every node knows the leader
	PropBranchInMST = "branches in mst"              // an edge marked Branch at either end is in Kruskal's tree
	PropTreeIsMST   = "tree is the mst"              // once every node knows the leader, the Branch edges are exactly Kruskal's tree, at both ends
	PropCoreLeader  = "leader ends the core"         // a node that knows the leader knows the larger end of its fragment's core edge
	PropHigherTest  = "a test meets a lower level"   // sometimes: a node holds a Test from a higher level (the rule VariantAnswerTestEarly breaks)
	PropHighest     = "leader is highest"            // saturation: a known leader is the largest id
	PropSaturated   = "two saturated neighbours"     // saturation: at most two nodes saturate, and two are neighbours
)

// election describes the nodes for the shared election properties.
func election(n int) invariants.Election[State] {
	return invariants.Election[State]{
		N:      n,
		Leader: func(s State, i int) int { return int(s.Procs[i].Local.Leader) },
	}
}

// everyoneKnows reports whether every node knows the same leader (which
// then knows itself to be the leader).
func everyoneKnows(s State) bool {
	l := s.Procs[0].Local.Leader
	for _, p := range s.Procs {
		if p.Local.Leader == None || p.Local.Leader != l {
			return false
		}
	}
	return true
}

// ghsProperties returns GHS's properties on graph g (adj: its adjacency,
// lightest edge first; mst: Kruskal's tree of g).
func ghsProperties(g Graph, adj [][]half, mst []Edge) []model.Property[State] {
	e := election(g.N)
	inMST := weightSet(mst)
	ends := map[uint8]Edge{} // the edge of each weight: a fragment name is its core edge's weight
	for _, ed := range g.Edges {
		ends[uint8(ed.W)] = ed
	}
	branchOK := func(s State, exact bool) bool {
		for i, a := range adj {
			p := &s.Procs[i].Local
			for k, h := range a {
				branch, tree := p.SE[k] == Branch, inMST&(1<<h.W) != 0
				if (branch && !tree) || (exact && branch != tree) {
					return false
				}
			}
		}
		return true
	}
	coreLeader := func(s State) bool {
		for _, p := range s.Procs {
			if l := p.Local.Leader; l != None {
				core, ok := ends[p.Local.FN]
				if !ok || int(l) != max(core.U, core.V) {
					return false
				}
			}
		}
		return true
	}
	return []model.Property[State]{
		e.AtMostOneLeader(PropOneLeader),
		e.Agreement(PropAgreement),
		model.Always(PropBranchInMST, func(s State) bool { return branchOK(s, false) }),
		model.Always(PropTreeIsMST, func(s State) bool { return !everyoneKnows(s) || branchOK(s, true) }),
		model.Always(PropCoreLeader, coreLeader),
		model.Eventually(PropLearns, everyoneKnows),
		model.Sometimes(PropElected, everyoneKnows),
		model.Sometimes(PropHigherTest, higherTest),
	}
}

// satProperties returns the saturation election's properties on tree t.
func satProperties(t Graph) []model.Property[State] {
	e := election(t.N)
	adjacent := func(a, b int) bool {
		for _, ed := range t.Edges {
			if (ed.U == a && ed.V == b) || (ed.U == b && ed.V == a) {
				return true
			}
		}
		return false
	}
	saturated := func(s State) bool {
		count, a, b := 0, -1, -1
		for i, p := range s.Procs {
			if p.Local.SN == Saturated {
				count++
				a, b = b, i
			}
		}
		return count < 2 || (count == 2 && adjacent(a, b))
	}
	return []model.Property[State]{
		e.AtMostOneLeader(PropOneLeader),
		e.Agreement(PropAgreement),
		e.LeaderIsHighest(PropHighest),
		model.Always(PropSaturated, saturated),
		e.EventuallyElected(PropLearns),
		e.ElectedReachable(PropElected, nil),
	}
}

// higherTest reports whether some awake node holds, unhandled on its queue,
// a Test from a fragment of higher level than its own: the case in which
// the paper delays the answer.
func higherTest(s State) bool {
	for _, p := range s.Procs {
		q := &p.Local
		for _, d := range q.Queue[:q.NQ] {
			if q.SN != Sleeping && d.Msg.Kind == Test && d.Msg.L > q.LN {
				return true
			}
		}
	}
	return false
}
