package bully

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantCorrect is the text's algorithm with reliable timeouts:
	// untimed (the catalogue's default, delay 0), an oracle lets a timeout
	// expire only for a node that is down; timed (Config.Delay > 0), the
	// failure-detecting timeouts cover a round trip.
	VariantCorrect = "correct"
	// VariantTimed is VariantCorrect with time (the catalogue's delay 1 by
	// default): reliable timeouts by delay bounds, no oracle.
	VariantTimed = "timed"
	// VariantUnreliableTimeouts lets the Are-U-Up timeout (step 1) expire
	// while a higher node is alive and merely slow (unreliable failure
	// detection): timed, the timeout is a round trip's bound, 2*Delay
	// ticks, which an answer at the bound does not beat; untimed, the
	// oracle exempts that timeout. Two nodes lead at once.
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
	// Delay, when positive, makes the run timed (actor.TimeConfig): every
	// message arrives within Delay ticks, a crashed node stays down
	// Delay+1 ticks, and the timers have durations (see timings). 0 is
	// untimed, with the timing oracles (see Model.Next).
	Delay int
	// Poll is how often, in ticks, a follower checks its leader in a timed
	// run; 0 means 4*Delay+1 (see poll).
	Poll int
}

// MaxDelay is the largest Config.Delay.
const MaxDelay = 2

// timings returns the durations of the status timers of a timed run. The
// Are-U-Up and ACK timeouts (steps 1 and 3) cover a round trip, 2*Delay
// ticks, with one tick to spare (an answer at the bound arrives before the
// timer may fire): they detect failures reliably. With
// VariantUnreliableTimeouts the Are-U-Up timeout is 2*Delay, which such an
// answer does not beat. The others only make a node check again: a node
// whose awaited Enter-Election or Result does not come in a round trip and
// a tick starts an election (step 1), and a follower checks its leader
// every poll ticks the same way (the leader answers Enter-Election, which
// the follower ACKs and the leader confirms with Result): failures are
// detected by the Are-U-Up timeout alone.
func (cfg Config) timings() timing {
	rt := 2*cfg.Delay + 1
	tm := timing{
		StatusNormal: cfg.poll(), StatusProbing: rt, StatusAwaiting: rt,
		StatusCoordinating: rt, StatusHalted: rt,
	}
	if cfg.Variant == VariantUnreliableTimeouts {
		tm[StatusProbing] = 2 * cfg.Delay
	}
	return tm
}

// poll returns how often, in ticks, a follower checks its leader in a
// timed run: by default longer than a check takes (a round trip to the
// leader and one back, 4*Delay), so that checks by different followers
// cannot overlap forever and keep the election from ever being settled
// (TestPollMustOutlastACheck).
func (cfg Config) poll() int {
	if cfg.Poll > 0 {
		return cfg.Poll
	}
	return 4*cfg.Delay + 1
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
// restarts are filtered, in an untimed run, by timing oracles (see Next).
// Every other method is the actor system's.
type Model struct {
	*actor.System[Proc, Msg]
	reliable bool // VariantCorrect (untimed: the oracle filters every timeout)
	oracle   bool // untimed: the oracles filter timeouts and restarts
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
// Garcia-Molina's model, not for anything a node computes. A timed run
// states those assumptions with delay bounds instead (Config.Delay), and
// Next is the actor system's.
func (m *Model) Next(s State, yield func(Action, State)) {
	if !m.oracle {
		m.System.Next(s, yield)
		return
	}
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
	if cfg.Variant == "" || cfg.Variant == VariantTimed {
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
	case cfg.Delay < 0 || cfg.Delay > MaxDelay || cfg.Poll < 0 || cfg.Poll > 4*MaxDelay+1:
		return nil, fmt.Errorf("%w: delay %d (want 0..%d), poll %d", ErrConfig, cfg.Delay, MaxDelay, cfg.Poll)
	}
	tm := cfg.timings()
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = node(cfg, tm)
	}
	var tc *actor.TimeConfig
	if cfg.Delay > 0 {
		tc = &actor.TimeConfig{MaxDelay: cfg.Delay, MinDowntime: cfg.Delay + 1}
	}
	sys, err := actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Time:       tc,
		Properties: properties(cfg),
		Final:      election(cfg.N).Settled,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return &Model{System: sys, reliable: cfg.Variant == VariantCorrect, oracle: cfg.Delay == 0}, nil
}
