package ricartagrawala

import "github.com/protocheck/protocheck/model/actor"

// The timers: a process's request (it asks for its critical section) and
// its exit from the critical section. Neither has a wall clock: a set
// timer fires at any moment, and weak fairness makes it fire eventually.
const (
	timerWant actor.Timer = iota
	timerExit
)

var timerNames = []string{"want", "exit"}

// process returns the behaviour of every process under cfg.
func process(cfg Config) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.SetTimer(timerWant)
			return Proc{}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			if m.Kind == Request {
				return receiveRequest(c, s, from, m.Seq, cfg.Variant == VariantReplyInCS)
			}
			return receiveReply(c, s, cfg.History)
		},
		Timeout: func(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
			if t == timerWant {
				return request(c, s, cfg.History)
			}
			return exit(c, s, cfg.Requests, cfg.History)
		},
	}
}

// request asks for the critical section: a sequence number above every
// one seen, a request to every other process, and N-1 replies to wait
// for.
func request(c *actor.Ctx[Msg], s Proc, history bool) Proc {
	s.Phase = PhaseWaiting
	s.Our = s.Highest + 1
	s.Out = uint8(c.N() - 1)
	c.Broadcast(Msg{Kind: Request, Seq: s.Our})
	s.Sent += uint16(c.N() - 1)
	return enter(c, s, history)
}

// receiveRequest handles request seq of process from: the reply is
// deferred while this process is in its critical section or its own
// pending request comes first (smaller sequence number, ties broken by the
// smaller id); otherwise it is sent at once. With inCSReplies (the broken
// VariantReplyInCS) a process in its critical section replies too.
func receiveRequest(c *actor.Ctx[Msg], s Proc, from actor.ID, seq uint8, inCSReplies bool) Proc {
	s.Highest = max(s.Highest, seq)
	ahead := s.Our < seq || (s.Our == seq && c.Self() < from)
	deferIt := (s.Phase == PhaseWaiting && ahead) || (s.Phase == PhaseInCS && !inCSReplies)
	if deferIt {
		s.Deferred |= 1 << from
		return s
	}
	c.Send(from, Msg{Kind: Reply})
	s.Sent++
	return s
}

// receiveReply counts a reply and enters once every other process has
// replied. A reply not awaited (only a duplicated message can be one) is
// ignored.
func receiveReply(c *actor.Ctx[Msg], s Proc, history bool) Proc {
	if s.Phase != PhaseWaiting || s.Out == 0 {
		return s
	}
	s.Out--
	return enter(c, s, history)
}

// enter enters the critical section when no reply is outstanding. With
// history, entering is the lock's acquire, called and returned in the one
// step (see "The critical section as a lock object" in doc.go for why the
// call is not recorded at the request).
func enter(c *actor.Ctx[Msg], s Proc, history bool) Proc {
	if s.Phase == PhaseWaiting && s.Out == 0 {
		s.Phase = PhaseInCS
		c.SetTimer(timerExit)
		if history {
			c.Call(Acquire)
			c.Return(OK)
		}
	}
	return s
}

// exit leaves the critical section and sends the deferred replies, in id
// order; the process asks again while it has requests left. With history,
// it is the lock's release, called and returned in the one step.
func exit(c *actor.Ctx[Msg], s Proc, requests int, history bool) Proc {
	if history {
		c.Call(Release)
		c.Return(OK)
	}
	s.Phase, s.Our = PhaseIdle, 0
	s.Done++
	for j := range c.N() {
		if s.Deferred&(1<<j) != 0 {
			c.Send(actor.ID(j), Msg{Kind: Reply})
			s.Sent++
		}
	}
	s.Deferred = 0
	if int(s.Done) < requests {
		c.SetTimer(timerWant)
	}
	return s
}
