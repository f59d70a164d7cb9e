package multicast

import "github.com/protocheck/protocheck/model/actor"

// The receiving side: a copy goes through the link (recovery: duplicate
// numbers dropped, gaps nacked), duplicate detection, the atomic relay,
// and then the ordering's intake, which delivers (a receiver) or orders
// and sends on (a sequencer) whatever it releases.

// receive handles every message.
func (mc *machine) receive(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
	switch m.Kind {
	case Nack:
		return mc.onNack(c, s, from, m.Seq)
	case Ack:
		return mc.onAck(c, s, from, m.Seq)
	}
	if mc.lv >= levelRecovery {
		bit := uint8(1) << (m.Seq - 1)
		dup := s.In[from]&bit != 0
		s.In[from] |= bit
		if k := firstMissing(s.In[from]); k < m.Seq {
			c.Resend(from, Msg{Kind: Nack, Seq: k}) // a gap: the text's negative acknowledgement
		} else {
			c.Resend(from, Msg{Kind: Ack, Seq: k - 1})
		}
		if dup {
			return s // a copy already received on this link
		}
	}
	if m.Kind == Order {
		return mc.onOrder(s, from, m)
	}
	bit := uint8(1) << m.M
	first := s.Seen&bit == 0
	if !first && mc.lv >= levelDedup {
		return s
	}
	s.Seen |= bit
	if first && mc.lv == levelAtomic {
		if next, ok := mc.successor(m.M, c.Self()); ok {
			s = mc.emit(c, s, next, m.M)
		}
	}
	return mc.intake(c, s, m.M)
}

// intake passes a received message to the ordering: a sequencer takes its
// senders' messages in FIFO order; a receiver by the configured ordering.
func (mc *machine) intake(c *actor.Ctx[Msg], s Proc, m uint8) Proc {
	if mc.roles[c.Self()] == roleSequencer {
		return mc.fifoIntake(c, s, m)
	}
	switch mc.cfg.Ordering {
	case OrderFIFO:
		return mc.fifoIntake(c, s, m)
	case OrderCausal:
		return mc.causalIntake(c, s, m)
	}
	return s.deliver(m)
}

// release hands a message the ordering let through to the process: a
// receiver delivers it; a sequencer numbers it in its stream to each of
// its members among the message's destinations and sends it to them.
func (mc *machine) release(c *actor.Ctx[Msg], s Proc, m uint8) Proc {
	qi := mc.seqIndex(c.Self())
	if qi < 0 {
		return s.deliver(m)
	}
	for _, r := range mc.members(qi, m) {
		s = mc.emit(c, s, r, m)
	}
	return s
}

// fifoIntake delivers the messages of each sender in its order, by the
// number the sender gave m on its link to this process: an old number is
// rejected, an early one held back.
func (mc *machine) fifoIntake(c *actor.Ctx[Msg], s Proc, m uint8) Proc {
	self := c.Self()
	if mc.msgs[m].fifo[self] <= s.Cnt[mc.msgs[m].sender] {
		return s
	}
	s.Held |= 1 << m
	for progress := true; progress; {
		progress = false
		for h := range uint8(len(mc.msgs)) {
			hm := &mc.msgs[h]
			if s.Held&(1<<h) != 0 && hm.fifo[self] == s.Cnt[hm.sender]+1 {
				s.Held &^= 1 << h
				s.Cnt[hm.sender]++
				s = mc.release(c, s, h)
				progress = true
			}
		}
	}
	return s
}

// A verdict is the text's causal rule's decision on a message.
type verdict uint8

const (
	accept verdict = iota
	delay
	reject
)

// causalRule is the text's rule, with T the message's vector timestamp,
// S the receiver's vector and i the sender: accept if T_i = S_i + 1 and
// T_k <= S_k for all k != i; delay if T_i > S_i + 1 or some T_k > S_k;
// reject if T_i <= S_i.
func (mc *machine) causalRule(s *Proc, m uint8) verdict {
	t, i := &mc.msgs[m].vt, mc.msgs[m].sender
	if t[i] <= s.Cnt[i] {
		return reject
	}
	if t[i] > s.Cnt[i]+1 {
		return delay
	}
	for k := range t {
		if k != i && t[k] > s.Cnt[k] {
			return delay
		}
	}
	return accept
}

// causalIntake applies the causal rule to m, then re-examines the delayed
// messages after every delivery.
func (mc *machine) causalIntake(c *actor.Ctx[Msg], s Proc, m uint8) Proc {
	switch mc.causalRule(&s, m) {
	case reject:
		return s
	case delay:
		s.Held |= 1 << m
		return s
	}
	s = mc.acceptCausal(c, s, m)
	for progress := true; progress; {
		progress = false
		for h := range uint8(len(mc.msgs)) {
			if s.Held&(1<<h) == 0 {
				continue
			}
			switch mc.causalRule(&s, h) {
			case accept:
				s.Held &^= 1 << h
				s = mc.acceptCausal(c, s, h)
				progress = true
			case reject:
				s.Held &^= 1 << h
			}
		}
	}
	return s
}

// acceptCausal delivers m and advances S_i to T_i.
func (mc *machine) acceptCausal(c *actor.Ctx[Msg], s Proc, m uint8) Proc {
	s.Cnt[mc.msgs[m].sender] = mc.msgs[m].vt[mc.msgs[m].sender]
	return mc.release(c, s, m)
}

// onOrder takes number m.Seq of sequencer from's stream to this receiver
// and delivers the stream in order. A member of two groups (total order
// per group) follows each stream on its own; at the duplicate-detection
// levels it skips a message it already delivered from the other stream.
func (mc *machine) onOrder(s Proc, from actor.ID, m Msg) Proc {
	qi := mc.seqIndex(from)
	k := m.Seq
	if k <= s.Next[qi] || s.Hold[qi][k-1] != 0 {
		return s
	}
	s.Hold[qi][k-1] = m.M + 1
	for int(s.Next[qi]) < maxLog && s.Hold[qi][s.Next[qi]] != 0 {
		h := s.Hold[qi][s.Next[qi]] - 1
		s.Hold[qi][s.Next[qi]] = 0
		s.Next[qi]++
		if s.Done&(1<<h) != 0 && mc.lv >= levelDedup {
			continue
		}
		s = s.deliver(h)
	}
	return s
}
