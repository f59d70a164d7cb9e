package tokenring

import (
	"fmt"

	"github.com/protocheck/protocheck/model/actor"
)

// A Phase is where a process stands with respect to its critical section.
type Phase uint8

// The phases.
const (
	PhaseIdle    Phase = iota // not asking (or finished)
	PhaseWaiting              // asked, waiting for the token
	PhaseInCS                 // in its critical section, holding the token
)

var phaseNames = [...]string{"idle", "waiting", "in-cs"}

// String returns the phase's name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase?"
}

// A Proc is the local state of one process of the ring.
type Proc struct {
	Phase Phase
	Token bool  // holds the token (in its critical section, or at rest once every process is done)
	Done  uint8 // critical sections completed (entered and left)
	Paid  uint8 // ghost: token passes counted for its entries (Msg.Hops at each entry), for the "messages" measure
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	token := byte(0)
	if p.Token {
		token = 1
	}
	return append(dst, byte(p.Phase), token, p.Done, p.Paid)
}

// String formats the process for traces: "waiting done=1 paid=2 token".
func (p Proc) String() string {
	s := fmt.Sprintf("%v done=%d paid=%d", p.Phase, p.Done, p.Paid)
	if p.Token {
		s += " token"
	}
	return s
}

// The timers: a process's request (it asks for its critical section) and
// its exit from the critical section. Neither has a wall clock: a set
// timer fires at any moment, and weak fairness makes it fire eventually.
const (
	timerWant actor.Timer = iota
	timerExit
)

var timerNames = []string{"want", "exit"}

// process returns the behaviour of process id in a ring of cfg.N.
func process(cfg Config, id int) actor.Actor[Proc, Msg] {
	n, reqs := cfg.N, uint8(cfg.Requests)
	next := actor.ID((id + 1) % n)
	return actor.Actor[Proc, Msg]{
		Name: "process",
		// p0 makes the token and passes it on: nobody has asked yet.
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.SetTimer(timerWant)
			if id == 0 {
				c.Send(next, Msg{Hops: uint8(1 % n)})
			}
			return Proc{}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, _ actor.ID, m Msg) Proc {
			switch {
			case s.Phase == PhaseWaiting:
				// The token is what it waited for: enter.
				s.Phase, s.Token = PhaseInCS, true
				s.Paid += m.Hops
				c.SetTimer(timerExit)
			case s.Done == reqs && int(m.Fin) == n-1:
				// It and the n-1 holders before it are done: every
				// process is, and the token comes to rest here.
				s.Token = true
			default:
				fin := uint8(0)
				if s.Done == reqs {
					fin = m.Fin + 1
				}
				c.Send(next, Msg{Hops: (m.Hops + 1) % uint8(n), Fin: fin})
			}
			return s
		},
		Timeout: func(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
			if t == timerWant {
				s.Phase = PhaseWaiting
				return s
			}
			s.Phase, s.Token = PhaseIdle, false
			s.Done++
			fin := uint8(1)
			if s.Done < reqs {
				c.SetTimer(timerWant)
				fin = 0
			}
			c.Send(next, Msg{Hops: uint8(1 % n), Fin: fin})
			return s
		},
	}
}
