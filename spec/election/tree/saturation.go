package tree

import (
	"fmt"
	"math/bits"

	"github.com/protocheck/protocheck/model/actor"
)

// The saturation election on a tree (Santoro, Design and Analysis of
// Distributed Algorithms, 2007, section 2.6): a node that wakes up floods
// Wakeup; once a node has heard Inward from all its neighbours but one
// (a leaf: at once), it sends Inward with the largest id it has seen to
// that last neighbour, its parent. Exactly two neighbours end up sending
// Inward to each other: both are saturated, both know the largest id, and
// each announces it with Elected into its own side of the tree.

// satWakeup wakes the node up: flood Wakeup over every edge but the one it
// came over (from; None when the node woke by itself), and a leaf starts
// at once.
func (n *node) satWakeup(c *actor.Ctx[Msg], p Proc, from int8) Proc {
	c.CancelTimer(timerWake)
	p.SN, p.Max = Active, uint8(n.self)
	for k := range n.adj {
		if int8(k) != from {
			n.send(c, &p, k, Msg{Kind: Wakeup})
		}
	}
	return n.satForward(c, p)
}

// satForward sends Inward to the parent once Inward came over every edge
// but one.
func (n *node) satForward(c *actor.Ctx[Msg], p Proc) Proc {
	if p.SN != Active || bits.OnesCount8(p.Got) != len(n.adj)-1 {
		return p
	}
	for k := range n.adj {
		if p.Got&(1<<k) == 0 {
			p.SN, p.Parent = Processing, int8(k)
			n.send(c, &p, k, Msg{Kind: Inward, F: p.Max})
			return p
		}
	}
	return p
}

// satReceive handles a message of the saturation election.
func (n *node) satReceive(c *actor.Ctx[Msg], p Proc, from actor.ID, m Msg) Proc {
	j := n.edgeTo(from)
	if p.SN == Sleeping {
		p = n.satWakeup(c, p, int8(j))
	}
	switch m.Kind {
	case Wakeup: // already awake: nothing to do
	case Inward:
		if p.Got&(1<<j) != 0 || (p.SN == Processing && int8(j) != p.Parent) || p.SN == Saturated || p.SN == Done {
			panic(fmt.Sprintf("tree: %v got %v over edge %d in state %v", n.self, m, j, p))
		}
		p.Got |= 1 << j
		p.Max = max(p.Max, m.F)
		if p.SN == Processing { // Inward from the parent: saturated, decide
			p.SN, p.Leader = Saturated, int8(p.Max)
			n.satAnnounce(c, &p, j)
			return p
		}
		return n.satForward(c, p)
	case Elected:
		p.SN, p.Leader = Done, int8(m.F)
		n.satAnnounce(c, &p, j)
	}
	return p
}

// satAnnounce sends Elected(leader) over every edge but j.
func (n *node) satAnnounce(c *actor.Ctx[Msg], p *Proc, j int) {
	for k := range n.adj {
		if k != j {
			n.send(c, p, k, Msg{Kind: Elected, F: uint8(p.Leader)})
		}
	}
}
