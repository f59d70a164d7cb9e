package voting

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Phase is where a process is as a candidate.
type Phase uint8

// The phases.
const (
	Idle    Phase = iota // not asking for its critical section
	Waiting              // a candidate: asked for votes, not yet in its CS
	InCS                 // in its critical section
)

var phaseNames = [...]string{"idle", "waiting", "in CS"}

// String returns the phase's name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase(" + strconv.Itoa(int(p)) + ")"
}

// A Proc is the local state of one process, which is both a candidate
// (Phase to Early) and a voter (Voted to Queue). Queue is shared between
// states: never modify it in place (see insert and popFront).
type Proc struct {
	// The candidate.
	Phase Phase
	Done  uint8  // critical sections completed
	TS    uint8  // timestamp of the current (or last) request; 0 before the first
	Clock uint8  // rescension: Lamport clock, the largest timestamp seen
	Held  uint16 // votes held for the current request, a bit set of voter ids
	Early uint16 // rescension: voters that asked for their vote back before it arrived
	// The voter.
	Voted    Req   // the request holding this process's vote; zero when the vote is free
	Inquired bool  // rescension: an Inquire for Voted is out
	Queue    []Req // requests waiting for the vote: arrival order, or by precedence in rescension
	// Sent counts the messages this process sent (messages to itself are
	// local calls, not counted).
	Sent uint16
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(p.Phase), p.Done, p.TS, p.Clock)
	dst = model.AppendUint(dst, uint64(p.Held))
	dst = model.AppendUint(dst, uint64(p.Early))
	dst = append(dst, p.Voted.TS, byte(p.Voted.ID))
	dst = model.AppendBool(dst, p.Inquired)
	dst = append(dst, byte(len(p.Queue)))
	for _, r := range p.Queue {
		dst = append(dst, r.TS, byte(r.ID))
	}
	return model.AppendUint(dst, uint64(p.Sent))
}

// String formats the process for traces, as
// "waiting ts=2 votes={p0,p2} | vote->p0:2 queue=[p1:3] inquired sent=4 done=0":
// the candidate, then after the bar the voter.
func (p Proc) String() string {
	var b strings.Builder
	b.WriteString(p.Phase.String())
	if p.TS != 0 {
		b.WriteString(" ts=" + strconv.Itoa(int(p.TS)))
	}
	if p.Phase != Idle {
		b.WriteString(" votes=" + actor.IDSet(uint64(p.Held)))
	}
	if p.Early != 0 {
		b.WriteString(" early=" + actor.IDSet(uint64(p.Early)))
	}
	b.WriteString(" | vote->")
	if p.Voted == (Req{}) {
		b.WriteString("free")
	} else {
		b.WriteString(p.Voted.String())
	}
	if len(p.Queue) > 0 {
		q := make([]string, len(p.Queue))
		for i, r := range p.Queue {
			q[i] = r.String()
		}
		b.WriteString(" queue=[" + strings.Join(q, ",") + "]")
	}
	if p.Inquired {
		b.WriteString(" inquired")
	}
	b.WriteString(" sent=" + strconv.Itoa(int(p.Sent)) + " done=" + strconv.Itoa(int(p.Done)))
	return b.String()
}

// votes returns the number of votes held.
func (p Proc) votes() int { return bits.OnesCount16(p.Held) }

// holds reports whether the candidate holds voter v's vote.
func (p Proc) holds(v actor.ID) bool { return p.Held>>v&1 == 1 }

// appendQueue returns q with r added: at the end (arrival order) or, when
// sorted, before the first request r precedes. q is not modified.
func appendQueue(q []Req, r Req, sorted bool) []Req {
	i := len(q)
	if sorted {
		i = slices.IndexFunc(q, func(o Req) bool { return r.before(o) })
		if i < 0 {
			i = len(q)
		}
	}
	out := make([]Req, 0, len(q)+1)
	out = append(out, q[:i]...)
	out = append(out, r)
	return append(out, q[i:]...)
}

// popFront returns the first request of a non-empty queue and the rest,
// without modifying q (the rest shares q's array, which is never
// written).
func popFront(q []Req) (Req, []Req) {
	if len(q) == 1 {
		return q[0], nil
	}
	return q[0], q[1:]
}
