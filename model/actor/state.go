package actor

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// A State is a global state of an actor system: every process's local
// state, the messages in flight, the faults used so far, the partition and
// the history of client-visible events. States are values: the layer never
// mutates a state it has yielded (copy-on-write), and neither may a
// property.
type State[P any, M Message] struct {
	Procs   []Proc[P]     // indexed by ID
	Net     []Envelope[M] // in flight, in canonical order (see AppendKey)
	Used    Used          // faults taken so far, bounded by Config.Faults
	Cut     uint64        // partition: the side holding p0 as a bit set of ids; 0 when healed
	History []Event       // client-visible calls and returns, oldest first
	names   *names        // the System's timer names, for Fields; not part of the state
}

// names holds what a System knows to print a state: shared by all the
// states of one System, never part of a key.
type names struct{ timers []string }

// A Proc is one process's slot in a State.
type Proc[P any] struct {
	Local  P      // the local state (while down: the stable state it will restart with)
	Timers uint64 // the set timers, a bit set of Timer
	Down   bool   // crashed and not (yet) restarted
}

// Used counts the fault steps taken so far in a run.
type Used struct {
	Drop, Dup, Crash, Restart, Partition uint8
}

// An Envelope is a message in flight from one process to another.
type Envelope[M Message] struct {
	From, To ID // the channel
	Msg      M  // the payload
}

// String formats the envelope as "p1->p2 Msg".
func (e Envelope[M]) String() string {
	return e.From.String() + "->" + e.To.String() + " " + e.Msg.String()
}

// An EventKind says whether an Event is an invocation or a response.
type EventKind uint8

const (
	// Call is the invocation of a client-visible operation.
	Call EventKind = iota
	// Return is the response to the client's pending call.
	Return
)

// String returns "call" or "return".
func (k EventKind) String() string {
	if k == Call {
		return "call"
	}
	return "return"
}

// An Event is one entry of a run's history: a client-visible call or
// return. The position in State.History is the event's time; a Return
// answers the latest Call of the same Client. The porcupine bridge in
// package invariants turns a history into porcupine operations.
//
// NB: the history makes states unique (two runs that reach the same
// protocol state through different histories are different states); that
// is inherent in checking linearizability on states. Keep ops small and
// the number of calls per client bounded.
type Event struct {
	Kind   EventKind // Call or Return
	Client ID        // the process that called
	Op     Value     // the operation's input (Call) or output (Return)
}

// String formats the event as "p1 call Put(x,1)".
func (e Event) String() string { return fmt.Sprintf("%v %v %v", e.Client, e.Kind, e.Op) }

// Local returns process id's local state.
func (s State[P, M]) Local(id ID) P { return s.Procs[id].Local }

// Up reports whether process id is running (not crashed).
func (s State[P, M]) Up(id ID) bool { return !s.Procs[id].Down }

// TimerSet reports whether timer t of process id is set.
func (s State[P, M]) TimerSet(id ID, t Timer) bool { return s.Procs[id].Timers&(1<<t) != 0 }

// Partitioned reports whether a and b are on different sides of the
// current partition.
func (s State[P, M]) Partitioned(a, b ID) bool {
	return s.Cut != 0 && (s.Cut>>a)&1 != (s.Cut>>b)&1
}

// appendKey appends the canonical encoding of s. The network is kept in
// canonical order by construction (see net.go), so the key is a plain loop
// over fields: no sorting, no allocation.
func appendKey[P Value, M Message](dst []byte, s *State[P, M]) []byte {
	dst = model.AppendUint(dst, uint64(len(s.Procs)))
	for i := range s.Procs {
		p := &s.Procs[i]
		dst = model.AppendBool(dst, p.Down)
		dst = model.AppendUint(dst, p.Timers)
		dst = p.Local.AppendKey(dst)
	}
	dst = model.AppendUint(dst, uint64(len(s.Net)))
	for i := range s.Net {
		e := &s.Net[i]
		dst = append(dst, byte(e.From), byte(e.To))
		dst = appendPrefixed(dst, e.Msg)
	}
	u := s.Used
	dst = append(dst, u.Drop, u.Dup, u.Crash, u.Restart, u.Partition)
	dst = model.AppendUint(dst, s.Cut)
	dst = model.AppendUint(dst, uint64(len(s.History)))
	for _, e := range s.History {
		dst = append(dst, byte(e.Kind), byte(e.Client))
		dst = e.Op.AppendKey(dst)
	}
	return dst
}

