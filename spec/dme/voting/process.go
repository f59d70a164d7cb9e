package voting

import (
	"fmt"

	"github.com/protocheck/protocheck/model/actor"
)

// The timers of a process: it asks for its critical section, and leaves
// it, at moments of its own choosing.
const (
	timerWant actor.Timer = iota // idle with requests left: ask for the CS
	timerExit                    // in its CS: leave it
)

var timerNames = []string{"want", "exit"}

// A node runs one handler of one process: it holds the process's state
// while the handler runs and the messages the process sends to itself,
// which are handled at once, in order, within the same step (a process's
// own vote is a local call, not a message).
type node struct {
	cfg   *Config
	c     *actor.Ctx[Msg]
	s     Proc
	local []Msg // messages to itself not yet handled
	buf   [4]Msg
}

// process returns the behaviour of every process under cfg.
func process(cfg *Config) actor.Actor[Proc, Msg] {
	run := func(c *actor.Ctx[Msg], s Proc, f func(nd *node)) Proc {
		nd := &node{cfg: cfg, c: c, s: s}
		nd.local = nd.buf[:0]
		f(nd)
		for i := 0; i < len(nd.local); i++ {
			nd.handle(c.Self(), nd.local[i])
		}
		return nd.s
	}
	return actor.Actor[Proc, Msg]{
		Name: "process",
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.SetTimer(timerWant)
			return Proc{}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			return run(c, s, func(nd *node) { nd.handle(from, m) })
		},
		Timeout: func(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
			if t == timerWant {
				return run(c, s, (*node).request)
			}
			return run(c, s, (*node).exit)
		},
	}
}

// send sends m to a process; a message to itself is handled locally after
// the current one.
func (nd *node) send(to actor.ID, m Msg) {
	if to == nd.c.Self() {
		nd.local = append(nd.local, m)
		return
	}
	nd.c.Send(to, m)
	nd.s.Sent++
}

// handle dispatches a message to the candidate or the voter.
func (nd *node) handle(from actor.ID, m Msg) {
	switch m.Kind {
	case Request:
		nd.onRequest(Req{TS: m.TS, ID: from})
	case Vote:
		nd.onVote(from, m.TS)
	case Release, Relinquish:
		nd.onReturn(from, m)
	case Inquire:
		nd.onInquire(from, m.TS)
	}
}

// request starts a candidacy: a new timestamp (the Lamport clock ticks in
// rescension; in simple majority it is the request's number), then a
// Request to every process, itself included.
func (nd *node) request() {
	s := &nd.s
	if nd.cfg.rescension() {
		s.Clock++
		s.TS = s.Clock
	} else {
		s.TS = s.Done + 1
	}
	s.Phase, s.Held, s.Early = Waiting, 0, 0
	for i := range nd.c.N() {
		nd.send(actor.ID(i), Msg{Request, s.TS})
	}
}

// exit leaves the critical section and returns every vote held.
func (nd *node) exit() {
	s := &nd.s
	held := s.Held
	s.Phase, s.Held, s.Early = Idle, 0, 0
	s.Done++
	for i := range nd.c.N() {
		if held>>i&1 == 1 {
			nd.send(actor.ID(i), Msg{Release, s.TS})
		}
	}
	if int(s.Done) < nd.cfg.Requests {
		nd.c.SetTimer(timerWant)
	}
}

// onVote: a vote for the current request counts (and, in rescension, goes
// straight back if its voter asked for it before it came); a majority
// enters the critical section. A vote that comes too late, for a request
// already served, is returned at once.
func (nd *node) onVote(from actor.ID, ts uint8) {
	s := &nd.s
	if s.Phase == Idle || ts != s.TS {
		nd.send(from, Msg{Release, ts})
		return
	}
	s.Held |= 1 << from
	if s.Phase == InCS {
		return // returned on exit
	}
	if s.Early>>from&1 == 1 {
		s.Early &^= 1 << from
		s.Held &^= 1 << from
		nd.send(from, Msg{Relinquish, ts})
		return
	}
	if 2*s.votes() > nd.c.N() {
		s.Phase, s.Early = InCS, 0
		nd.c.SetTimer(timerExit)
	}
}

// onInquire (rescension): a candidate not in its critical section returns
// the vote it is asked for; if the vote has not arrived yet (it is still
// in flight), it returns it when it comes. An inquiry about a request
// already served, or made while in the CS, is ignored: the vote comes back
// on exit.
func (nd *node) onInquire(from actor.ID, ts uint8) {
	s := &nd.s
	if s.Phase != Waiting || ts != s.TS {
		return
	}
	if !s.holds(from) {
		s.Early |= 1 << from
		return
	}
	s.Held &^= 1 << from
	nd.send(from, Msg{Relinquish, ts})
}

// onRequest: the voter gives its free vote to the request; otherwise the
// request waits. In rescension the queue is ordered by precedence and a
// request that precedes the one holding the vote makes the voter ask for
// its vote back (once per vote given).
func (nd *node) onRequest(r Req) {
	s := &nd.s
	resc := nd.cfg.rescension()
	if resc {
		s.Clock = max(s.Clock, r.TS)
	}
	if s.Voted == (Req{}) {
		nd.giveVote(r)
		return
	}
	s.Queue = appendQueue(s.Queue, r, resc)
	if resc && r.before(s.Voted) && !s.Inquired {
		s.Inquired = true
		nd.send(s.Voted.ID, Msg{Inquire, s.Voted.TS})
	}
}

// onReturn: the vote comes back, released (the candidate is done, or did
// not need it) or relinquished (rescension: the candidate gave it up, and
// its request waits again). The voter gives it to the next request: the
// first to arrive, or in rescension the one that precedes all others.
func (nd *node) onReturn(from actor.ID, m Msg) {
	s := &nd.s
	r := Req{TS: m.TS, ID: from}
	if s.Voted != r {
		panic(fmt.Sprintf("voting: %v gets %v from %v, but its vote is with %v", nd.c.Self(), m, from, s.Voted))
	}
	s.Voted, s.Inquired = Req{}, false
	if m.Kind == Relinquish {
		s.Queue = appendQueue(s.Queue, r, true)
	}
	if len(s.Queue) > 0 {
		next, rest := popFront(s.Queue)
		s.Queue = rest
		nd.giveVote(next)
	}
}

// giveVote gives the voter's vote to r.
func (nd *node) giveVote(r Req) {
	nd.s.Voted = r
	nd.send(r.ID, Msg{Vote, r.TS})
}
