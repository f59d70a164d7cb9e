package totalorder

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// A Proc is the local state of one process: a receiver of every multicast
// and the sender of its own.
type Proc struct {
	C    uint8   // the logical clock
	Sent uint8   // own messages multicast so far
	Seen uint16  // the messages received (or sent), a bit set of MsgID: duplicates are ignored
	Buf  []Entry // the buffer of messages not yet delivered, in id order (copy-on-write)
	Seq  []MsgID // the deliveries, oldest first (copy-on-write)
	// For each own message (by sequence number - 1), as its sender:
	Acks [MaxMsgs]uint8 // the processes whose proposal arrived, a bit set of ids (its own included)
	Max  [MaxMsgs]uint8 // the largest proposal so far; the commit time once every proposal is in
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, p.C, p.Sent)
	dst = model.AppendUint(dst, uint64(p.Seen))
	dst = model.AppendUint(dst, uint64(len(p.Buf)))
	for _, e := range p.Buf {
		dst = e.appendKey(dst)
	}
	dst = model.AppendUint(dst, uint64(len(p.Seq)))
	for _, id := range p.Seq {
		dst = append(dst, byte(id))
	}
	dst = append(dst, p.Acks[:]...)
	return append(dst, p.Max[:]...)
}

// String formats the process for traces, its buffer in delivery order, as
// "C=4 buffer=[m2@3? m1@4] delivered=[m0]" (? marks a pending proposal).
func (p Proc) String() string {
	buf := slices.Clone(p.Buf)
	slices.SortFunc(buf, func(a, b Entry) int {
		if a.before(b) {
			return -1
		}
		return 1
	})
	var b strings.Builder
	b.WriteString("C=" + strconv.Itoa(int(p.C)) + " buffer=[")
	for i, e := range buf {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e.String())
	}
	b.WriteString("] delivered=[")
	for i, id := range p.Seq {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(id.String())
	}
	b.WriteString("]")
	return b.String()
}

// entry returns the index of message id in the buffer, or -1.
func (p Proc) entry(id MsgID) int {
	return slices.IndexFunc(p.Buf, func(e Entry) bool { return e.ID == id })
}

// propose returns p with message id in its buffer, pending with a
// proposal from the clock, and the proposal.
func (p Proc) propose(id MsgID) (Proc, uint8) {
	p.C++
	p.Seen |= id.bit()
	e := Entry{ID: id, Time: p.C}
	i, _ := slices.BinarySearchFunc(p.Buf, e, func(a, b Entry) int { return int(a.ID) - int(b.ID) })
	p.Buf = slices.Insert(slices.Clone(p.Buf), i, e)
	return p, p.C
}

// commit returns p with message id committed at time t, its clock
// advanced past t.
func (p Proc) commit(id MsgID, t uint8) Proc {
	i := p.entry(id)
	p.Buf = slices.Clone(p.Buf)
	p.Buf[i] = Entry{ID: id, Time: t, Committed: true}
	p.C = max(p.C, t)
	return p
}

// deliverable returns the index of the entry to deliver next, or -1. The
// protocol delivers the entry first in (time, id) order if it is
// committed: a pending entry's proposal is a lower bound of its commit
// time, so nothing can come before a committed head. The early variant
// delivers the first committed entry, even behind a pending one.
func (p Proc) deliverable(early bool) int {
	best := -1
	for i, e := range p.Buf {
		if (e.Committed || !early) && (best < 0 || e.before(p.Buf[best])) {
			best = i
		}
	}
	if best >= 0 && !p.Buf[best].Committed {
		return -1
	}
	return best
}

// deliver returns p after delivering every message it may deliver now.
func (p Proc) deliver(early bool) Proc {
	for i := p.deliverable(early); i >= 0; i = p.deliverable(early) {
		p.Seq = append(slices.Clip(p.Seq), p.Buf[i].ID)
		p.Buf = slices.Delete(slices.Clone(p.Buf), i, i+1)
	}
	return p
}

// committedOwn returns how many of p's own messages have every proposal,
// among n processes.
func (p Proc) committedOwn(n int) int {
	c := 0
	for _, a := range p.Acks[:p.Sent] {
		if bits.OnesCount8(a) == n {
			c++
		}
	}
	return c
}
