package maekawa

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantInquire is Maekawa's algorithm with its deadlock avoidance:
	// Failed, Inquire and Relinquish. Safe and live.
	VariantInquire = "inquire"
	// VariantArrivalOnly sends Failed only to a request that arrives behind
	// one that precedes it, never to a waiting request that a later one
	// overtakes in the queue. That request never learns it failed, keeps
	// the locks it holds, and candidates deadlock (from N = 4).
	VariantArrivalOnly = "failed-on-arrival-only"
	// VariantNoInquire has no Failed, Inquire or Relinquish: a member's lock
	// stays with its candidate until the candidate is done. Candidates
	// waiting for each other's members deadlock.
	VariantNoInquire = "no-inquire"
)

// A Config is one configuration of the algorithm.
type Config struct {
	N        int           // processes, 1..MaxN
	Requests int           // critical sections each process asks for, 1..MaxRequests
	Quorums  string        // QuorumsMaekawa (also "") or QuorumsMajority
	Variant  string        // VariantInquire (also ""), VariantArrivalOnly or VariantNoInquire
	Network  actor.Network // Unordered or FIFO
}

// The bounds of the parameters.
const (
	MaxN        = 9
	MaxRequests = 4
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("maekawa: invalid configuration")

// Model is the algorithm as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the algorithm.
type State = actor.State[Proc, Msg]

// Action is a step of the algorithm.
type Action = actor.Action[Msg]

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantInquire
	}
	if cfg.Quorums == "" {
		cfg.Quorums = QuorumsMaekawa
	}
	sets, _, err := Quorums(cfg.N, cfg.Quorums)
	switch {
	case err != nil:
		return nil, err
	case cfg.Requests < 1 || cfg.Requests > MaxRequests:
		return nil, fmt.Errorf("%w: %d requests (want 1..%d)", ErrConfig, cfg.Requests, MaxRequests)
	case cfg.Variant != VariantInquire && cfg.Variant != VariantNoInquire && cfg.Variant != VariantArrivalOnly:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.Network != actor.Unordered && cfg.Network != actor.FIFO:
		return nil, fmt.Errorf("%w: network %v (want unordered or fifo)", ErrConfig, cfg.Network)
	}
	sys := &system{cfg: cfg, sets: sets}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = sys.process()
	}
	n, reqs := cfg.N, cfg.Requests
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Timers:     timerNames,
		Properties: properties(n, reqs),
		Final:      func(s State) bool { return invariants.AllDone(s, n, doneFunc(reqs)) },
	})
}

// PropLocks is the name of the property that a candidate holds only locks
// given to its current request.
const PropLocks = "locks held were given"

// properties returns the properties for n processes asking reqs times.
func properties(n, reqs int) []model.Property[State] {
	props := []model.Property[State]{
		invariants.MutualExclusion(n, inCS),
		model.Always(PropLocks, func(s State) bool { return locksGiven(s, n) }),
		invariants.EveryRequestGranted(n, doneFunc(reqs)),
	}
	return append(props, invariants.EntersCS(n, inCS)...)
}

// inCS reports whether process i is in its critical section.
func inCS(s State, i int) bool { return s.Procs[i].Local.Phase == InCS }

// doneFunc returns whether process i has had its reqs critical sections.
func doneFunc(reqs int) func(s State, i int) bool {
	return func(s State, i int) bool { return int(s.Procs[i].Local.Done) == reqs }
}

// locksGiven reports whether every lock a candidate holds is locked for
// the candidate's current request: so no member is locked for two.
func locksGiven(s State, n int) bool {
	for c := range n {
		p := s.Procs[c].Local
		for v := range n {
			if p.Held.Has(actor.ID(v)) && s.Procs[v].Local.Lock != (Req{TS: p.TS, ID: actor.ID(c)}) {
				return false
			}
		}
	}
	return true
}

// Messages returns the messages sent so far by all processes.
func Messages(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Sent) })
}

// Entries returns the critical sections completed so far.
func Entries(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Done) })
}
