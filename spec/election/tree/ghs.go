package tree

import (
	"github.com/protocheck/protocheck/model/actor"
)

// The GHS algorithm, numbered as in the paper's figure (Gallager, Humblet
// and Spira 1983, Appendix): (1)-(2) wakeup, (3) Connect, (4) Initiate,
// (5) test, (6) Test, (7) Accept, (8) Reject, (9) report, (10) Report,
// (11) change-root, (12) Change-root; then the announcement of the leader.

// ghsWakeup is (2): join the lightest edge's fragment as a level-0
// fragment of one node.
func (n *node) ghsWakeup(c *actor.Ctx[Msg], p Proc) Proc {
	c.CancelTimer(timerWake) // woken by a message: no spontaneous awakening later
	p.SE[0] = Branch
	p.LN, p.SN, p.FindCount = 0, Found, 0
	n.send(c, &p, 0, Msg{Kind: Connect, L: 0})
	return p
}

// ghsReceive handles a message from neighbour from. With QueueDeferred:
// wake up first if it is a Connect or a Test to a sleeping node ((3),
// (6)); then handle it, or place it on the queue when the paper says so;
// then handle the deferred messages the step allowed. With QueueInput:
// place it on the end of the node's input queue.
func (n *node) ghsReceive(c *actor.Ctx[Msg], p Proc, from actor.ID, m Msg) Proc {
	j := n.edgeTo(from)
	if n.input {
		p = p.enqueue(j, m)
		n.armProcess(c, p)
		return p
	}
	if p.SN == Sleeping && (m.Kind == Connect || m.Kind == Test) {
		p = n.ghsWakeup(c, p)
	}
	if n.waits(p, j, m) {
		return p.enqueue(j, m)
	}
	p = n.handle(c, p, j, m)
	for i := n.ready(p); i >= 0; i = n.ready(p) {
		d := p.Queue[i]
		p = n.handle(c, p.dequeue(i), int(d.Edge), d.Msg)
	}
	return p
}

// waits reports whether the paper places m, received over edge j, on the
// end of the queue: a Connect over a Basic edge from a level not below the
// node's (3), a Test from a higher level (6), a Report over the core edge
// while the node still searches (10). A sleeping node never waits: it
// wakes up first.
func (n *node) waits(p Proc, j int, m Msg) bool {
	switch {
	case p.SN == Sleeping:
		return false
	case m.Kind == Connect:
		return m.L >= p.LN && p.SE[j] == Basic
	case m.Kind == Test:
		return m.L > p.LN && !n.early
	case m.Kind == Report:
		return j == int(p.InBranch) && p.SN == Find
	}
	return false
}

// ready returns the index of the oldest queued message the node's state
// now allows, -1 when none.
func (n *node) ready(p Proc) int {
	for i, d := range p.Queue[:p.NQ] {
		if !n.waits(p, int(d.Edge), d.Msg) {
			return i
		}
	}
	return -1
}

// armProcess (QueueInput) sets the process timer while processing the
// head of the input queue would change something: the head can be
// handled, or there are several messages (placing the head on the end
// reorders them). A lone message that must wait leaves it unset.
func (n *node) armProcess(c *actor.Ctx[Msg], p Proc) {
	if p.NQ > 1 || (p.NQ == 1 && n.ready(p) == 0) {
		c.SetTimer(timerProcess)
	} else {
		c.CancelTimer(timerProcess)
	}
}

// process (QueueInput) is the firing of the process timer: take the head
// of the input queue and handle it (waking up first for a Connect or a
// Test to a sleeping node), or place it on the end of the queue when the
// paper says so.
func (n *node) process(c *actor.Ctx[Msg], p Proc) Proc {
	d := p.Queue[0]
	p, j := p.dequeue(0), int(d.Edge)
	if p.SN == Sleeping && (d.Msg.Kind == Connect || d.Msg.Kind == Test) {
		p = n.ghsWakeup(c, p)
	}
	if n.waits(p, j, d.Msg) {
		p = p.enqueue(j, d.Msg)
	} else {
		p = n.handle(c, p, j, d.Msg)
	}
	n.armProcess(c, p)
	return p
}

