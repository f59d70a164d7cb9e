package multicast

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// A Link is an origin's side of its stream of data copies to one
// destination: the messages in the order sent (a copy's sequence number
// is its place here, from 1), and how many the destination acknowledged.
type Link struct {
	Log   [maxLog]uint8 // message ids, in sending order
	N     uint8         // copies sent
	Acked uint8         // copies the destination confirmed with Ack (recovery)
}

// A Proc is the local state of one process, whatever its role: senders use
// Sent and Out, sequencers and relaying receivers Out, receivers and
// sequencers the receiving fields. A value type: every field is an array
// or a number.
type Proc struct {
	Out  [MaxProcs]Link  // origin side, by destination
	In   [MaxProcs]uint8 // recovery: the sequence numbers received, by origin (bit k-1 for number k)
	Sent uint8           // sender: copies sent so far, a position in its plan
	Seen uint8           // the message ids received (a bit set): duplicate detection, relaying
	Held uint8           // fifo, causal and sequencer intake: received, not yet delivered (held back)
	Done uint8           // the message ids delivered (a bit set)
	// Cnt counts, per sender, the messages delivered in order: fifo, the
	// next sequence number expected is Cnt+1; causal, it is the text's
	// vector S (senders deliver nothing, so it counts deliveries only).
	Cnt [MaxSenders]uint8
	// Hold and Next are a receiver's view of each sequencer's stream: the
	// message (id+1) ordered at each number, and the numbers delivered.
	Hold  [MaxSeqs][maxLog]uint8
	Next  [MaxSeqs]uint8
	Deliv [maxDeliv]uint8 // receiver: the messages delivered, in order
	ND    uint8           // the length of Deliv
}

// AppendKey implements actor.Value. Empty links take one byte.
func (p Proc) AppendKey(dst []byte) []byte {
	for i := range p.Out {
		l := &p.Out[i]
		dst = append(dst, l.N)
		if l.N > 0 {
			dst = append(dst, l.Acked)
			dst = append(dst, l.Log[:l.N]...)
		}
	}
	dst = append(dst, p.In[:]...)
	dst = append(dst, p.Sent, p.Seen, p.Held, p.Done)
	dst = append(dst, p.Cnt[:]...)
	for q := range p.Hold {
		dst = append(dst, p.Hold[q][:]...)
	}
	dst = append(dst, p.Next[:]...)
	dst = append(dst, p.ND)
	return append(dst, p.Deliv[:p.ND]...)
}

// delivered returns the messages delivered, in order.
func (p *Proc) delivered() []uint8 { return p.Deliv[:p.ND] }

// deliver appends m to the deliveries.
func (p Proc) deliver(m uint8) Proc {
	if int(p.ND) == len(p.Deliv) {
		panic(fmt.Sprintf("multicast: more than %d deliveries at one receiver", len(p.Deliv)))
	}
	p.Deliv[p.ND] = m
	p.ND++
	p.Done |= 1 << m
	return p
}

// String formats the non-empty fields, as "sent=2 out=p2:[m1 m2](acked 1)"
// (the copies sent to p2, of which p2 acknowledged the first), "in=p0:{1,3}"
// (the numbers received from p0), "delivered=[m1 m2] held={m3}", and
// "q0#2=m3" (m3, held at number 2 of the first sequencer's stream).
func (p Proc) String() string {
	var parts []string
	if p.Sent > 0 {
		parts = append(parts, fmt.Sprintf("sent=%d", p.Sent))
	}
	for d := range p.Out {
		if l := p.Out[d]; l.N > 0 {
			out := fmt.Sprintf("out=%v:%s", actor.ID(d), msgList(l.Log[:l.N]))
			if l.Acked > 0 {
				out += fmt.Sprintf("(acked %d)", l.Acked)
			}
			parts = append(parts, out)
		}
	}
	for o, bits := range p.In {
		if bits != 0 {
			parts = append(parts, fmt.Sprintf("in=%v:%s", actor.ID(o), seqSet(bits)))
		}
	}
	if p.ND > 0 {
		parts = append(parts, "delivered="+msgList(p.delivered()))
	}
	if p.Held != 0 {
		parts = append(parts, "held="+msgSet(p.Held))
	}
	for q := range p.Hold {
		for k, m := range p.Hold[q] {
			if m != 0 {
				parts = append(parts, fmt.Sprintf("q%d#%d=%s", q, k+1, msgName(m-1)))
			}
		}
	}
	if len(parts) == 0 {
		return "idle"
	}
	return strings.Join(parts, " ")
}

// msgName names message id m: "m1" for id 0.
func msgName(m uint8) string { return fmt.Sprintf("m%d", m+1) }

func msgList(ms []uint8) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = msgName(m)
	}
	return "[" + strings.Join(names, " ") + "]"
}

func msgSet(bits uint8) string {
	var names []string
	for m := range uint8(8) {
		if bits&(1<<m) != 0 {
			names = append(names, msgName(m))
		}
	}
	return "{" + strings.Join(names, ",") + "}"
}

func seqSet(bits uint8) string {
	var nums []string
	for k := range 8 {
		if bits&(1<<k) != 0 {
			nums = append(nums, fmt.Sprint(k+1))
		}
	}
	return "{" + strings.Join(nums, ",") + "}"
}
