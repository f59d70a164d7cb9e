package causal

import (
	"slices"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// A Proc is the local state of one process.
type Proc struct {
	N       uint8           // the number of processes (constant), for printing
	S       VC              // the vector clock (the text's S): messages delivered from each process, sent by itself
	Delayed []Msg           // received messages neither accepted nor rejected yet, in key order (copy-on-write)
	Seq     []MsgID         // ghost: the deliveries, own messages included at their send, oldest first (copy-on-write)
	Past    uint64          // ghost: the causal past, a bit set of MsgID
	Deps    [MaxMsgs]uint64 // ghost: Deps[k] is the causal past of this process's message k+1 when it was sent
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, p.S[:]...)
	dst = model.AppendUint(dst, uint64(len(p.Delayed)))
	for _, m := range p.Delayed {
		dst = m.AppendKey(dst)
	}
	dst = model.AppendUint(dst, uint64(len(p.Seq)))
	for _, id := range p.Seq {
		dst = append(dst, byte(id))
	}
	dst = model.AppendUint(dst, p.Past)
	for _, d := range p.Deps {
		dst = model.AppendUint(dst, d)
	}
	return dst
}

// String formats the process for traces, as
// "S=(1,0,1) delayed=[M2_1(1,1,0)] delivered=[M3_1 M1_1]". Ghost state
// other than the deliveries is not printed.
func (p Proc) String() string {
	n := int(p.N)
	var b strings.Builder
	b.WriteString("S=" + p.S.Text(n))
	if len(p.Delayed) > 0 {
		names := make([]string, len(p.Delayed))
		for i, m := range p.Delayed {
			names[i] = m.String()
		}
		b.WriteString(" delayed=[" + strings.Join(names, " ") + "]")
	}
	names := make([]string, len(p.Seq))
	for i, id := range p.Seq {
		names[i] = id.String()
	}
	b.WriteString(" delivered=[" + strings.Join(names, " ") + "]")
	return b.String()
}

// A Verdict is what the text's rule does with a received message.
type Verdict uint8

// The verdicts of the rule.
const (
	Accept Verdict = iota // deliver it now
	Delay                 // keep it until the messages it depends on are delivered
	Reject                // a duplicate of a delivered message: discard it
)

var verdictNames = [...]string{"accept", "delay", "reject"}

// String returns "accept", "delay" or "reject".
func (v Verdict) String() string { return verdictNames[v] }

// Rule is the text's rule for process S receiving m from process i with
// timestamp T: accept m if T_i = S_i + 1 and T_k <= S_k for all k != i;
// delay it if T_i > S_i + 1 or T_k > S_k for some k != i; reject it if
// T_i <= S_i. The reject test comes first: a message already delivered is
// never delivered again (in the correct protocol no rejected message also
// meets the delay test, since S only grows after an accept). Without
// deps (the no-dependency-check variant) the T_k test is left out.
func Rule(s VC, m Msg, deps bool) Verdict {
	i := m.ID.Sender()
	switch {
	case m.T[i] <= s[i]:
		return Reject
	case m.T[i] > s[i]+1:
		return Delay
	}
	if deps {
		for k := range s {
			if k != i && m.T[k] > s[k] {
				return Delay
			}
		}
	}
	return Accept
}

// deliver returns p after delivering m: the clock counts it, and the
// ghost deliveries and causal past record it.
func (p Proc) deliver(m Msg) Proc {
	i := m.ID.Sender()
	p.S[i] = max(p.S[i], m.T[i])
	p.Seq = append(slices.Clip(p.Seq), m.ID)
	p.Past |= m.Deps | m.ID.bit()
	return p
}

// send returns p after it multicasts its next message, and the message.
// The sender delivers its own message at once.
func (p Proc) send(self, n int) (Proc, Msg) {
	p.S[self]++
	id := ID(self, int(p.S[self]))
	m := Msg{ID: id, N: uint8(n), T: p.S, Deps: p.Past}
	p.Deps[id.Seq()-1] = p.Past
	p.Seq = append(slices.Clip(p.Seq), id)
	p.Past |= id.bit()
	return p, m
}

// receive applies the receiving rule of variant v to m, then examines the
// delayed messages again after every delivery until none can be accepted
// or rejected.
func (p Proc) receive(v string, m Msg) Proc {
	if v == VariantDeliverOnReceipt {
		return p.deliver(m)
	}
	deps := v != VariantNoDependencyCheck
	switch Rule(p.S, m, deps) {
	case Reject:
		return p
	case Delay:
		p.Delayed = insertMsg(p.Delayed, m)
		return p
	}
	p = p.deliver(m)
	for again := true; again; {
		again = false
		for i, d := range p.Delayed {
			verdict := Rule(p.S, d, deps)
			if verdict == Delay {
				continue
			}
			p.Delayed = slices.Delete(slices.Clone(p.Delayed), i, i+1)
			if verdict == Accept {
				p = p.deliver(d)
			}
			again = true
			break
		}
	}
	return p
}

// insertMsg returns a new buffer with m inserted in key order.
func insertMsg(buf []Msg, m Msg) []Msg {
	i, _ := slices.BinarySearchFunc(buf, m, msgLess)
	return slices.Insert(slices.Clone(buf), i, m)
}
