package maekawa

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
// while the handler runs and the messages the process sends to itself (it
// is in its own request set), which are handled at once, in order, within
// the same step.
type node struct {
	sys   *system
	c     *actor.Ctx[Msg]
	s     Proc
	local []Msg // messages to itself not yet handled
	buf   [4]Msg
}

// system is what every process knows: the configuration and the request
// sets.
type system struct {
	cfg  Config
	sets []Set
}

// process returns the behaviour of every process.
func (sys *system) process() actor.Actor[Proc, Msg] {
	run := func(c *actor.Ctx[Msg], s Proc, f func(nd *node)) Proc {
		nd := &node{sys: sys, c: c, s: s}
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

// set returns the process's request set.
func (nd *node) set() Set { return nd.sys.sets[nd.c.Self()] }

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

// sendSet sends m to every member of the process's request set.
func (nd *node) sendSet(m Msg) {
	for i := range nd.c.N() {
		if nd.set().Has(actor.ID(i)) {
			nd.send(actor.ID(i), m)
		}
	}
}

// handle dispatches a message to the candidate or the member.
func (nd *node) handle(from actor.ID, m Msg) {
	switch m.Kind {
	case Request:
		nd.onRequest(Req{TS: m.TS, ID: from})
	case Locked:
		nd.onLocked(from, m.TS)
	case Failed:
		nd.onFailed(from, m.TS)
	case Inquire:
		nd.onInquire(from, m.TS)
	case Release, Relinquish:
		nd.onReturn(from, m)
	}
}

// request starts a request: the Lamport clock ticks and the request goes
// to every member of the request set.
func (nd *node) request() {
	s := &nd.s
	s.Clock++
	s.TS = s.Clock
	s.Phase, s.Held, s.Failed, s.Yielded, s.Deferred = Waiting, 0, 0, 0, 0
	nd.sendSet(Msg{Request, s.TS})
}

// exit leaves the critical section and releases every member.
func (nd *node) exit() {
	s := &nd.s
	s.Phase, s.Held = Idle, 0
	s.Done++
	nd.sendSet(Msg{Release, s.TS})
	if int(s.Done) < nd.sys.cfg.Requests {
		nd.c.SetTimer(timerWant)
	}
}

// onLocked: a member locked for the request. With every member locked the
// candidate enters its critical section. Otherwise, if the member has
// inquired and the candidate knows it may not succeed, it relinquishes.
func (nd *node) onLocked(from actor.ID, ts uint8) {
	s := &nd.s
	if s.Phase != Waiting || ts != s.TS {
		panic(fmt.Sprintf("maekawa: %v (%v, ts=%d) gets Locked(ts=%d) from %v", nd.c.Self(), s.Phase, s.TS, ts, from))
	}
	s.Held |= 1 << from
	s.Failed &^= 1 << from
	s.Yielded &^= 1 << from
	if s.Held == nd.set() {
		s.Phase, s.Failed, s.Yielded, s.Deferred = InCS, 0, 0, 0
		nd.c.SetTimer(timerExit)
		return
	}
	nd.answerInquiries()
}

// onFailed: a member is locked for, or has queued, a request that
// precedes this one: the candidate may not succeed, so it answers the
// inquiries it deferred. A Failed for another request, or from a member
// locked for this one (a Failed overtaken by the Locked that followed it),
// is out of date and ignored.
func (nd *node) onFailed(from actor.ID, ts uint8) {
	s := &nd.s
	if s.Phase != Waiting || ts != s.TS || s.Held.Has(from) {
		return
	}
	s.Failed |= 1 << from
	nd.answerInquiries()
}

// onInquire: a member asks whether the candidate will succeed. The
// candidate relinquishes when it knows it may not (it got a Failed, or it
// relinquished to a member that has not locked for it again); otherwise
// it defers the answer until it knows (a Failed, or entering its critical
// section, whose Release answers). An inquiry about another request is
// out of date and ignored.
func (nd *node) onInquire(from actor.ID, ts uint8) {
	s := &nd.s
	if s.Phase != Waiting || ts != s.TS {
		return
	}
	s.Deferred |= 1 << from
	nd.answerInquiries()
}

// answerInquiries relinquishes to every deferred inquirer whose lock the
// candidate holds, when it knows it may not succeed. (An inquiry that
// overtook its Locked waits for the Locked.)
func (nd *node) answerInquiries() {
	s := &nd.s
	if s.Failed|s.Yielded == 0 {
		return
	}
	for i := range nd.c.N() {
		v := actor.ID(i)
		if s.Deferred.Has(v) && s.Held.Has(v) {
			s.Held &^= 1 << v
			s.Deferred &^= 1 << v
			s.Yielded |= 1 << v
			nd.send(v, Msg{Relinquish, s.TS})
		}
	}
}

// onRequest: a member not locked locks for the request. Otherwise the
// request waits in the queue, and (unless VariantNoInquire) the member
// tells the candidate it failed when the locked request or a waiting one
// precedes it, or else asks the locked candidate whether it will succeed
// (once per lock).
func (nd *node) onRequest(r Req) {
	s := &nd.s
	s.Clock = max(s.Clock, r.TS)
	if s.Lock == (Req{}) {
		nd.lock(r)
		return
	}
	s.Queue = insert(s.Queue, r)
	if nd.sys.cfg.Variant == VariantNoInquire {
		return
	}
	if s.Lock.before(r) || s.Queue[0] != r {
		nd.send(r.ID, Msg{Failed, r.TS})
		return
	}
	// r precedes the lock and every waiting request. The request it
	// overtakes at the head of the queue was told nothing if it preceded
	// the lock too: now a waiting request precedes it, so it has failed.
	if len(s.Queue) > 1 && s.Queue[1].before(s.Lock) && nd.sys.cfg.Variant != VariantArrivalOnly {
		nd.send(s.Queue[1].ID, Msg{Failed, s.Queue[1].TS})
	}
	if !s.Inquired {
		s.Inquired = true
		nd.send(s.Lock.ID, Msg{Inquire, s.Lock.TS})
	}
}

// onReturn: the lock comes back, released (the candidate is done) or
// relinquished (its request waits again). The member locks for the first
// waiting request.
func (nd *node) onReturn(from actor.ID, m Msg) {
	s := &nd.s
	r := Req{TS: m.TS, ID: from}
	if s.Lock != r {
		panic(fmt.Sprintf("maekawa: %v gets %v from %v, but it is locked for %v", nd.c.Self(), m, from, s.Lock))
	}
	s.Lock, s.Inquired = Req{}, false
	if m.Kind == Relinquish {
		s.Queue = insert(s.Queue, r)
	}
	if len(s.Queue) > 0 {
		next, rest := popFront(s.Queue)
		s.Queue = rest
		nd.lock(next)
	}
}

// lock locks the member for r.
func (nd *node) lock(r Req) {
	nd.s.Lock = r
	nd.send(r.ID, Msg{Locked, r.TS})
}
