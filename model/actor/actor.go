package actor

import (
	"fmt"
	"strconv"
)

// An ID names a process of an actor system: its index in Config.Actors. It
// prints as p0, p1, ...
type ID uint8

// String returns "p" followed by the index.
func (id ID) String() string { return "p" + strconv.Itoa(int(id)) }

// MaxProcs is the largest number of processes a system may have (timers
// and partitions are bit sets of a uint64).
const MaxProcs = 64

// A Timer names one of a process's timers: an index into Config.Timers.
// A set timer may fire ("timeout p1 retry") at any point; there is no wall
// clock.
type Timer uint8

// MaxTimers is the largest number of distinct timers.
const MaxTimers = 64

// A Value is anything with a canonical key: process states, messages and
// history operations. AppendKey must append a self-delimiting encoding
// (build it with model.AppendInt, model.AppendString, ...), equal values
// must append equal bytes and different values different bytes, and it
// must not allocate beyond growing dst.
type Value interface {
	AppendKey(dst []byte) []byte
}

// A Message is a Value with a stable, short String (its type name and
// fields, e.g. "Prepare" or "Vote(yes)"), used in action labels.
type Message interface {
	Value
	fmt.Stringer
}

// An Actor is the behaviour of one process: pure handlers from (state,
// input) to a new state, with output (messages, timers, history events)
// written to the Ctx. Handlers must be deterministic functions of their
// arguments and of the values Ctx.Choose returns, must not mutate the state
// they are given (copy slices first) and must not keep the Ctx.
//
// Only Start and Receive are required.
type Actor[P any, M Message] struct {
	// Name is the role, for documentation and printing ("coordinator").
	Name string
	// Start returns the process's initial state; it may send and set timers.
	Start func(c *Ctx[M]) P
	// Receive handles message m from process from.
	Receive func(c *Ctx[M], s P, from ID, m M) P
	// Timeout handles the firing of timer t (the timer is already unset;
	// set it again to keep it running). Nil when the process sets no timers.
	Timeout func(c *Ctx[M], s P, t Timer) P
	// Stable returns the part of s that survives a crash (the process's log
	// on stable storage); the rest is lost. Nil means nothing survives: the
	// zero P. A crashed process holds Stable(s) until it restarts.
	Stable func(s P) P
	// Recover runs when the process restarts, with its stable state; it
	// may send and set timers. Nil means the process resumes with the
	// stable state and no output.
	Recover func(c *Ctx[M], stable P) P
	// NoCrash exempts the process from crash faults.
	NoCrash bool
	// NoRestart makes the process's crashes permanent (crash-stop).
	NoRestart bool
	_         struct{} // forbids positional literals
}

// A Ctx is a handler's view of the system and where its output goes. The
// layer passes a fresh or reset Ctx to every handler call.
type Ctx[M Message] struct {
	self   ID
	n      int
	sends  []Envelope[M]
	resend []bool // parallel to sends: sent with Resend
	set    uint64 // timers set by this call
	cancel uint64 // timers cancelled by this call
	// Timed runs: the duration of each timer set by this call, and the
	// ones set as deadlines (see SetTimerAfter, SetDeadline).
	after    [MaxTimedTimers]uint8
	deadline uint8
	events   []Event

	// Nondeterministic choices (see Choose): the script of choices for
	// this run of the handler and the number of options at each point.
	script []uint8
	widths []uint8
	pos    int
	chosen string // the names of the options chosen, joined with ", "

	// Scratch for building a successor's network (see System.send).
	keys    msgKeys
	net     []Envelope[M]
	adds    []netAdd
	sendKey []byte                    // the sent envelopes' parts of the key
	recent  [recentSlots]*netEntry[M] // the networks met last (see intern.go)
	plain   bool                      // the System is plain (see plain.go)

	lookups, creates int64 // cache look-ups and new entries, not yet accounted
}

// Self returns the id of the process whose handler is running.
func (c *Ctx[M]) Self() ID { return c.self }

// N returns the number of processes in the system.
func (c *Ctx[M]) N() int { return c.n }

// Send sends m to process to. Sending to oneself is allowed.
func (c *Ctx[M]) Send(to ID, m M) {
	if int(to) >= c.n {
		panic(fmt.Sprintf("actor: %v sends %v to %v, but there are %d processes", c.self, m, to, c.n))
	}
	c.sends = append(c.sends, Envelope[M]{From: c.self, To: to, Msg: m})
	c.resend = append(c.resend, false)
}