// appendPrefixed appends v's key with its length first, as
// model.AppendString would append it: the key is appended in place and
// the length written before it, shifting the key only when its length
// takes more than one byte.
func appendPrefixed[V Value](dst []byte, v V) []byte {
	dst = append(dst, 0)
	at := len(dst)
	dst = v.AppendKey(dst)
	n := len(dst) - at
	if n < 0x80 {
		dst[at-1] = byte(n)
		return dst
	}
	var pre [binary.MaxVarintLen64]byte
	l := binary.PutUvarint(pre[:], uint64(n))
	dst = append(dst, pre[1:l]...) // room for the longer prefix
	copy(dst[at-1+l:], dst[at:at+n])
	copy(dst[at-1:], pre[:l])
	return dst
}

// String formats the state for traces: one process per line, then the
// network, the faults used, the partition and the history.
func (s State[P, M]) String() string {
	var b strings.Builder
	for i, p := range s.Procs {
		fmt.Fprintf(&b, "%v", ID(i))
		if p.Down {
			b.WriteString(" DOWN")
		}
		fmt.Fprintf(&b, " %v", p.Local)
		if p.Timers != 0 {
			fmt.Fprintf(&b, " timers=%b", p.Timers)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "network (%d in flight):", len(s.Net))
	for i, e := range s.Net {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(" " + e.String())
	}
	if u := s.Used; u != (Used{}) {
		fmt.Fprintf(&b, "\nfaults used: drop=%d dup=%d crash=%d restart=%d partition=%d",
			u.Drop, u.Dup, u.Crash, u.Restart, u.Partition)
	}
	if s.Cut != 0 {
		b.WriteString("\npartition " + cutString(s.Cut, len(s.Procs)))
	}
	for _, e := range s.History {
		b.WriteString("\nhistory: " + e.String())
	}
	return b.String()
}

// cutString formats a partition as "{p0,p2} | {p1}".
func cutString(cut uint64, n int) string {
	var a, b []string
	for i := 0; i < n; i++ {
		if cut>>i&1 == 1 {
			a = append(a, ID(i).String())
		} else {
			b = append(b, ID(i).String())
		}
	}
	return "{" + strings.Join(a, ",") + "} | {" + strings.Join(b, ",") + "}"
}

// timerName returns timer t's name when the state knows the names (states
// made by a System do), its index otherwise.
func (s State[P, M]) timerName(t int) string {
	if s.names != nil && t < len(s.names.timers) {
		return s.names.timers[t]
	}
	return fmt.Sprint(t)
}

// Fields implements model.Fielder, for traces: one field per process
// ("p1": its local state, the names of its set timers, and whether it is
// down), then the messages in flight, the faults used, the partition and
// the history when there are any.
func (s State[P, M]) Fields() []model.Field {
	out := make([]model.Field, 0, len(s.Procs)+4)
	for i, p := range s.Procs {
		v := fmt.Sprint(p.Local)
		if p.Timers != 0 {
			var ts []string
			for t := 0; t < 64; t++ {
				if p.Timers&(1<<t) != 0 {
					ts = append(ts, s.timerName(t))
				}
			}
			v += " timers=" + strings.Join(ts, ",")
		}
		if p.Down {
			v += " (down)"
		}
		out = append(out, model.Field{Name: ID(i).String(), Value: v})
	}
	net := make([]string, len(s.Net))
	for i, e := range s.Net {
		net[i] = e.String()
	}
	out = append(out, model.Field{Name: "net", Value: "[" + strings.Join(net, ", ") + "]"})
	if u := s.Used; u != (Used{}) {
		var used []string
		for _, f := range []struct {
			kind string
			n    uint8
		}{{"drop", u.Drop}, {"dup", u.Dup}, {"crash", u.Crash}, {"restart", u.Restart}, {"partition", u.Partition}} {
			if f.n > 0 {
				used = append(used, fmt.Sprintf("%s:%d", f.kind, f.n))
			}
		}
		out = append(out, model.Field{Name: "faults", Value: strings.Join(used, ",")})
	}
	if s.Cut != 0 {
		out = append(out, model.Field{Name: "partition", Value: fmt.Sprintf("%#b", s.Cut)})
	}
	if len(s.History) > 0 {
		h := make([]string, len(s.History))
		for i, e := range s.History {
			h[i] = e.String()
		}
		out = append(out, model.Field{Name: "history", Value: "[" + strings.Join(h, ", ") + "]"})
	}
	return out
}
