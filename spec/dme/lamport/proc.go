package lamport

import (
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Phase is where a process stands with respect to its critical section.
type Phase uint8

// The phases.
const (
	PhaseIdle    Phase = iota // not asking (or finished)
	PhaseWaiting              // requested, waiting to enter
	PhaseInCS                 // in its critical section
)

var phaseNames = [...]string{"idle", "waiting", "in-cs"}

// String returns the phase's name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase?"
}

// A Proc is the local state of one process: what Lamport's algorithm
// holds (a logical clock and a request queue) plus the bookkeeping of a
// bounded run.
//
// The request queue holds at most one request per process (a process asks
// again only after releasing), so it is kept as Queue[j], the timestamp of
// j's pending request as this process knows it (0: none), and read in
// Lamport's total order of (timestamp, id). Timestamps start at 1.
//
// The clock follows Lamport's rules IR1 and IR2 for the events that carry
// a timestamp, the sends: a process advances its clock by one for each
// message it sends first (a request or release broadcast, a reply) and
// stamps it with the new value, and a receipt moves the clock up to the
// message's timestamp, so every message sent after a receipt is later
// than the message received. Receipts stamp nothing, so they do not tick:
// the clock condition holds for every timestamped event, and clocks grow
// only with the bounded number of messages sent.
type Proc struct {
	Clock uint16       // the Lamport clock (see Proc)
	Phase Phase        // idle, waiting or in its critical section
	TS    uint16       // the pending request's timestamp (0 when idle)
	Seen  uint8        // while waiting: the processes a message timestamped later than (TS, self) came from, a bit set of ids
	Done  uint8        // critical sections completed (entered and left)
	Sent  uint16       // messages sent so far, retransmissions excluded (the "messages" measure)
	Queue [MaxN]uint16 // the request queue, by process id (see Proc)
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = model.AppendUint(dst, uint64(p.Clock))
	dst = append(dst, byte(p.Phase))
	dst = model.AppendUint(dst, uint64(p.TS))
	dst = append(dst, p.Seen, p.Done)
	dst = model.AppendUint(dst, uint64(p.Sent))
	for _, ts := range p.Queue {
		dst = model.AppendUint(dst, uint64(ts))
	}
	return dst
}

// String formats the process for traces, as
// "waiting ts=1 clock=3 queue=[1:p0 2:p1] seen={p1} done=0 sent=3".
func (p Proc) String() string {
	var b strings.Builder
	b.WriteString(p.Phase.String())
	if p.Phase != PhaseIdle {
		b.WriteString(" ts=" + itoa(p.TS))
	}
	b.WriteString(" clock=" + itoa(p.Clock) + " queue=[")
	for i, j := range p.order() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(itoa(p.Queue[j]) + ":" + actor.ID(j).String())
	}
	b.WriteString("]")
	if p.Phase == PhaseWaiting {
		b.WriteString(" seen=" + actor.IDSet(uint64(p.Seen)))
	}
	b.WriteString(" done=" + strconv.Itoa(int(p.Done)) + " sent=" + itoa(p.Sent))
	return b.String()
}

// before reports whether request (a, i) precedes request (b, j) in
// Lamport's total order: by timestamp, ties broken by process id.
func before(a uint16, i actor.ID, b uint16, j actor.ID) bool {
	return a < b || (a == b && i < j)
}

// head returns the process whose request heads the queue, and false when
// the queue is empty.
func (p Proc) head() (actor.ID, bool) {
	var h actor.ID
	found := false
	for j, ts := range p.Queue {
		if ts != 0 && (!found || before(ts, actor.ID(j), p.Queue[h], h)) {
			h, found = actor.ID(j), true
		}
	}
	return h, found
}

// order returns the ids in the queue in queue order.
func (p Proc) order() []int {
	var ids []int
	for q := p; ; {
		h, ok := q.head()
		if !ok {
			return ids
		}
		ids = append(ids, int(h))
		q.Queue[h] = 0
	}
}

// pending returns the timestamp of the process's pending request, 0 when
// it is idle.
func (p Proc) pending() uint16 {
	if p.Phase == PhaseIdle {
		return 0
	}
	return p.TS
}

// see returns Seen after a message stamped ts from process from: while
// waiting, a message later than the own request counts.
func (p Proc) see(self, from actor.ID, ts uint16) uint8 {
	if p.Phase == PhaseWaiting && before(p.TS, self, ts, from) {
		return p.Seen | 1<<from
	}
	return p.Seen
}

func itoa(v uint16) string { return strconv.Itoa(int(v)) }
