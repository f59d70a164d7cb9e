package sendsem

import "github.com/protocheck/protocheck/model/actor"

// The local steps are timers of the actor layer (its only internal
// step): a timer is set when its step becomes possible and fires at any
// later moment, weakly fairly, so "timeout p0 1-copy" is step 1 taken.
const (
	timerCopy     actor.Timer = iota // sender: step 1
	timerTransmit                    // sender: step 2
	timerSent                        // sender, blocking send: step 7, the interface reports the transmission
	timerRelease                     // sender: step 8
	timerDeliver                     // receiver: step 4
	timerService                     // receiver, request and reply: the service
	timerDelAck                      // receiver: step 5
	timerNetAck                      // receiver: step 6
)

var timerNames = []string{"1-copy", "2-transmit", "7-sent", "8-release", "4-deliver", "service", "5-delivery-ack", "6-kernel-ack"}

// sender returns the sending host's behaviour under primitive p.
func sender(p Primitive) actor.Actor[Host, Msg] {
	return actor.Actor[Host, Msg]{
		Name: "sender",
		Start: func(c *actor.Ctx[Msg]) Host {
			c.SetTimer(timerCopy)
			return Host{}
		},
		// Step 7 of the acknowledging primitives: the receiver kernel's
		// Ack, or the Reply, arrives.
		Receive: func(c *actor.Ctx[Msg], h Host, _ actor.ID, m Msg) Host {
			want := Ack
			if p == RequestReply {
				want = Reply
			}
			if m.Kind != want || p <= Blocking || h.Done.Has(StepAckIn) {
				return h
			}
			h.Done = h.Done.Add(StepAckIn)
			h.GotReply = m.Kind == Reply
			c.SetTimer(timerRelease)
			return h
		},
		Timeout: func(c *actor.Ctx[Msg], h Host, t actor.Timer) Host {
			switch t {
			case timerCopy: // step 1; a nonblocking send returns at once (8)
				h.Done = h.Done.Add(StepCopy)
				c.SetTimer(timerTransmit)
				if p == Nonblocking {
					c.SetTimer(timerRelease)
				}
			case timerTransmit: // step 2
				h.Done = h.Done.Add(StepSend)
				c.Send(ReceiverID, Msg{Data})
				h.Sent++
				if p == Blocking {
					c.SetTimer(timerSent)
				}
			case timerSent: // step 7 of the blocking send: local
				h.Done = h.Done.Add(StepAckIn)
				c.SetTimer(timerRelease)
			case timerRelease: // step 8
				h.Done = h.Done.Add(StepRelease)
			}
			return h
		},
		Stable: keep,
	}
}

// receiver returns the receiving host's behaviour under primitive p.
func receiver(p Primitive) actor.Actor[Host, Msg] {
	return actor.Actor[Host, Msg]{
		Name: "receiver",
		Start: func(*actor.Ctx[Msg]) Host {
			return Host{}
		},
		// Step 3: the message arrives at the receiver's kernel, which will
		// deliver it (4) and, for the reliable blocking send, acknowledge
		// it at once (6).
		Receive: func(c *actor.Ctx[Msg], h Host, _ actor.ID, m Msg) Host {
			if m.Kind != Data || h.Done.Has(StepArrive) {
				return h
			}
			h.Done = h.Done.Add(StepArrive)
			c.SetTimer(timerDeliver)
			if p == ReliableBlocking {
				c.SetTimer(timerNetAck)
			}
			return h
		},
		Timeout: func(c *actor.Ctx[Msg], h Host, t actor.Timer) Host {
			switch t {
			case timerDeliver: // step 4
				h.Done = h.Done.Add(StepDeliver)
				switch p {
				case ExplicitBlocking:
					c.SetTimer(timerDelAck)
				case RequestReply:
					c.SetTimer(timerService)
				}
			case timerService: // the request is served; the reply is ready
				h.Done = h.Done.Add(StepService)
				c.SetTimer(timerDelAck)
			case timerDelAck: // step 5: delivery acknowledged (or the reply handed) to the kernel
				h.Done = h.Done.Add(StepDelAck)
				c.SetTimer(timerNetAck)
			case timerNetAck: // step 6
				h.Done = h.Done.Add(StepNetAck)
				reply := Msg{Ack}
				if p == RequestReply {
					reply = Msg{Reply}
				}
				c.Send(SenderID, reply)
				h.Sent++
			}
			return h
		},
		Stable: keep,
	}
}

// keep is Actor.Stable: a crashed host keeps its record (see Host).
func keep(h Host) Host { return h }