// Resend sends m to process to as a retransmission: it is absorbed when an
// equal message is already in flight from this process to to. A second
// copy would be redundant: every run in which it helps (the first copy is
// dropped) has a twin in which the drop happens before the resend. Resend
// keeps retries (a timer that re-arms itself and asks again) from filling
// the network, so models with retry loops stay finite.
func (c *Ctx[M]) Resend(to ID, m M) {
	c.Send(to, m)
	c.resend[len(c.resend)-1] = true
}

// Broadcast sends m to every other process, in id order.
func (c *Ctx[M]) Broadcast(m M) {
	for i := 0; i < c.n; i++ {
		if ID(i) != c.self {
			c.Send(ID(i), m)
		}
	}
}

// SetTimer sets timer t of this process: it may fire at any moment
// (setting a set timer is a no-op). In a timed run it is
// SetTimerAfter(t, 0): the timer is re-armed and may fire at any time
// from now on.
func (c *Ctx[M]) SetTimer(t Timer) {
	c.set |= 1 << t
	c.cancel &^= 1 << t
	c.clearTimed(t)
}

// CancelTimer unsets timer t of this process.
func (c *Ctx[M]) CancelTimer(t Timer) {
	c.cancel |= 1 << t
	c.set &^= 1 << t
	c.clearTimed(t)
}

// clearTimed forgets the duration and deadline recorded for timer t.
func (c *Ctx[M]) clearTimed(t Timer) {
	if int(t) < MaxTimedTimers {
		c.after[t] = 0
		c.deadline &^= 1 << t
	}
}

// Rebroadcast resends (see Resend) m to every other process, in id order.
func (c *Ctx[M]) Rebroadcast(m M) {
	for i := 0; i < c.n; i++ {
		if ID(i) != c.self {
			c.Resend(ID(i), m)
		}
	}
}

// Call records the invocation of a client-visible operation by this process
// in the run's history (see Event).
func (c *Ctx[M]) Call(op Value) {
	c.events = append(c.events, Event{Kind: Call, Client: c.self, Op: op})
}

// Return records the completion of this process's pending operation, with
// op describing the outcome, in the run's history.
func (c *Ctx[M]) Return(op Value) {
	c.events = append(c.events, Event{Kind: Return, Client: c.self, Op: op})
}

// Choose makes a nondeterministic choice among the named options and
// returns the index of the one taken. The layer runs the handler once per
// combination of choices, so every outcome becomes its own step; the step's
// label ends with the chosen options' names ("deliver p0->p1 Prepare
// [vote no]"; several choices are joined with ", "). Choose panics when given no option or more than 255.
func (c *Ctx[M]) Choose(options ...string) int {
	if len(options) == 0 || len(options) > 255 {
		panic(fmt.Sprintf("actor: %v: Choose with %d options", c.self, len(options)))
	}
	if c.pos == len(c.script) {
		c.script = append(c.script, 0)
		c.widths = append(c.widths, uint8(len(options)))
	}
	k := c.script[c.pos]
	c.pos++
	if c.chosen == "" {
		c.chosen = options[k]
	} else {
		c.chosen += ", " + options[k]
	}
	return int(k)
}

// reset prepares c for a handler call by process self with a fresh choice
// script.
func (c *Ctx[M]) reset(self ID) {
	c.self = self
	c.sends, c.resend = c.sends[:0], c.resend[:0]
	c.set, c.cancel = 0, 0
	c.after, c.deadline = [MaxTimedTimers]uint8{}, 0
	c.events = c.events[:0]
	c.script = c.script[:0]
	c.widths = c.widths[:0]
	c.pos = 0
	c.chosen = ""
}

// rerun prepares c to replay the same handler with the next combination of
// choices, and reports false when every combination has been run.
func (c *Ctx[M]) rerun() bool {
	j := len(c.script) - 1
	for j >= 0 && c.script[j]+1 >= c.widths[j] {
		j--
	}
	if j < 0 {
		return false
	}
	c.script[j]++
	c.script = c.script[:j+1]
	c.widths = c.widths[:j+1]
	c.sends, c.resend = c.sends[:0], c.resend[:0]
	c.set, c.cancel = 0, 0
	c.after, c.deadline = [MaxTimedTimers]uint8{}, 0
	c.events = c.events[:0]
	c.pos = 0
	c.chosen = ""
	return true
}
