package multicast

import (
	"fmt"

	"github.com/protocheck/protocheck/model/actor"
)

// The origin side of a link: senders, sequencers and (atomic) relaying
// receivers send data copies numbered per destination, keep them for
// retransmission, answer Nacks and, at the recovery levels, retransmit
// the first unacknowledged copy on a timer until the destination
// acknowledges every copy.

// kindFor returns the kind of the data copies self sends to process to.
func (mc *machine) kindFor(self, to actor.ID) Kind {
	switch {
	case mc.roles[self] == roleSender:
		return Data
	case mc.roles[self] == roleSequencer && mc.roles[to] == roleReceiver:
		return Order
	}
	return Relay
}

// emit appends message m to self's link to process to and sends the copy,
// numbered by its place on the link. At the recovery levels it arms the
// retransmission timer.
func (mc *machine) emit(c *actor.Ctx[Msg], s Proc, to actor.ID, m uint8) Proc {
	l := &s.Out[to]
	if int(l.N) == len(l.Log) {
		panic(fmt.Sprintf("multicast: %v: more than %d copies to %v", c.Self(), len(l.Log), to))
	}
	l.Log[l.N] = m
	l.N++
	kind := mc.kindFor(c.Self(), to)
	c.Send(to, Msg{Kind: kind, M: m, Seq: l.N})
	if mc.lv >= levelRecovery {
		c.SetTimer(timerRetransmit)
	}
	return s
}

// timeout handles the send and retransmission timers.
func (mc *machine) timeout(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
	self := c.Self()
	switch t {
	case timerSend:
		plan := mc.sends[self]
		next := plan[s.Sent]
		s = mc.emit(c, s, next.to, next.m)
		s.Sent++
		if int(s.Sent) < len(plan) {
			c.SetTimer(timerSend)
		}
	case timerRetransmit:
		again := false
		for d := range mc.n {
			if l := s.Out[d]; l.N > l.Acked {
				c.Resend(actor.ID(d), Msg{Kind: mc.kindFor(self, actor.ID(d)), M: l.Log[l.Acked], Seq: l.Acked + 1})
				again = true
			}
		}
		if again {
			c.SetTimer(timerRetransmit)
		}
	case timerWait:
		c.SetTimer(timerWait)
	}
	return s
}

// onNack retransmits copy number k to from.
func (mc *machine) onNack(c *actor.Ctx[Msg], s Proc, from actor.ID, k uint8) Proc {
	if l := s.Out[from]; k >= 1 && k <= l.N {
		c.Resend(from, Msg{Kind: mc.kindFor(c.Self(), from), M: l.Log[k-1], Seq: k})
	}
	return s
}

// onAck records that from holds the first n copies (a cumulative
// acknowledgement); when every link is acknowledged the retransmission
// timer stops.
func (mc *machine) onAck(c *actor.Ctx[Msg], s Proc, from actor.ID, n uint8) Proc {
	s.Out[from].Acked = max(s.Out[from].Acked, n)
	for d := range mc.n {
		if l := s.Out[d]; l.N > l.Acked {
			return s
		}
	}
	c.CancelTimer(timerRetransmit)
	return s
}

// firstMissing returns the smallest sequence number not in the set bits
// (bit k-1 for number k).
func firstMissing(bits uint8) uint8 {
	k := uint8(1)
	for bits&1 != 0 {
		bits >>= 1
		k++
	}
	return k
}
