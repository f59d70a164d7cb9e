package tokenring

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants. The empty string is VariantCorrect.
const (
	// VariantCorrect is the ring as the text gives it, fault-free by
	// default.
	VariantCorrect = "correct"
	// VariantLossy is the same ring over a network that may lose one
	// message (default faults drop=1): once the token is lost nobody
	// enters again, so "every request granted" fails (and the engines
	// report a deadlock).
	VariantLossy = "lossy"
)

// A Config is one configuration of the ring.
type Config struct {
	N        int           // processes, 2..MaxN, in the ring p0 -> p1 -> ... -> p(N-1) -> p0
	Requests int           // critical sections each process asks for, 1..MaxRequests
	Variant  string        // VariantCorrect ("" too) or VariantLossy
	Faults   actor.Faults  // fault budgets (drop loses the token, dup makes a second one)
	Network  actor.Network // the network; with one message in flight it changes nothing
}

// Bounds of a Config.
const (
	MaxN        = 8
	MaxRequests = 3
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("tokenring: invalid configuration")

// Model is the ring as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the ring.
type State = actor.State[Proc, Msg]

// Action is a step of the ring.
type Action = actor.Action[Msg]

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	switch {
	case cfg.Variant != "" && cfg.Variant != VariantCorrect && cfg.Variant != VariantLossy:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.N < 2 || cfg.N > MaxN:
		return nil, fmt.Errorf("%w: %d processes (want 2..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Requests < 1 || cfg.Requests > MaxRequests:
		return nil, fmt.Errorf("%w: %d requests (want 1..%d)", ErrConfig, cfg.Requests, MaxRequests)
	}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = process(cfg, i)
	}
	done := doneFunc(cfg.Requests)
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Properties: properties(cfg.N, done),
		Final:      func(s State) bool { return invariants.AllDone(s, cfg.N, done) },
		Reduction:  reduction(cfg.N),
	})
}

// properties returns the shared DME properties for n processes.
func properties(n int, done func(State, int) bool) []model.Property[State] {
	props := []model.Property[State]{
		invariants.MutualExclusion(n, inCS),
		invariants.EveryRequestGranted(n, done),
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

// Messages returns the "messages" measure of s: the token passes paid for
// the entries so far (see Msg.Hops), 0..N-1 per entry.
func Messages(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Paid) })
}

// Entries returns the critical sections completed in s.
func Entries(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Done) })
}
