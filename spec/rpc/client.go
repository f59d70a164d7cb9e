package rpc

import "github.com/protocheck/protocheck/model/actor"

// ctx is the handlers' context.
type ctx = actor.Ctx[Msg]

// client returns the behaviour of a client process for cfg.
func (cfg Config) client() actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name:    "client",
		Start:   func(c *ctx) Proc { return cfg.nextCall(c, Proc{}) },
		Receive: cfg.clientReceive,
		Timeout: func(c *ctx, s Proc, _ actor.Timer) Proc { return cfg.clientTimeout(c, s) },
		// The client logs its epoch, its position in the program and
		// whether a call is outstanding (what extermination needs).
		Stable:  func(s Proc) Proc { return Proc{Epoch: s.Epoch, Next: s.Next, InCall: s.InCall} },
		Recover: cfg.clientRecover,
	}
}

// op returns the operation of client c's j-th call.
func op(c actor.ID, j uint8) OpKind {
	if (int(c-FirstClient)+int(j))%2 == 0 {
		return Inc
	}
	return Read
}

// nextCall starts the client's next call, or ends its program.
func (cfg Config) nextCall(c *ctx, s Proc) Proc {
	s.Tries = 0
	if int(s.Next) >= cfg.Ops {
		s.Phase, s.InCall = Done, false
		c.CancelTimer(retryTimer)
		return s
	}
	s.InCall = true
	c.Call(Call{Op: op(c.Self(), s.Next), Xid: s.xid()})
	return cfg.bindOrSend(c, s)
}

// bindOrSend sends the current call if the client holds a binding, and
// asks the binder first otherwise.
func (cfg Config) bindOrSend(c *ctx, s Proc) Proc {
	c.SetTimerAfter(retryTimer, cfg.retryAfter())
	if !s.Bound {
		s.Phase = Looking
		c.Send(Binder, Msg{Kind: Lookup})
		return s
	}
	s.Phase = Calling
	c.Send(Server, s.request(c.Self()))
	return s
}

// xid returns the id of the client's current call.
func (s Proc) xid() Xid { return Xid{Epoch: s.Epoch, Seq: s.Next} }

// request returns the current call's request, bound to the client's binding.
func (s Proc) request(self actor.ID) Msg {
	return Msg{Kind: Request, Port: s.Port, Inc: s.Inc, Xid: s.xid(), Op: op(self, s.Next), Epoch: s.Epoch}
}

// finish ends the current call with outcome o and starts the next one.
func (cfg Config) finish(c *ctx, s Proc, o Outcome) Proc {
	o.Xid = s.xid()
	c.Return(o)
	s.Next++
	s.InCall = false
	return cfg.nextCall(c, s)
}

// clientReceive handles the binder's and the server's answers. Answers to
// anything but the current call are stale and ignored.
func (cfg Config) clientReceive(c *ctx, s Proc, _ actor.ID, m Msg) Proc {
	switch {
	case m.Kind == Binding && s.Phase == Looking:
		s.Bound, s.Port, s.Inc = true, m.Port, m.Inc
		return cfg.bindOrSend(c, s)
	case m.Kind == KillAck && s.Phase == Killing && m.Epoch == s.Epoch:
		return cfg.nextCall(c, s)
	case s.Phase != Calling || m.Xid != s.xid():
		return s
	case m.Kind == Reply:
		return cfg.finish(c, s, Outcome{Kind: OK, Val: m.Val})
	case m.Kind == Rejected:
		// A clear error: the binding is stale. The next call rebinds.
		s.Bound = false
		return cfg.finish(c, s, Outcome{Kind: BindError})
	case m.Kind == Crashed && cfg.Semantics == AtLeastOnce && int(s.Tries) < cfg.Retries:
		// The exception makes an at-least-once client rebind to the new
		// incarnation and try again. NB: Tries counts every retry of the
		// call (lookups, requests, rebinds), which keeps the model finite.
		s.Bound = false
		s.Tries++
		return cfg.bindOrSend(c, s)
	case m.Kind == Crashed:
		s.Bound = false
		return cfg.finish(c, s, Outcome{Kind: ServerCrashed})
	}
	return s
}

// clientTimeout retransmits the lookup, request or kill, or gives up when
// the retransmissions are used up; a rebooted client that has waited out
// the lease (expiration) makes its next call.
func (cfg Config) clientTimeout(c *ctx, s Proc) Proc {
	if s.Phase == Waiting {
		return cfg.nextCall(c, s)
	}
	retries := cfg.Retries
	if cfg.Semantics == Maybe && s.Phase != Killing {
		retries = 0 // maybe never retransmits a call (nor a lookup)
	}
	if int(s.Tries) >= retries {
		if s.Phase == Killing {
			// NB: an exterminating client may not call before its
			// orphans are dead, so it waits on (and would block for
			// good if the server never answered).
			return s
		}
		return cfg.finish(c, s, Outcome{Kind: Lost})
	}
	s.Tries++
	c.SetTimerAfter(retryTimer, cfg.retryAfter())
	switch s.Phase {
	case Looking:
		c.Send(Binder, Msg{Kind: Lookup})
	case Calling:
		c.Send(Server, s.request(c.Self()))
	case Killing:
		c.Send(Server, Msg{Kind: Kill, Epoch: s.Epoch})
	}
	return s
}

// clientRecover reboots the client into a new epoch. The call in progress
// at the crash is abandoned (its history entry stays pending); what happens
// to its computation at the server is the orphan rule's business.
func (cfg Config) clientRecover(c *ctx, s Proc) Proc {
	// Any call made so far may still run at the server, even one the
	// client gave up on: those are the candidates for extermination.
	called := s.InCall || s.Next > 0
	s.Epoch++
	if s.InCall {
		s.Next++
		s.InCall = false
	}
	switch {
	case cfg.Orphans == Extermination && called:
		s.Phase, s.Tries = Killing, 0
		c.Send(Server, Msg{Kind: Kill, Epoch: s.Epoch})
		c.SetTimerAfter(retryTimer, cfg.retryAfter())
		return s
	case cfg.Orphans == Expiration && called && cfg.wait() > 0:
		// It makes no call until every computation it may have left
		// running has lost its lease.
		s.Phase, s.Tries = Waiting, 0
		c.SetTimerAfter(retryTimer, cfg.wait())
		return s
	case cfg.Orphans == ServerKill:
		c.Send(Server, Msg{Kind: Hello, Epoch: s.Epoch})
	}
	return cfg.nextCall(c, s)
}
