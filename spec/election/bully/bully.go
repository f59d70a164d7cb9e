package bully

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantCorrect is the text's algorithm with reliable timeouts.
	VariantCorrect = "correct"
	// VariantUnreliableTimeouts lets the Are-U-Up timeout (step 1) expire
	// while a higher node is alive and merely slow (unreliable failure
	// detection, as in an asynchronous system): two nodes lead at once.
	VariantUnreliableTimeouts = "unreliable-timeouts"
)

// The initial situations (Config.Start).
const (
	// StartElected begins after a completed election: the highest node
	// leads and every node knows it. Elections follow crashes and
	// recoveries.
	StartElected = "elected"
	// StartBoot begins with every node starting an election at once, as
	// after a simultaneous boot.
	StartBoot = "boot"
)

// A Config is one configuration of the protocol.
type Config struct {
	N       int           // nodes, 2..MaxN, ids p0..p{N-1}: a higher id has priority
	Variant string        // VariantCorrect ("" too) or VariantUnreliableTimeouts
	Start   string        // StartBoot ("" too) or StartElected
	Faults  actor.Faults  // crash and restart budgets
	Network actor.Network // Unordered or FIFO
}

// MaxN is the largest number of nodes.
const MaxN = 8

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("bully: invalid configuration")

// State is a global state of the protocol.
type State = actor.State[Proc, Msg]

// Action is a step of the protocol.
type Action = actor.Action[Msg]

// A Model is the bully algorithm: an actor system whose timeouts and
// restarts are filtered by timing oracles (see Next). Every other method is
// the actor system's.
type Model struct {
	*actor.System[Proc, Msg]
	reliable bool
}

// Next implements model.Model: the actor system's steps, except two that
// bounded message delays rule out (reliable timeouts: delays are bounded).
//
//   - A timeout whose node still waits for a live node (see due). In
//     VariantUnreliableTimeouts the Are-U-Up timeout (step 1) is exempt: it
//     may expire while a higher node is alive but slow.
//   - A restart while a message to or from the node's previous incarnation
//     is in flight: a crashed node stays down longer than any message
//     delay, so whatever was in flight to it was lost and whatever it sent
//     has arrived.
//
// Both guards are oracles (they read other nodes' liveness and the
// network, which no node can): they stand for the timing assumptions of
// Garcia-Molina's model, not for anything a node computes.
func (m *Model) Next(s State, yield func(Action, State)) {
	m.System.Next(s, func(a Action, t State) {
		switch {
		case a.Kind == actor.Timeout && !mayExpire(s, a.To, m.reliable):
			// ruled out: the nodes it waits for are alive or not gone yet
		case a.Kind == actor.Restart && inFlight(s, a.To):
			// ruled out: the node has not been down long enough
		default:
			yield(a, t)
		}
	})
}

// inFlight reports whether a message to or from node id is in flight.
func inFlight(s State, id actor.ID) bool {
	for _, e := range s.Net {
		if e.From == id || e.To == id {
			return true
		}
	}
	return false
}

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantCorrect
	}
	if cfg.Start == "" {
		cfg.Start = StartBoot
	}
	switch {
	case cfg.N < 2 || cfg.N > MaxN:
		return nil, fmt.Errorf("%w: %d nodes (want 2..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Variant != VariantCorrect && cfg.Variant != VariantUnreliableTimeouts:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case !slices.Contains([]string{StartElected, StartBoot}, cfg.Start):
		return nil, fmt.Errorf("%w: unknown start %q", ErrConfig, cfg.Start)
	case cfg.Network != actor.Unordered && cfg.Network != actor.FIFO:
		return nil, fmt.Errorf("%w: network %v (want unordered or fifo)", ErrConfig, cfg.Network)
	case cfg.Faults.Drop+cfg.Faults.Dup+cfg.Faults.Partition > 0:
		return nil, fmt.Errorf("%w: faults %v: only crash and restart", ErrConfig, cfg.Faults)
	}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = node(cfg)
	}
	reliable := cfg.Variant == VariantCorrect
	sys, err := actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Properties: properties(cfg),
		Final:      election(cfg.N).Settled,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return &Model{System: sys, reliable: reliable}, nil
}
