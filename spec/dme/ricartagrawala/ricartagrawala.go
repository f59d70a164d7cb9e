package ricartagrawala

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants. The empty string is VariantCorrect.
const (
	// VariantCorrect is the algorithm as Ricart and Agrawala give it:
	// safe and live on any network without loss.
	VariantCorrect = "correct"
	// VariantReplyInCS is broken: a process in its critical section
	// replies to requests instead of deferring them, so a requester enters
	// while it is still inside ("mutual exclusion" fails).
	VariantReplyInCS = "reply-in-cs"
)

// A Config is one configuration of the algorithm.
type Config struct {
	N        int           // processes, 2..MaxN
	Requests int           // critical sections each process asks for, 1..MaxRequests
	Variant  string        // VariantCorrect ("" too) or VariantReplyInCS
	Faults   actor.Faults  // fault budgets (drop, dup): the algorithm assumes neither
	Network  actor.Network // the network semantics (Unordered or FIFO)
	// History records the critical section as a lock object in the run's
	// history (an acquire called by the request and returned on entry, a
	// release on exit) and adds PropLockLinearizable. The history is part
	// of the state, so it multiplies the states; off (the zero value) is
	// the space bench/ra.pml has. The catalogue's default is on.
	History bool
}

// Bounds of a Config.
const (
	MaxN        = 8
	MaxRequests = 3
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("ricartagrawala: invalid configuration")

// Model is the algorithm as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the algorithm.
type State = actor.State[Proc, Msg]

// Action is a step of the algorithm.
type Action = actor.Action[Msg]

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	switch {
	case cfg.Variant != "" && cfg.Variant != VariantCorrect && cfg.Variant != VariantReplyInCS:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.N < 2 || cfg.N > MaxN:
		return nil, fmt.Errorf("%w: %d processes (want 2..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Requests < 1 || cfg.Requests > MaxRequests:
		return nil, fmt.Errorf("%w: %d requests (want 1..%d)", ErrConfig, cfg.Requests, MaxRequests)
	case cfg.Network != actor.FIFO && cfg.Network != actor.Unordered:
		// A duplicating network redelivers requests forever, and every
		// delivery is answered: the space would be infinite.
		return nil, fmt.Errorf("%w: network %v (want unordered or fifo)", ErrConfig, cfg.Network)
	case cfg.Faults.Crash > 0 || cfg.Faults.Restart > 0 || cfg.Faults.Partition > 0:
		return nil, fmt.Errorf("%w: faults %v (only drop and dup are modelled)", ErrConfig, cfg.Faults)
	}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = process(cfg)
	}
	done := doneFunc(cfg.Requests)
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Properties: properties(cfg.N, done, cfg.History),
		Final:      func(s State) bool { return invariants.AllDone(s, cfg.N, done) },
	})
}

// properties returns the shared DME properties for n processes and, with
// history, PropLockLinearizable.
func properties(n int, done func(State, int) bool, history bool) []model.Property[State] {
	props := []model.Property[State]{
		invariants.MutualExclusion(n, inCS),
		invariants.EveryRequestGranted(n, done),
	}
	if history {
		props = append(props, model.Always(PropLockLinearizable, (&lockCache{}).holds))
	}
	return append(props, invariants.EntersCS(n, inCS)...)
}

// inCS reports whether process i is in its critical section.
func inCS(s State, i int) bool { return s.Procs[i].Local.Phase == PhaseInCS }

// doneFunc returns the predicate "process i has entered and left its
// critical section reqs times".
func doneFunc(reqs int) func(State, int) bool {
	return func(s State, i int) bool { return int(s.Procs[i].Local.Done) == reqs }
}

// Messages returns the "messages" measure of s: the messages sent so far.
func Messages(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Sent) })
}

// Entries returns the critical sections completed in s (the "units"
// measure).
func Entries(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Done) })
}
