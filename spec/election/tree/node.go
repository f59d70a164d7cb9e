package tree

import (
	"fmt"

	"github.com/protocheck/protocheck/model/actor"
)

// timerWake is a node's spontaneous awakening: set at the start for the
// nodes that wake up by themselves (parameter "wake"), it fires at any
// moment unless a message wakes the node first.
//
// timerProcess (QueueInput) is set while the node has something to do with
// its input queue: its firing processes the head.
const (
	timerWake actor.Timer = iota
	timerProcess
)

var timerNames = []string{"wake", "process"}

// A node is what one process knows of the graph and of its configuration:
// the handlers of both algorithms are its methods.
type node struct {
	self  actor.ID
	adj   []half // its edges, lightest first: local edge k is adj[k]
	early bool   // VariantAnswerTestEarly: answer a Test from a higher level at once
	input bool   // QueueInput: every message goes through the input queue
}

// edgeTo returns the local index of the edge to neighbour id.
func (n *node) edgeTo(id actor.ID) int {
	for k, h := range n.adj {
		if h.To == id {
			return k
		}
	}
	panic(fmt.Sprintf("tree: %v received a message from %v, not a neighbour", n.self, id))
}

// send sends m over local edge j and counts it.
func (n *node) send(c *actor.Ctx[Msg], p *Proc, j int, m Msg) {
	c.Send(n.adj[j].To, m)
	p.Sent++
}

// w returns the weight of local edge j.
func (n *node) w(j int) uint8 { return n.adj[j].W }

// actor returns the node's behaviour under algorithm alg; wakes says
// whether it wakes up spontaneously.
func (n *node) actor(alg string, wakes bool) actor.Actor[Proc, Msg] {
	receive, wakeup := n.ghsReceive, n.ghsWakeup
	if alg == AlgSaturation {
		receive = n.satReceive
		wakeup = func(c *actor.Ctx[Msg], p Proc) Proc { return n.satWakeup(c, p, None) }
	}
	return actor.Actor[Proc, Msg]{
		Name: "node",
		Start: func(c *actor.Ctx[Msg]) Proc {
			if wakes {
				c.SetTimer(timerWake)
			}
			return sleeping(len(n.adj))
		},
		Receive: receive,
		Timeout: func(c *actor.Ctx[Msg], p Proc, t actor.Timer) Proc {
			if t == timerProcess {
				return n.process(c, p)
			}
			p = wakeup(c, p)
			if n.input { // messages may have arrived while it slept
				n.armProcess(c, p)
			}
			return p
		},
		NoCrash: true,
	}
}
