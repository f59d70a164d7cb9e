package lamport

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants. The empty string is VariantCorrect.
const (
	// VariantCorrect is the algorithm as the text gives it, over FIFO
	// channels by default: safe and live.
	VariantCorrect = "correct"
	// VariantUnordered is the same algorithm over an unordered network by
	// default: a reply overtakes the request sent before it, and two
	// processes enter together ("mutual exclusion" fails).
	VariantUnordered = "unordered"
	// VariantMessageFailure is the text's algorithm with message failure:
	// requests are resent while a reply is missing, every request is
	// answered, duplicates stay out of the queue, and a waiting process
	// asks the head of its queue what the hold-up is. It holds under
	// drop=1,dup=1 (its default faults), where VariantCorrect fails.
	VariantMessageFailure = "message-failure"
	// VariantResendOnly is VariantMessageFailure without the pending
	// request carried in replies: the text's four rules alone. A lost
	// request lets its sender's later reply arrive alone, the reordering
	// that breaks the algorithm over non-FIFO channels: "mutual exclusion"
	// fails under drop=1.
	VariantResendOnly = "resend-only"
)

// A Config is one configuration of the algorithm.
type Config struct {
	N        int           // processes, 2..MaxN
	Requests int           // critical sections each process asks for, 1..MaxRequests
	Variant  string        // one of the variants; "" means VariantCorrect
	Faults   actor.Faults  // fault budgets (drop, dup)
	Network  actor.Network // the network semantics (FIFO or Unordered)
}

// Bounds of a Config.
const (
	MaxN        = 8
	MaxRequests = 3
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("lamport: invalid configuration")

// Model is the algorithm as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the algorithm.
type State = actor.State[Proc, Msg]

// Action is a step of the algorithm.
type Action = actor.Action[Msg]

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantCorrect
	}
	switch {
	case !knownVariant(cfg.Variant):
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.N < 2 || cfg.N > MaxN:
		return nil, fmt.Errorf("%w: %d processes (want 2..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Requests < 1 || cfg.Requests > MaxRequests:
		return nil, fmt.Errorf("%w: %d requests (want 1..%d)", ErrConfig, cfg.Requests, MaxRequests)
	case cfg.Network != actor.FIFO && cfg.Network != actor.Unordered:
		// A duplicating network redelivers forever, and every delivery
		// advances a clock: the space would be infinite.
		return nil, fmt.Errorf("%w: network %v (want fifo or unordered)", ErrConfig, cfg.Network)
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
		Properties: properties(cfg.N, done),
		Final:      func(s State) bool { return invariants.AllDone(s, cfg.N, done) },
	})
}

func knownVariant(v string) bool {
	for _, w := range catalogVariants() {
		if w.Name == v {
			return true
		}
	}
	return false
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

// Messages returns the "messages" measure of s: the messages sent so far,
// retransmissions excluded (see Proc.Sent).
func Messages(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Sent) })
}

// Entries returns the critical sections completed in s (the "units"
// measure).
func Entries(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Done) })
}
