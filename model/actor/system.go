package actor

import (
	"fmt"
	"math/bits"
	"sync"

	"github.com/protocheck/protocheck/model"
)

// A Config describes an actor system and the conditions of one run.
type Config[P Value, M Message] struct {
	// Actors holds one behaviour per process; a process's ID is its index.
	Actors []Actor[P, M]
	// Network is the delivery semantics of the run.
	Network Network
	// Faults are the fault budgets of the run.
	Faults Faults
	// Timers names the timers, indexed by Timer ("retry", "election").
	Timers []string
	// SlowTimers models timeouts longer than any message delay: a timer
	// fires only when no message to its process can be delivered. It
	// removes the runs in which a timer fires early (while an answer is on
	// its way) and shrinks the space; lost messages still lead to
	// timeouts. Leave it false to check premature timeouts too.
	SlowTimers bool
	// Time, when set, gives the run discrete time (see the package doc,
	// "Time"): a tick step, timer durations, a message delay bound and a
	// minimum downtime. Nil (the default) is an untimed run.
	Time *TimeConfig
	// Properties are checked on the system's states.
	Properties []model.Property[State[P, M]]
	// Final, when set, declares the intended end states (model.Finaler):
	// a reachable state with no step that is not final is a deadlock. Nil
	// means every state may end a run.
	Final func(s State[P, M]) bool
	// Symmetry lists groups of interchangeable process ids (for example all
	// participants). With symmetry reduction on, a state is keyed by its
	// canonical permutation (see System.Canonical). Optional.
	Symmetry [][]ID
	// PermuteLocal returns s with every process id in it replaced by
	// perm[id]. Required with Symmetry. perm need not be a bijection (the
	// layer also maps a whole group to one id to compute signatures), so
	// it must be a plain substitution.
	PermuteLocal func(s P, perm []ID) P
	// PermuteMsg is PermuteLocal for messages. Required with Symmetry.
	PermuteMsg func(m M, perm []ID) M
	// Reduction, when set, declares what partial-order reduction may rely
	// on (see Reduction and System.Ample). Optional.
	Reduction *Reduction[P, M]
	_         struct{} // forbids positional literals
}

// A System is an actor system turned into a model: it implements
// model.Model[State[P, M], Action[M]], model.Finaler, model.Fair and
// model.Symmetric (the identity when no symmetry is configured). Build one
// with New. It is safe for concurrent use by the engines' workers.
type System[P Value, M Message] struct {
	cfg    Config[P, M]
	n      int
	timed  bool      // cfg.Time is set
	pool   sync.Pool // *scratch[P, M], reused across Next calls
	names  *names    // shared by every state, for traces
	caches caches[P, M]

	// Symmetry (see Canonical), read-only after New but for the pool.
	blur      []ID      // every grouped id mapped to its group's smallest
	slots     []ID      // each group's ids, sorted, groups in turn
	canonPool sync.Pool // *canonScratch[P, M], reused across Canonical calls
}

// New validates cfg and returns the system. It returns an error wrapping
// ErrConfig when cfg is invalid.
func New[P Value, M Message](cfg Config[P, M]) (*System[P, M], error) {
	if err := validate(&cfg); err != nil {
		return nil, err
	}
	sys := &System[P, M]{cfg: cfg, n: len(cfg.Actors), timed: cfg.Time != nil, names: newNames(&cfg)}
	sys.pool.New = func() any { return &scratch[P, M]{c: Ctx[M]{n: sys.n}} }
	sys.initSymmetry()
	return sys, nil
}

