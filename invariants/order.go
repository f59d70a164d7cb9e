package invariants

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// The order helpers describe the deliveries of a multicast protocol by each
// process's delivery sequence: the messages it has handed to its
// application so far, oldest first. A message is any comparable value that
// names one multicast (for example its sender and sequence number). They
// check the orders of group communication: no duplicate delivery, delivery
// that respects an order relation (causal order against happened-before,
// FIFO per sender), agreement on one total order, and eventual delivery.
//
// Convention: a sender that delivers its own message when it sends it (as
// the vector-clock and total-order protocols do) lists it in its own
// sequence; then every sent message is in some sequence, and a property
// that needs the set of sent messages can take the union of the sequences
// (Deliveries.Sent nil).

// NoDuplicates reports whether seq holds no message twice.
func NoDuplicates[M comparable](seq []M) bool {
	for i, m := range seq {
		if slices.Contains(seq[:i], m) {
			return false
		}
	}
	return true
}

// RespectsOrder reports whether seq, one process's deliveries, respects
// the relation before: for every delivered b and every message a of
// universe with before(a, b) that is addressed to the process (addressed
// nil: every message is), a was delivered before b. Causal delivery is
// RespectsOrder with happened-before; FIFO delivery with "sent earlier by
// the same sender".
func RespectsOrder[M comparable](seq, universe []M, before func(a, b M) bool, addressed func(M) bool) bool {
	for j, b := range seq {
		for _, a := range universe {
			if a != b && before(a, b) && (addressed == nil || addressed(a)) && !slices.Contains(seq[:j], a) {
				return false
			}
		}
	}
	return true
}

// PrefixOrdered reports whether one of a and b is a prefix of the other:
// two processes that deliver the same messages in the same order, one
// possibly ahead of the other.
func PrefixOrdered[M comparable](a, b []M) bool {
	n := min(len(a), len(b))
	return slices.Equal(a[:n], b[:n])
}

// SameRelativeOrder reports whether a and b deliver the messages they have
// in common in the same relative order (no two messages delivered in
// opposite orders), whatever else each delivers: the order property of
// overlapping groups, at the members of the intersection.
func SameRelativeOrder[M comparable](a, b []M) bool {
	j := 0 // b's position of the last common message seen in a
	for _, m := range a {
		k := slices.Index(b, m)
		if k < 0 {
			continue
		}
		if k < j {
			return false
		}
		j = k
	}
	return true
}

// Deliveries describes the delivery sequences of the N processes of a
// multicast protocol in a state S, with messages M.
type Deliveries[S any, M comparable] struct {
	// N is the number of processes, indexed 0..N-1.
	N int
	// Seq returns process i's deliveries in s, oldest first. Required. The
	// result is only read.
	Seq func(s S, i int) []M
	// Sent returns every message sent so far in s. Nil means the union of
	// the delivery sequences (see the convention above).
	Sent func(s S) []M
	// Dest reports whether m is addressed to process i. Nil means every
	// message is addressed to every process.
	Dest func(m M, i int) bool
	_    struct{} // forbids positional literals
}

// sent returns the messages sent so far: Sent, or every message of every
// sequence (with repeats, which do no harm to the checks).
func (d Deliveries[S, M]) sent(s S) []M {
	if d.Sent != nil {
		return d.Sent(s)
	}
	var all []M
	for i := range d.N {
		all = append(all, d.Seq(s, i)...)
	}
	return all
}

func (d Deliveries[S, M]) dest(m M, i int) bool { return d.Dest == nil || d.Dest(m, i) }

// NoDuplicates reports whether no process has delivered a message twice.
func (d Deliveries[S, M]) NoDuplicates(s S) bool {
	for i := range d.N {
		if !NoDuplicates(d.Seq(s, i)) {
			return false
		}
	}
	return true
}

// Respects reports whether every process's deliveries respect before (see
// RespectsOrder), over the messages sent so far.
func (d Deliveries[S, M]) Respects(s S, before func(s S, a, b M) bool) bool {
	all := d.sent(s)
	for i := range d.N {
		rel := func(a, b M) bool { return before(s, a, b) }
		if !RespectsOrder(d.Seq(s, i), all, rel, func(m M) bool { return d.dest(m, i) }) {
			return false
		}
	}
	return true
}

// Identical reports whether every two processes deliver in the same order,
// one possibly ahead of the other (PrefixOrdered): one total order.
func (d Deliveries[S, M]) Identical(s S) bool { return d.pairwise(s, PrefixOrdered[M]) }

// Consistent reports whether every two processes deliver their common
// messages in the same relative order (SameRelativeOrder).
func (d Deliveries[S, M]) Consistent(s S) bool { return d.pairwise(s, SameRelativeOrder[M]) }

func (d Deliveries[S, M]) pairwise(s S, ok func(a, b []M) bool) bool {
	for i := range d.N {
		for j := i + 1; j < d.N; j++ {
			if !ok(d.Seq(s, i), d.Seq(s, j)) {
				return false
			}
		}
	}
	return true
}

