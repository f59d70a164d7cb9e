package maekawa

import (
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// A Phase is where a process is as a candidate.
type Phase uint8

// The phases.
const (
	Idle    Phase = iota // not asking for its critical section
	Waiting              // asked its request set, not yet in its CS
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
// (Phase to Deferred) and a member of the request sets it belongs to (Lock
// to Queue). Queue is shared between states: never modify it in place (see
// insert and popFront).
type Proc struct {
	// The candidate.
	Phase    Phase
	Done     uint8 // critical sections completed
	TS       uint8 // timestamp of the current (or last) request; 0 before the first
	Clock    uint8 // Lamport clock: the largest timestamp seen
	Held     Set   // members locked for the current request
	Failed   Set   // members that sent Failed for it and have not locked for it since
	Yielded  Set   // members relinquished to that have not locked for it again
	Deferred Set   // members whose Inquire is not answered yet
	// The member.
	Lock     Req   // the request it is locked for; zero when unlocked
	Inquired bool  // an Inquire for Lock is out
	Queue    []Req // waiting requests, by precedence
	// Sent counts the messages this process sent (messages to itself are
	// local calls, not counted).
	Sent uint16
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(p.Phase), p.Done, p.TS, p.Clock)
	for _, s := range [...]Set{p.Held, p.Failed, p.Yielded, p.Deferred} {
		dst = model.AppendUint(dst, uint64(s))
	}
	dst = append(dst, p.Lock.TS, byte(p.Lock.ID))
	dst = model.AppendBool(dst, p.Inquired)
	dst = append(dst, byte(len(p.Queue)))
	for _, r := range p.Queue {
		dst = append(dst, r.TS, byte(r.ID))
	}
	return model.AppendUint(dst, uint64(p.Sent))
}

// String formats the process for traces, as "waiting ts=2 locks={p0,p1}
// failed={p3} | lock=p2:1 queue=[p0:2] inquired sent=4 done=0": the
// candidate, then after the bar the member.
func (p Proc) String() string {
	var b strings.Builder
	b.WriteString(p.Phase.String())
	if p.TS != 0 {
		b.WriteString(" ts=" + strconv.Itoa(int(p.TS)))
	}
	if p.Phase != Idle {
		b.WriteString(" locks=" + p.Held.String())
	}
	for _, f := range []struct {
		name string
		set  Set
	}{{"failed", p.Failed}, {"yielded", p.Yielded}, {"deferred", p.Deferred}} {
		if f.set != 0 {
			b.WriteString(" " + f.name + "=" + f.set.String())
		}
	}
	b.WriteString(" | lock=")
	if p.Lock == (Req{}) {
		b.WriteString("free")
	} else {
		b.WriteString(p.Lock.String())
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

// insert returns q with r added before the first request r precedes. q is
// not modified.
func insert(q []Req, r Req) []Req {
	i := slices.IndexFunc(q, func(o Req) bool { return r.before(o) })
	if i < 0 {
		i = len(q)
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