func validate[P Value, M Message](cfg *Config[P, M]) error {
	n := len(cfg.Actors)
	switch {
	case n == 0 || n > MaxProcs:
		return fmt.Errorf("%w: %d actors (want 1..%d)", ErrConfig, n, MaxProcs)
	case len(cfg.Timers) > MaxTimers:
		return fmt.Errorf("%w: %d timers (want at most %d)", ErrConfig, len(cfg.Timers), MaxTimers)
	case cfg.Network > Duplicating:
		return fmt.Errorf("%w: unknown network %d", ErrConfig, cfg.Network)
	case cfg.Faults.Partition > 0 && n > 16:
		return fmt.Errorf("%w: partitions need at most 16 processes, have %d", ErrConfig, n)
	}
	f := cfg.Faults
	for _, v := range []int{f.Drop, f.Dup, f.Crash, f.Restart, f.Partition} {
		if v < 0 || v > maxBudget {
			return fmt.Errorf("%w: fault budget %d out of range 0..%d (%v)", ErrConfig, v, maxBudget, f)
		}
	}
	for i, a := range cfg.Actors {
		if a.Start == nil || a.Receive == nil {
			return fmt.Errorf("%w: actor %v (%s) needs Start and Receive", ErrConfig, ID(i), a.Name)
		}
	}
	if err := validateTime(cfg); err != nil {
		return err
	}
	return validateSymmetry(cfg)
}

func validateSymmetry[P Value, M Message](cfg *Config[P, M]) error {
	if len(cfg.Symmetry) == 0 {
		return nil
	}
	if cfg.PermuteLocal == nil || cfg.PermuteMsg == nil {
		return fmt.Errorf("%w: Symmetry needs PermuteLocal and PermuteMsg", ErrConfig)
	}
	var seen uint64
	for _, g := range cfg.Symmetry {
		for _, id := range g {
			if int(id) >= len(cfg.Actors) || seen&(1<<id) != 0 {
				return fmt.Errorf("%w: symmetry group %v: id %v out of range or repeated", ErrConfig, g, id)
			}
			seen |= 1 << id
		}
	}
	return nil
}

// N returns the number of processes.
func (sys *System[P, M]) N() int { return sys.n }

// Config returns the system's configuration.
func (sys *System[P, M]) Config() Config[P, M] { return sys.cfg }

// Properties implements model.Model.
func (sys *System[P, M]) Properties() []model.Property[State[P, M]] { return sys.cfg.Properties }

// AppendKey implements model.Model. It is a loop over the fields: the
// network is kept in canonical order by every step, so the same multiset
// of messages always gives the same key. In a timed run the key also holds
// the remaining times (never the elapsed time, State.Ticks).
func (sys *System[P, M]) AppendKey(dst []byte, s State[P, M]) []byte {
	return appendKey(dst, &s, sys.timed)
}

// Final implements model.Finaler with Config.Final.
func (sys *System[P, M]) Final(s State[P, M]) bool {
	return sys.cfg.Final == nil || sys.cfg.Final(s)
}

// FairClass implements model.Fair: the delivery of a given message on a
// given channel, each timer of each process, the restart of each process
// and heal are weakly fair; faults (drop, dup, crash, partition) are not.
// So a message that stays deliverable is eventually delivered (or
// dropped), a set timer of a live process eventually fires, a crashed
// process that may restart eventually does, and a partition eventually
// heals. (A process that can never restart is crash-stop: see
// Actor.NoRestart.) In a timed run the tick is weakly fair too (class
// "tick"): time cannot stop while it may pass. See the package doc, "Time",
// for how ticks and fairness interact.
func (sys *System[P, M]) FairClass(a Action[M]) (string, bool) { return a.fairClass() }

// AppendFairKey implements model.FairKeyer: the engines ask FairClass once
// per key instead of building a class name for every edge.
func (sys *System[P, M]) AppendFairKey(dst []byte, a Action[M]) []byte { return a.appendFairKey(dst) }

// Init implements model.Model: every process runs Start, in id order; each
// combination of the handlers' choices is one initial state.
func (sys *System[P, M]) Init(yield func(State[P, M])) {
	s := State[P, M]{Procs: make([]Proc[P], sys.n), names: sys.names}
	sys.intern(&s, new(msgKeys))
	sys.start(0, s, yield)
}

// start runs Start for process i and up in every combination of choices.
func (sys *System[P, M]) start(i int, s State[P, M], yield func(State[P, M])) {
	if i == sys.n {
		yield(s)
		return
	}
	w := &scratch[P, M]{c: Ctx[M]{n: sys.n}}
	c := &w.c
	c.reset(ID(i))
	for {
		local := sys.cfg.Actors[i].Start(c)
		sys.start(i+1, sys.apply(&s, ID(i), local, w, -1), yield)
		if !c.rerun() {
			return
		}
	}
}

