package bully

import (
	"github.com/protocheck/protocheck/model/actor"
)

// The timers: one per waiting status, each about other nodes (see due).
const (
	timerLeader actor.Timer = iota // Normal, not leading: the leader has failed
	timerAnswer                    // Probing: no higher node answers Are-U-Up
	timerEnter                     // Awaiting: the node that answered sends no Enter-Election
	timerAck                       // Coordinating: the lower nodes that did not ACK are down
	timerResult                    // Halted: the node that sent Enter-Election sends no Result
)

var timerNames = []string{"leader", "answer", "enter", "ack", "result"}

// statusTimer is the timer each status keeps set (a leader keeps none:
// see enter).
var statusTimer = [...]actor.Timer{
	StatusNormal:       timerLeader,
	StatusProbing:      timerAnswer,
	StatusAwaiting:     timerEnter,
	StatusCoordinating: timerAck,
	StatusHalted:       timerResult,
}

// A timing holds, per status, the duration in ticks of the timer that
// status keeps set (see statusTimer and Config.timings); an untimed run
// ignores it (a timer may fire at any moment, and the oracles decide when
// it may).
type timing [len(statusTimer)]int

// node returns the behaviour of every node of an n-node system whose
// timers have the durations tm.
func node(cfg Config, tm timing) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name: "node",
		Start: func(c *actor.Ctx[Msg]) Proc {
			if cfg.Start == StartBoot {
				return tm.startElection(c)
			}
			top := actor.ID(c.N() - 1)
			return tm.enter(c, Proc{Status: StatusNormal, Peer: top})
		},
		Receive: tm.receive,
		Timeout: tm.timeout,
		// Nothing survives a crash; a recovering node starts an election.
		Recover: func(c *actor.Ctx[Msg], _ Proc) Proc { return tm.startElection(c) },
	}
}

// enter returns p with its status's timer set and every other cancelled. A
// leader sets none: it waits for nothing.
func (tm *timing) enter(c *actor.Ctx[Msg], p Proc) Proc {
	for _, t := range statusTimer {
		c.CancelTimer(t)
	}
	if p.Status != StatusNormal || p.Peer != c.Self() {
		c.SetTimerAfter(statusTimer[p.Status], tm[p.Status])
	}
	return p
}

// startElection is step 1: Are-U-Up to every higher node. The highest node
// has none to ask and coordinates at once.
func (tm *timing) startElection(c *actor.Ctx[Msg]) Proc {
	if int(c.Self()) == c.N()-1 {
		return tm.coordinate(c)
	}
	for j := c.Self() + 1; int(j) < c.N(); j++ {
		c.Send(j, Msg{AreYouUp})
	}
	return tm.enter(c, Proc{Status: StatusProbing})
}

// coordinate is step 2: the node is the highest alive and sends
// Enter-Election to every lower node. The lowest node has none and leads at
// once.
func (tm *timing) coordinate(c *actor.Ctx[Msg]) Proc {
	if c.Self() == 0 {
		return tm.finish(c, Proc{})
	}
	for j := actor.ID(0); j < c.Self(); j++ {
		c.Send(j, Msg{EnterElection})
	}
	return tm.enter(c, Proc{Status: StatusCoordinating})
}

// finish is step 3: every lower node ACKed or timed out; the node sends
// Result to those that ACKed and leads.
func (tm *timing) finish(c *actor.Ctx[Msg], p Proc) Proc {
	for j := actor.ID(0); j < c.Self(); j++ {
		if p.Acked>>j&1 == 1 {
			c.Send(j, Msg{Result})
		}
	}
	return tm.enter(c, Proc{Status: StatusNormal, Peer: c.Self()})
}

// lower returns the set of nodes below self.
func lower(self actor.ID) uint64 { return uint64(1)<<self - 1 }

