package actor

import (
	"encoding/binary"
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// A State is a global state of an actor system: every process's local
// state, the messages in flight, the faults used so far, the partition and
// the history of client-visible events (and in a timed run the remaining
// times, inside Procs and Net). States are values: the layer never mutates
// a state it has yielded (copy-on-write), and neither may a property.
type State[P any, M Message] struct {
	Procs []Proc[P]     // indexed by ID
	Net   []Envelope[M] // in flight, in canonical order (see AppendKey)
	Used  Used          // faults taken so far, bounded by Config.Faults
	// Ticks counts the ticks taken so far in this run (timed runs only,
	// saturating at 65535), for traces. It is not part of the state's key,
	// which would make every timed space infinite, so properties must not
	// read it: two states with equal keys may have come about after
	// different numbers of ticks.
	Ticks   uint16
	Cut     uint64  // partition: the side holding p0 as a bit set of ids; 0 when healed
	History []Event // client-visible calls and returns, oldest first
	names   *names  // the System's timer and role names, for Fields; not part of the state

	// The cache entries Procs and Net come from (see intern.go), with
	// their keys; nil, or not matching, in a state built by hand.
	pe *procsEntry[P]
	ne *netEntry[M]
}

// A Proc is one process's slot in a State.
type Proc[P any] struct {
	Local  P      // the local state (while down: the stable state it will restart with)
	Timers uint64 // the set timers, a bit set of Timer
	Down   bool   // crashed and not (yet) restarted
	clock  clock  // timed runs: the remaining times of the timers (see Remaining)
}

// Used counts the fault steps taken so far in a run.
type Used struct {
	Drop, Dup, Crash, Restart, Partition uint8
}

// An Envelope is a message in flight from one process to another.
type Envelope[M Message] struct {
	From, To ID // the channel
	// Due is, in a timed run, the number of ticks left before the message
	// must arrive (0: before the next tick); always 0 in an untimed run.
	Due uint8
	Msg M // the payload
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
// over fields: no sorting, no allocation. timed adds the remaining times:
// each process's clock after its timers, each message's Due after it. The
// parts of the key for Procs and Net are copied from their cache entries
// when s has them (see intern.go).
func appendKey[P Value, M Message](dst []byte, s *State[P, M], timed bool) []byte {
	if pe := s.procsCached(timed); pe != nil {
		dst = append(dst, pe.key...)
	} else {
		dst = appendProcsKey(dst, s.Procs, timed, nil)
	}
	if ne := s.netCached(timed); ne != nil {
		dst = append(dst, ne.key...)
	} else {
		dst = appendNetKey(dst, s.Net, timed, nil)
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

// procsCached returns the cache entry of s.Procs, nil when s has none or
// its entry does not hold s.Procs (a state built or changed by hand).
func (s *State[P, M]) procsCached(timed bool) *procsEntry[P] {
	if e := s.pe; e != nil && e.timed == timed && len(e.procs) == len(s.Procs) &&
		len(s.Procs) > 0 && &e.procs[0] == &s.Procs[0] {
		return e
	}
	return nil
}

// netCached returns the cache entry of s.Net, as procsCached does.
func (s *State[P, M]) netCached(timed bool) *netEntry[M] {
	if e := s.ne; e != nil && e.timed == timed && len(e.net) == len(s.Net) &&
		(len(s.Net) == 0 || &e.net[0] == &s.Net[0]) {
		return e
	}
	return nil
}

// appendProcsKey appends the key of a process vector: the count, then
// each process (see appendProcKey). When ends is not nil, it also appends
// where each process's part ends in dst.
func appendProcsKey[P Value](dst []byte, procs []Proc[P], timed bool, ends *[]int32) []byte {
	dst = model.AppendUint(dst, uint64(len(procs)))
	for i := range procs {
		dst = appendProcKey(dst, &procs[i], timed)
		if ends != nil {
			*ends = append(*ends, int32(len(dst)))
		}
	}
	return dst
}

// appendProcKey appends one process's part of the key: whether it is
// down, its timers, in a timed run its clock, and its local state.
func appendProcKey[P Value](dst []byte, p *Proc[P], timed bool) []byte {
	dst = model.AppendBool(dst, p.Down)
	dst = model.AppendUint(dst, p.Timers)
	if timed {
		dst = p.clock.appendKey(dst)
	}
	return p.Local.AppendKey(dst)
}

// appendNetKey appends the key of a network: the count, then each
// envelope (see appendEnvKey). When ends is not nil, it also appends where
// each envelope's part ends in dst.
func appendNetKey[M Message](dst []byte, net []Envelope[M], timed bool, ends *[]int32) []byte {
	dst = model.AppendUint(dst, uint64(len(net)))
	for i := range net {
		dst = appendEnvKey(dst, &net[i], timed)
		if ends != nil {
			*ends = append(*ends, int32(len(dst)))
		}
	}
	return dst
}

// appendEnvKey appends one envelope's part of the key: its channel, its
// message's key (length first), and in a timed run its Due.
func appendEnvKey[M Message](dst []byte, e *Envelope[M], timed bool) []byte {
	dst = append(dst, byte(e.From), byte(e.To))
	dst = appendPrefixed(dst, e.Msg)
	if timed {
		dst = append(dst, e.Due)
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

// SumLocal returns the sum of f over the processes' local states: the
// usual form of a measure (messages sent, entries completed).
func SumLocal[P any, M Message](s State[P, M], f func(P) int) int {
	sum := 0
	for i := range s.Procs {
		sum += f(s.Procs[i].Local)
	}
	return sum
}