// Next implements model.Model. Steps come in a fixed order: deliveries
// (in network order), timeouts (by process, then timer), then faults:
// drops, dups, crashes, restarts, partitions, heal; in a timed run the
// tick comes last.
func (sys *System[P, M]) Next(s State[P, M], yield func(Action[M], State[P, M])) {
	w := sys.scratch(&s)
	defer sys.release(w)
	c := &w.c
	stepped := false
	if sys.timed {
		inner := yield
		yield = func(a Action[M], t State[P, M]) { stepped = true; inner(a, t) }
	}
	sys.deliveries(&s, w, yield)
	sys.timeouts(&s, w, yield)
	sys.netFaults(&s, c, yield)
	sys.procFaults(&s, w, yield)
	sys.partitions(&s, yield)
	if sys.timed {
		sys.tick(&s, stepped, w, yield)
	}
}

// deliveries yields one step per deliverable message (and per choice of the
// receiving handler).
func (sys *System[P, M]) deliveries(s *State[P, M], w *scratch[P, M], yield func(Action[M], State[P, M])) {
	c := &w.c
	for i := range s.Net {
		e := &s.Net[i]
		if !sys.deliverable(s, i, c) || s.Partitioned(e.From, e.To) {
			continue
		}
		a := Action[M]{Kind: Deliver, From: e.From, To: e.To, Msg: e.Msg}
		if s.Procs[e.To].Down {
			if sys.cfg.Network != Duplicating {
				a.Lost = true
				yield(a, sys.withNet(s, i, false, c))
			}
			continue
		}
		remove := i
		if sys.cfg.Network == Duplicating {
			remove = -1
		}
		c.reset(e.To)
		for {
			local := sys.cfg.Actors[e.To].Receive(c, s.Procs[e.To].Local, e.From, e.Msg)
			a.Choice = c.chosen
			yield(a, sys.apply(s, e.To, local, w, remove))
			if !c.rerun() {
				break
			}
		}
	}
}

// deliverable reports whether Net[i] may be delivered next: the head of its
// channel under FIFO, and the first of a run of equal messages otherwise
// (delivering either of two equal messages gives the same state).
func (sys *System[P, M]) deliverable(s *State[P, M], i int, c *Ctx[M]) bool {
	if i == 0 {
		return true
	}
	prev, e := &s.Net[i-1], &s.Net[i]
	if sys.cfg.Network == FIFO {
		return prev.From != e.From || prev.To != e.To
	}
	return !sys.sameAsPrev(s, i, c)
}

// timeouts yields one step per set timer of every live process; in a timed
// run, per expired timer.
func (sys *System[P, M]) timeouts(s *State[P, M], w *scratch[P, M], yield func(Action[M], State[P, M])) {
	c := &w.c
	for id := range s.Procs {
		p := &s.Procs[id]
		if p.Down || p.Timers == 0 || (sys.cfg.SlowTimers && sys.awaits(s, ID(id))) {
			continue
		}
		for set := p.Timers; set != 0; set &= set - 1 {
			t := bits.TrailingZeros64(set)
			if sys.timed && p.clock.due[t] > 0 {
				continue
			}
			a := Action[M]{Kind: Timeout, To: ID(id), Timer: Timer(t), name: sys.timerName(Timer(t))}
			c.reset(ID(id))
			for {
				local := sys.cfg.Actors[id].Timeout(c, p.Local, Timer(t))
				c.cancel |= 1 << t &^ c.set
				a.Choice = c.chosen
				yield(a, sys.apply(s, ID(id), local, w, -1))
				if !c.rerun() {
					break
				}
			}
		}
	}
}

// awaits reports whether a message to process id can be delivered now.
func (sys *System[P, M]) awaits(s *State[P, M], id ID) bool {
	for i := range s.Net {
		if e := &s.Net[i]; e.To == id && !s.Partitioned(e.From, id) {
			return true
		}
	}
	return false
}

// timerName returns the name of timer t for labels.
func (sys *System[P, M]) timerName(t Timer) string {
	if int(t) < len(sys.cfg.Timers) {
		return sys.cfg.Timers[t]
	}
	return fmt.Sprintf("timer%d", t)
}