// AllDelivered reports whether each of msgs has been delivered by every
// process it is addressed to.
func (d Deliveries[S, M]) AllDelivered(s S, msgs []M) bool {
	for i := range d.N {
		seq := d.Seq(s, i)
		for _, m := range msgs {
			if d.dest(m, i) && !slices.Contains(seq, m) {
				return false
			}
		}
	}
	return true
}

// NoDuplicateDelivery returns an Always property: no process delivers a
// message twice.
func NoDuplicateDelivery[S any, M comparable](name string, d Deliveries[S, M]) model.Property[S] {
	return model.Always(name, d.NoDuplicates)
}

// CausalDelivery returns an Always property: if the send of a happened
// before the send of b (hb(s, a, b), from the senders' clocks at send time
// or from ghost state), every process that delivers b and is addressed by
// a delivers a first.
func CausalDelivery[S any, M comparable](name string, d Deliveries[S, M], hb func(s S, a, b M) bool) model.Property[S] {
	return model.Always(name, func(s S) bool { return d.Respects(s, hb) })
}

// FIFODelivery returns an Always property: messages of one sender are
// delivered in the order sent. earlier(a, b) reports whether a and b have
// the same sender and a was sent first.
func FIFODelivery[S any, M comparable](name string, d Deliveries[S, M], earlier func(a, b M) bool) model.Property[S] {
	return model.Always(name, func(s S) bool { return d.Respects(s, func(_ S, a, b M) bool { return earlier(a, b) }) })
}

// TotalOrder returns an Always property: every two processes deliver the
// same messages in the same order, one possibly ahead of the other.
func TotalOrder[S any, M comparable](name string, d Deliveries[S, M]) model.Property[S] {
	return model.Always(name, d.Identical)
}

// ConsistentOrder returns an Always property: every two processes deliver
// their common messages in the same relative order.
func ConsistentOrder[S any, M comparable](name string, d Deliveries[S, M]) model.Property[S] {
	return model.Always(name, d.Consistent)
}

// EventuallyDelivered returns an Eventually property: on every fair
// behaviour, each of msgs (every message the run will send) is at some
// point delivered by every process it is addressed to.
func EventuallyDelivered[S any, M comparable](name string, d Deliveries[S, M], msgs []M) model.Property[S] {
	return model.Eventually(name, func(s S) bool { return d.AllDelivered(s, msgs) })
}

// A LogPos is a position in a replicated log: the input of a delivery seen
// as an operation on a log object (see DeliveryLog).
type LogPos int

// String formats the position as "log[2]".
func (p LogPos) String() string { return "log[" + strconv.Itoa(int(p)) + "]" }

// DeliveryLog returns the sequential specification of a log of messages M,
// for checking deliveries with porcupine: an operation reads position
// (LogPos) j and sees message m. At the end of the log it appends m; before
// the end it must see the entry there; beyond the end it is impossible.
// describe names a message in the HTML view (nil: %v).
func DeliveryLog[M comparable](describe func(M) string) SeqModel[[]M, LogPos, M] {
	if describe == nil {
		describe = func(m M) string { return fmt.Sprint(m) }
	}
	return SeqModel[[]M, LogPos, M]{
		Init: func() []M { return nil },
		Step: func(log []M, j LogPos, m M) (bool, []M) {
			switch {
			case int(j) < len(log):
				return log[j] == m, log
			case int(j) == len(log):
				return true, append(log[:len(log):len(log)], m) // copies: never writes into a shared array
			}
			return false, log
		},
		Equal:      slices.Equal[[]M],
		DescribeOp: func(j LogPos, m M) string { return j.String() + " = " + describe(m) },
		DescribeState: func(log []M) string {
			names := make([]string, len(log))
			for i, m := range log {
				names[i] = describe(m)
			}
			return "[" + strings.Join(names, " ") + "]"
		},
	}
}

// LogHistory turns delivery sequences (seqs[i]: process i's, oldest
// first) into operations on a log (DeliveryLog): process i's j-th delivery
// reads LogPos j and sees the message, as client i, called at logical
// time 2j and returned at 2j+1. The times order each process's deliveries
// and place the j-th deliveries of all processes side by side. They are
// not the deliveries' real times, and need not be: whatever the real
// times, the history is linearizable if and only if every two sequences
// are PrefixOrdered (a process's j-th delivery always follows its own
// first j, so the log is at least j long when it happens). The check is
// thus an independent witness of TotalOrder, and porcupine's view of a
// failure shows where two processes' logs part.
func LogHistory[M any](seqs [][]M) []Op[LogPos, M] {
	var ops []Op[LogPos, M]
	for i, seq := range seqs {
		for j, m := range seq {
			ops = append(ops, Op[LogPos, M]{Client: i, Input: LogPos(j), Output: m, Call: int64(2 * j), Return: int64(2*j + 1)})
		}
	}
	return ops
}
