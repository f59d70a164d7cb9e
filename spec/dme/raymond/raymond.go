package raymond

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// VariantCorrect is the algorithm as the paper gives it (the only variant).
const VariantCorrect = "correct"

// The tree shapes. Node p0 is the root and starts with the token.
const (
	ShapeLine   = "line"   // p0 - p1 - ... - p(N-1): depth N-1
	ShapeStar   = "star"   // p0 in the centre, every other node a leaf: depth 1
	ShapeBinary = "binary" // a balanced binary tree in heap order, the parent of pi is p((i-1)/2): depth about log2 N
)

// Shapes lists the tree shapes, the default first.
var Shapes = []string{ShapeBinary, ShapeLine, ShapeStar}

// A Config is one configuration of the algorithm.
type Config struct {
	N        int           // nodes, 2..MaxN
	Requests int           // critical sections each node asks for, 1..MaxRequests
	Shape    string        // one of Shapes ("" means ShapeBinary)
	Faults   actor.Faults  // fault budgets
	Network  actor.Network // the network
}

// Bounds of a Config.
const (
	MaxN        = 8
	MaxRequests = 3
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("raymond: invalid configuration")

// Model is the algorithm as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the algorithm.
type State = actor.State[Proc, Msg]

// Action is a step of the algorithm.
type Action = actor.Action[Msg]

// Parent returns the parent of node i (i >= 1) in a tree of the shape.
func Parent(shape string, i int) int {
	switch shape {
	case ShapeLine:
		return i - 1
	case ShapeStar:
		return 0
	}
	return (i - 1) / 2
}

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Shape == "" {
		cfg.Shape = ShapeBinary
	}
	switch {
	case cfg.Shape != ShapeLine && cfg.Shape != ShapeStar && cfg.Shape != ShapeBinary:
		return nil, fmt.Errorf("%w: unknown shape %q", ErrConfig, cfg.Shape)
	case cfg.N < 2 || cfg.N > MaxN:
		return nil, fmt.Errorf("%w: %d nodes (want 2..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Requests < 1 || cfg.Requests > MaxRequests:
		return nil, fmt.Errorf("%w: %d requests (want 1..%d)", ErrConfig, cfg.Requests, MaxRequests)
	}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		holder := 0
		if i > 0 {
			holder = Parent(cfg.Shape, i)
		}
		actors[i] = node(uint8(cfg.Requests), actor.ID(i), actor.ID(holder))
	}
	done := func(s State, i int) bool { return int(s.Procs[i].Local.Done) == cfg.Requests }
	props := []model.Property[State]{
		invariants.MutualExclusion(cfg.N, inCS),
		invariants.EveryRequestGranted(cfg.N, done),
	}
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Properties: append(props, invariants.EntersCS(cfg.N, inCS)...),
		Final:      func(s State) bool { return invariants.AllDone(s, cfg.N, done) },
	})
}

// inCS reports whether node i is in its critical section (USING).
func inCS(s State, i int) bool { return s.Procs[i].Local.Using }

// Messages returns the messages sent so far in s (REQUEST and PRIVILEGE).
func Messages(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Sent) })
}

// Entries returns the critical sections completed in s.
func Entries(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Done) })
}
