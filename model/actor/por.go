package actor

import (
	"bytes"
	"math/bits"
	"sync"
)

// Partial-order reduction. A System whose Config declares a Reduction is
// a model.Reducer: Ample offers, in a state, the enabled steps of one
// process when the declaration shows that they commute with whatever the
// other processes and the faults may do first, and that no property sees
// them. The engine adds the cycle proviso (explore.Options.POR). Without a
// declaration there is no reduction: the layer never guesses what a
// handler may send or what a property reads.

// Sends says whether a process may send to another (Reduction.MaySend).
// The zero value is SendsAny, the safe answer.
type Sends uint8

const (
	// SendsAny: the process may send to the other at any point.
	SendsAny Sends = iota
	// SendsAfterReceive: only once it has received a message, from any
	// process: while handling it, or at any point after it.
	SendsAfterReceive
	// SendsInReply: only while handling a message from the other process
	// (a Receive of a message whose sender is the other process).
	SendsInReply
	// SendsNever: it never sends to the other process.
	SendsNever
)

// rank orders the answers by what they allow: Never 0, InReply 1,
// AfterReceive 2, Any 3.
func (s Sends) rank() int { return 3 - int(min(s, SendsNever)) }

// String returns "any", "after receive", "in reply" or "never".
func (s Sends) String() string {
	switch s {
	case SendsAfterReceive:
		return "after receive"
	case SendsInReply:
		return "in reply"
	case SendsNever:
		return "never"
	}
	return "any"
}

// A Reduction declares what partial-order reduction (model.Reducer,
// explore.Options.POR, the CLI's -por) may rely on. A wrong declaration
// makes the reduction unsound, so declare only what the handlers
// guarantee, and test it with CheckReduction on every step of a small
// configuration. Nil fields are the safe answers (and reduce little).
//
// It holds only for runs without partitions or discrete time and with
// Config.SlowTimers off: in those, Ample offers no reduction.
type Reduction[P Value, M Message] struct {
	// MaySend says whether process from, whose local state is local
	// (while down: its stable state), may send to process to (another
	// process) at some point of any run from here, after any number of
	// steps of any process: SendsNever, SendsInReply (only while
	// handling a message from to), SendsAfterReceive (only once it has
	// received a message) or SendsAny. restart says whether from may yet
	// restart in that run (Recover may run): the budgets still allow a
	// crash and a restart of from, or it is down and may restart. The
	// answer must not grow along a run (Never < InReply < AfterReceive <
	// Any), except at a delivery to from when it was SendsAfterReceive:
	// when a step takes from to a local state local', or spends the
	// budgets so that restart turns false, the answer for local' allows
	// no more than the answer for local. Nil means SendsAny for every
	// pair.
	MaySend func(from ID, local P, to ID, restart bool) Sends
	// Observe returns the part of process id's local state (while down:
	// its stable state) that the model's Always and Sometimes properties
	// read; two local states with equal Observe keys must be alike to
	// every one of them. They must read nothing else: not the network, the
	// history, timers, whether a process is up, nor the faults used.
	// (Liveness properties are not checked under reduction, and Final may
	// read anything: states with no step are reached themselves.) Nil
	// means the whole local state.
	Observe func(id ID, local P) P
	_       struct{} // forbids positional literals
}

// porSteps holds the steps of one state while Ample decides.
type porSteps[P Value, M Message] struct {
	acts  []Action[M]
	nexts []State[P, M]
	own   []int  // indices of the candidate process's steps
	key   []byte // scratch: an observation
	obs   []byte // scratch: the candidate's observation in the state
	ka    []byte // scratch: message keys (sameStep)
	kb    []byte
}

// porPool recycles porSteps of whatever types the systems in use have.
var porPool sync.Pool