// receive handles a message from another node.
func (tm *timing) receive(c *actor.Ctx[Msg], p Proc, from actor.ID, m Msg) Proc {
	switch m.Kind {
	case AreYouUp:
		return areYouUp(c, p, from)
	case IAmUp:
		if p.Status == StatusProbing {
			return tm.enter(c, Proc{Status: StatusAwaiting, Peer: from})
		}
	case EnterElection:
		return tm.enterElection(c, p, from)
	case Ack:
		return tm.ack(c, p, from)
	case Result:
		if p.Status == StatusHalted && p.Peer == from {
			return tm.enter(c, Proc{Status: StatusNormal, Peer: from})
		}
	}
	return p
}

// areYouUp answers a lower node's Are-U-Up, which that node sends in step 1
// of its election. A coordinating node or the leader answers with what the
// asker needs next, Enter-Election (the asker may have crashed and lost an
// earlier one, or recovered after the election: it joins as a late
// comer); any other node answers that it is up and leaves the election to
// the nodes above it.
func areYouUp(c *actor.Ctx[Msg], p Proc, from actor.ID) Proc {
	switch {
	case p.Status == StatusCoordinating:
		c.Send(from, Msg{EnterElection})
		p.Acked &^= 1 << from
	case p.Status == StatusNormal && p.Peer == c.Self():
		c.Send(from, Msg{EnterElection})
	default:
		c.Send(from, Msg{IAmUp})
	}
	return p
}

// enterElection is step 4: obey a higher node's Enter-Election, ACK it and
// wait for its Result. A node already following a higher node (its leader,
// or the node it is halted by) ignores it: the message is stale, or that
// node failed and the node's own timer will notice.
func (tm *timing) enterElection(c *actor.Ctx[Msg], p Proc, from actor.ID) Proc {
	if (p.Status == StatusNormal || p.Status == StatusHalted) && p.Peer > from {
		return p
	}
	c.Send(from, Msg{Ack})
	return tm.enter(c, Proc{Status: StatusHalted, Peer: from})
}

// ack counts a lower node's ACK; with every lower node ACKed the election is
// over. A leader answers a late ACK (from a node that obeyed after it
// finished) with its Result.
func (tm *timing) ack(c *actor.Ctx[Msg], p Proc, from actor.ID) Proc {
	switch {
	case p.Status == StatusCoordinating:
		p.Acked |= 1 << from
		if p.Acked == lower(c.Self()) {
			return tm.finish(c, p)
		}
	case p.Status == StatusNormal && p.Peer == c.Self():
		c.Send(from, Msg{Result})
	}
	return p
}

// timeout handles a timer: whatever the node waited for will not come.
func (tm *timing) timeout(c *actor.Ctx[Msg], p Proc, _ actor.Timer) Proc {
	switch p.Status {
	case StatusProbing: // no higher node is alive: step 2
		return tm.coordinate(c)
	case StatusCoordinating: // the lower nodes that did not ACK are down: step 3
		return tm.finish(c, p)
	}
	// The leader, the node that answered or the one that sent
	// Enter-Election failed: a new election.
	return tm.startElection(c)
}

// mayExpire reports whether node id's set timer may expire in s: when it is
// due, or, with unreliable timeouts, when it is the Are-U-Up timeout.
func mayExpire(s State, id actor.ID, reliable bool) bool {
	return due(s, id) || !reliable && s.Local(id).Status == StatusProbing
}

// due reports whether node id's set timer may expire in s when timeouts are
// reliable: only when every node it waits for is down and has been down
// longer than any message delay, so that nothing it sent is still in
// flight. This is a perfect failure detector, as with bounded message
// delays and timeouts longer than any round trip (see Model.Next).
func due(s State, id actor.ID) bool {
	p := s.Local(id)
	switch p.Status {
	case StatusProbing:
		for j := id + 1; int(j) < len(s.Procs); j++ {
			if !gone(s, j) {
				return false
			}
		}
		return true
	case StatusCoordinating:
		for j := actor.ID(0); j < id; j++ {
			if p.Acked>>j&1 == 0 && !gone(s, j) {
				return false
			}
		}
		return true
	}
	return gone(s, p.Peer)
}

// gone reports whether node j is down and nothing it sent is in flight.
func gone(s State, j actor.ID) bool {
	if s.Up(j) {
		return false
	}
	for _, e := range s.Net {
		if e.From == j {
			return false
		}
	}
	return true
}
