package lamport

import "github.com/protocheck/protocheck/model/actor"

// The message-failure variants follow the text's four rules:
//
//   - a node resends its request when no reply comes: the retry timer of a
//     waiting process resends the request to every process it has not yet
//     heard from later than its request (Ctx.Resend: a copy still in flight
//     is not doubled);
//   - a node replies to any request, a duplicate too (the reply is a
//     retransmission, stamped with the current clock);
//   - a duplicate request is not entered into the queue;
//   - a node may ask the head of its queue what the hold-up is: the retry
//     timer sends Inquire to the head; a head that is done with that
//     request sends its release again (or, when it already waits again,
//     its newer request, which replaces the old one).
//
// A retransmission is the same message again, not a new event: it is
// stamped with the current clock, which does not advance. Only first
// transmissions advance clocks (see Proc.Clock), so retransmissions cannot
// drive the clocks up and the space stays finite.
//
// These rules repair loss but not the reordering that loss causes on a
// FIFO channel: when a request is lost, the same sender's reply to a later
// request may arrive alone and count as the "later message", and the
// receiver enters without knowing the lost request (VariantResendOnly
// shows it). VariantMessageFailure therefore carries the sender's pending
// request in every reply (Msg.Req), which costs no message: a reply that
// counts for entry always comes with the request it follows, and a
// request learnt that way is answered like any new request.

// receiveFailure handles a message in the message-failure variants; carry
// says whether replies carry the sender's pending request.
func receiveFailure(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg, carry bool) Proc {
	if m.Kind == Inquire {
		return answer(c, s, from, m.TS)
	}
	s.Seen = s.see(c.Self(), from, m.TS)
	s.Clock = max(s.Clock, m.TS)
	var req uint16 // the request this message announces, if any
	switch m.Kind {
	case Request:
		req = m.TS
	case Reply:
		req = m.Req
	case Release:
		s.Queue[from] = 0
	}
	// A request newer than the one queued is queued (it replaces one
	// whose release was lost); the same or an older one is a duplicate.
	if req > s.Queue[from] {
		s.Queue[from] = req
		s.Clock++
		c.Send(from, reply(s, carry))
		s.Sent++
	} else if m.Kind == Request {
		c.Resend(from, reply(s, carry)) // a duplicate: answered again, not queued
	}
	return s
}

// reply returns a reply stamped with the process's clock, carrying its
// pending request when carry is set.
func reply(s Proc, carry bool) Msg {
	m := Msg{Kind: Reply, TS: s.Clock}
	if carry {
		m.Req = s.pending()
	}
	return m
}

// answer handles an inquiry about the sender's view of this process's
// request ts: a request still pending is a real hold-up (nothing to say);
// otherwise the release was lost: the process sends it again or, when it
// waits again, sends its newer request.
func answer(c *actor.Ctx[Msg], s Proc, from actor.ID, ts uint16) Proc {
	switch {
	case s.Phase != PhaseIdle && s.TS == ts:
	case s.Phase != PhaseIdle:
		c.Resend(from, Msg{Kind: Request, TS: s.TS})
	default:
		c.Resend(from, Msg{Kind: Release, TS: s.Clock})
	}
	return s
}

// retry runs when a waiting process's retry timer fires: it resends its
// request to every process it has not heard from since the request,
// inquires at the head of its queue when that is another process, and
// sets the timer again.
func retry(c *actor.Ctx[Msg], s Proc) Proc {
	if s.Phase != PhaseWaiting {
		return s
	}
	self := c.Self()
	for j := range c.N() {
		if id := actor.ID(j); id != self && s.Seen&(1<<j) == 0 {
			c.Resend(id, Msg{Kind: Request, TS: s.TS})
		}
	}
	others := uint8(1<<c.N()-1) &^ (1 << self)
	if h, ok := s.head(); ok && h != self && s.Seen == others {
		c.Resend(h, Msg{Kind: Inquire, TS: s.Queue[h]})
	}
	c.SetTimer(timerRetry)
	return s
}