// Ample implements model.Reducer when the Config declares a Reduction
// (see Declares). It offers the steps of the lowest process p for which
// the declaration shows they form an ample set (C0-C2 of model.Reducer):
//
//   - C0 and the key steps: p has a delivery or a timeout enabled (key
//     steps), and other processes or faults have steps too (else there is
//     nothing to reduce).
//   - The set: every enabled step of p, that is its deliveries (or losses
//     while it is down), its timeouts, its crash and restart, and the
//     drops and dups of messages to p. No other step touches p's local
//     state or the messages to p; the shared fault budgets only let a
//     fault outside the set disable one inside, which C1 allows.
//   - Nothing new reaches p before it moves (C1): no process that may
//     act before p may send to p, by MaySend and the closure: a process
//     may act if a message to it is in flight, a timer of it is set, it
//     may restart, or a process that may act may send to it; one that
//     sends to p only in reply to p does so only if a message from p to
//     it is in flight (p sends nothing before it moves), and one that
//     sends only after a receive does so only if a message may reach it.
//   - p's steps commute with the rest (C1): they append no history event
//     (events of two processes do not commute), and no retransmission of
//     p (Ctx.Resend, or any send on a Duplicating network) is absorbed by
//     a copy in flight, which a delivery or a drop could remove first.
//   - No property sees them (C2): each leaves Observe of p's local state
//     unchanged, so it does in any state reached by others' steps, where
//     p's local state is the same.
//
// It offers nothing in timed runs, with SlowTimers (a send to a process
// disables its timeouts), under a partition or with a partition budget.
func (sys *System[P, M]) Ample(s State[P, M], yield func(Action[M], State[P, M], bool)) bool {
	r := sys.cfg.Reduction
	if r == nil || sys.timed || sys.cfg.SlowTimers || s.Cut != 0 || int(s.Used.Partition) < sys.cfg.Faults.Partition {
		return false
	}
	// The processes that may qualify, from the state alone: one with a
	// key step (a message to it in flight, a timer set) that no other
	// process may send to before it moves. Most states have none, and
	// then Next need not run twice (the engine expands them in full).
	g := sys.sendGraph(&s)
	var cand uint64
	for p := range ID(sys.n) {
		if (g.inbox&(1<<p) != 0 || s.Procs[p].Timers != 0) && !g.reaches(p) {
			cand |= 1 << p
		}
	}
	if cand == 0 {
		return false
	}
	w, _ := porPool.Get().(*porSteps[P, M])
	if w == nil {
		w = new(porSteps[P, M])
	}
	defer func() {
		clear(w.acts)
		clear(w.nexts)
		w.acts, w.nexts = w.acts[:0], w.nexts[:0]
		porPool.Put(w)
	}()
	sys.Next(s, func(a Action[M], t State[P, M]) {
		w.acts = append(w.acts, a)
		w.nexts = append(w.nexts, t)
	})
	for c := cand; c != 0; c &= c - 1 {
		if p := ID(bits.TrailingZeros64(c)); sys.ampleOf(&s, p, w) {
			for _, i := range w.own {
				yield(w.acts[i], w.nexts[i], w.acts[i].key())
			}
			return true
		}
	}
	return false
}

// ampleOf reports whether process p's steps among w's are an ample set of
// s, leaving their indices in w.own. Ample has checked that nothing may
// reach p before it moves (sendGraph.reaches).
func (sys *System[P, M]) ampleOf(s *State[P, M], p ID, w *porSteps[P, M]) bool {
	w.own = w.own[:0]
	key := false
	for i, a := range w.acts {
		if a.subject() == p {
			w.own = append(w.own, i)
			key = key || a.key()
		}
	}
	if !key || len(w.own) == len(w.acts) {
		return false
	}
	w.obs = sys.observe(w.obs[:0], p, s)
	for _, i := range w.own {
		t := &w.nexts[i]
		if len(t.History) != len(s.History) {
			return false
		}
		w.key = sys.observe(w.key[:0], p, t)
		if !bytes.Equal(w.key, w.obs) {
			return false
		}
	}
	return !sys.absorbs(s, p, w)
}

// subject returns the process a step belongs to: the receiver of a
// delivery, drop or dup, the process of a timeout, crash or restart; none
// (MaxProcs) for partitions, heal and ticks.
func (a *Action[M]) subject() ID {
	switch a.Kind {
	case Deliver, Drop, Dup, Timeout, Crash, Restart:
		return a.To
	}
	return MaxProcs
}

// key reports whether a step of a process's ample set is a key step: a
// delivery (or loss) or a timeout, which no step outside the set disables
// (only the set's own drops of that message and crash of the process do).
// A crash, restart, drop or dup may be disabled by another fault that
// spends the same budget.
func (a *Action[M]) key() bool { return a.Kind == Deliver || a.Kind == Timeout }

// observe appends the key of what the properties see of process p in s.
func (sys *System[P, M]) observe(dst []byte, p ID, s *State[P, M]) []byte {
	local := s.Procs[p].Local
	if f := sys.cfg.Reduction.Observe; f != nil {
		local = f(p, local)
	}
	return local.AppendKey(dst)
}