// handle is the response to message m over local edge j, one the node
// need not place on the queue (see waits).
func (n *node) handle(c *actor.Ctx[Msg], p Proc, j int, m Msg) Proc {
	switch m.Kind {
	case Connect: // (3)
		if m.L < p.LN { // absorb the lower-level fragment
			p.SE[j] = Branch
			n.send(c, &p, j, Msg{Kind: Initiate, L: p.LN, F: p.FN, S: p.SN})
			if p.SN == Find {
				p.FindCount++
			}
		} else { // both sides chose this edge: merge, a new core
			n.send(c, &p, j, Msg{Kind: Initiate, L: p.LN + 1, F: n.w(j), S: Find})
		}
	case Initiate:
		p = n.initiate(c, p, j, m)
	case Test:
		p = n.test(c, p, j, m)
	case Accept: // (7)
		p.TestEdge = None
		if n.w(j) < p.BestWt {
			p.BestEdge, p.BestWt = int8(j), n.w(j)
		}
		p = n.report(c, p)
	case Reject: // (8)
		if p.SE[j] == Basic {
			p.SE[j] = Rejected
		}
		p = n.findMin(c, p)
	case Report:
		p = n.reported(c, p, j, m.F)
	case ChangeRoot: // (12)
		p = n.changeRoot(c, p)
	case Elected:
		p.Leader = int8(m.F)
		n.announce(c, &p, j)
	}
	return p
}

// initiate is (4): take the new level, name and state, pass them on to
// the rest of the fragment, and look for the lightest outgoing edge.
func (n *node) initiate(c *actor.Ctx[Msg], p Proc, j int, m Msg) Proc {
	p.LN, p.FN, p.SN = m.L, m.F, m.S
	p.InBranch, p.BestEdge, p.BestWt = int8(j), None, Inf
	for i := range n.adj {
		if i != j && p.SE[i] == Branch {
			n.send(c, &p, i, m)
			if m.S == Find {
				p.FindCount++
			}
		}
	}
	if m.S == Find {
		p = n.findMin(c, p)
	}
	return p
}

// findMin is the paper's procedure test (5): test the lightest Basic
// edge, or report when none is left.
func (n *node) findMin(c *actor.Ctx[Msg], p Proc) Proc {
	for k := range n.adj {
		if p.SE[k] == Basic {
			p.TestEdge = int8(k)
			n.send(c, &p, k, Msg{Kind: Test, L: p.LN, F: p.FN})
			return p
		}
	}
	p.TestEdge = None
	return n.report(c, p)
}

// test is (6), the response to Test(L, F) over edge j from a level not
// above the node's (a node of a lower level cannot tell yet whether it is
// in the tester's fragment: see waits): another name means another
// fragment.
func (n *node) test(c *actor.Ctx[Msg], p Proc, j int, m Msg) Proc {
	if m.F != p.FN {
		n.send(c, &p, j, Msg{Kind: Accept})
		return p
	}
	if p.SE[j] == Basic {
		p.SE[j] = Rejected
	}
	if p.TestEdge != int8(j) {
		n.send(c, &p, j, Msg{Kind: Reject})
		return p
	}
	return n.findMin(c, p)
}

// report is (9): once every subtree has reported and the own test is
// over, report the lightest outgoing edge toward the core.
func (n *node) report(c *actor.Ctx[Msg], p Proc) Proc {
	if p.FindCount == 0 && p.TestEdge == None {
		p.SN = Found
		n.send(c, &p, int(p.InBranch), Msg{Kind: Report, F: p.BestWt})
	}
	return p
}

// reported is (10), the response to Report(w) over edge j. Over the core
// edge (once the node's own search is over: see waits), the side with the
// lighter edge changes root, and when neither side found one
// (w = best-wt = ∞) the algorithm halts: the core's two nodes know that
// the larger of them leads, and announce it.
func (n *node) reported(c *actor.Ctx[Msg], p Proc, j int, w uint8) Proc {
	switch {
	case j != int(p.InBranch):
		p.FindCount--
		if w < p.BestWt {
			p.BestWt, p.BestEdge = w, int8(j)
		}
		p = n.report(c, p)
	case w > p.BestWt:
		p = n.changeRoot(c, p)
	case w == Inf && p.BestWt == Inf:
		p.Leader = int8(max(n.self, n.adj[j].To))
		n.announce(c, &p, j)
	}
	return p
}

// changeRoot is (11): pass the root on toward the lightest outgoing edge,
// and connect over it when this node is its end.
func (n *node) changeRoot(c *actor.Ctx[Msg], p Proc) Proc {
	b := int(p.BestEdge)
	if b == int(None) {
		// NB: unreachable in GHS (a fragment changes root only toward an
		// edge some node reported). VariantAnswerTestEarly reaches it: the
		// node has nothing to do, and the run is stuck.
		return p
	}
	if p.SE[b] == Branch {
		n.send(c, &p, b, Msg{Kind: ChangeRoot})
		return p
	}
	n.send(c, &p, b, Msg{Kind: Connect, L: p.LN})
	p.SE[b] = Branch
	return p
}

// announce sends Elected(leader) over every Branch edge but j: from the
// two ends of the final core, the announcement spreads down the tree.
func (n *node) announce(c *actor.Ctx[Msg], p *Proc, j int) {
	for i := range n.adj {
		if i != j && p.SE[i] == Branch {
			n.send(c, p, i, Msg{Kind: Elected, F: uint8(p.Leader)})
		}
	}
}
