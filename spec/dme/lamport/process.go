package lamport

import "github.com/protocheck/protocheck/model/actor"

// The timers: a process's request (it asks for its critical section), its
// exit from the critical section and, in the message-failure variants,
// its retry while waiting. None has a wall clock: a set timer fires at any
// moment, and weak fairness makes it fire eventually.
const (
	timerWant actor.Timer = iota
	timerExit
	timerRetry
)

var timerNames = []string{"want", "exit", "retry"}

// failure reports whether the variant handles message failure.
func (cfg Config) failure() bool {
	return cfg.Variant == VariantMessageFailure || cfg.Variant == VariantResendOnly
}

// process returns the behaviour of every process under cfg.
func process(cfg Config) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.SetTimer(timerWant)
			return Proc{}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			if cfg.failure() {
				s = receiveFailure(c, s, from, m, cfg.Variant == VariantMessageFailure)
			} else {
				s = receive(c, s, from, m)
			}
			return tryEnter(c, s)
		},
		Timeout: func(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
			switch t {
			case timerWant:
				return request(c, s, cfg.failure())
			case timerExit:
				return release(c, s, cfg.Requests)
			}
			return retry(c, s)
		},
	}
}

// request asks for the critical section: the process stamps a request,
// puts it in its own queue and sends it to every other process.
func request(c *actor.Ctx[Msg], s Proc, failure bool) Proc {
	s.Clock++
	s.TS, s.Phase, s.Seen = s.Clock, PhaseWaiting, 0
	s.Queue[c.Self()] = s.TS
	c.Broadcast(Msg{Kind: Request, TS: s.TS})
	s.Sent += uint16(c.N() - 1)
	if failure {
		c.SetTimer(timerRetry)
	}
	return tryEnter(c, s)
}

// receive is the text's algorithm: a request is queued and answered, a
// release removes the sender's request; any message may be the later
// message the receiver waits for.
func receive(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
	s.Seen = s.see(c.Self(), from, m.TS)
	s.Clock = max(s.Clock, m.TS)
	switch m.Kind {
	case Request:
		s.Queue[from] = m.TS
		s.Clock++
		c.Send(from, Msg{Kind: Reply, TS: s.Clock})
		s.Sent++
	case Release:
		s.Queue[from] = 0
	}
	return s
}

// tryEnter enters the critical section when the process's own request
// heads its queue and a later message came from every other process.
func tryEnter(c *actor.Ctx[Msg], s Proc) Proc {
	self := c.Self()
	others := uint8(1<<c.N()-1) &^ (1 << self)
	if h, _ := s.head(); s.Phase != PhaseWaiting || s.Seen != others || h != self {
		return s
	}
	s.Phase, s.Seen = PhaseInCS, 0
	c.CancelTimer(timerRetry)
	c.SetTimer(timerExit)
	return s
}

// release leaves the critical section: the process removes its request
// and tells every other process, and asks again while it has requests
// left.
func release(c *actor.Ctx[Msg], s Proc, requests int) Proc {
	s.Clock++
	s.Queue[c.Self()] = 0
	s.Phase, s.TS = PhaseIdle, 0
	s.Done++
	c.Broadcast(Msg{Kind: Release, TS: s.Clock})
	s.Sent += uint16(c.N() - 1)
	if int(s.Done) < requests {
		c.SetTimer(timerWant)
	}
	return s
}
