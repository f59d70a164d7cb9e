package voting

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantRescension is majority voting with rescension: a voter may ask
	// for its vote back, a candidate not in its critical section must
	// return it, and voters vote for the best candidate (the earliest
	// timestamp, ties broken by id). Safe and live.
	VariantRescension = "rescension"
	// VariantSimple is simple majority voting: a voter's vote stays with
	// its candidate until the candidate is done, and waiting requests get
	// it in arrival order. When the votes split with no majority, nobody
	// can go on: a deadlock.
	VariantSimple = "simple-majority"
)

// A Config is one configuration of the algorithm.
type Config struct {
	N        int           // processes, 1..MaxN
	Requests int           // critical sections each process asks for, 1..MaxRequests
	Variant  string        // VariantRescension (also "") or VariantSimple
	Network  actor.Network // Unordered or FIFO
}

// The bounds of the parameters.
const (
	MaxN        = 9
	MaxRequests = 4
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("voting: invalid configuration")

// Model is the algorithm as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the algorithm.
type State = actor.State[Proc, Msg]

// Action is a step of the algorithm.
type Action = actor.Action[Msg]

// rescension reports whether voters may ask for their votes back.
func (cfg *Config) rescension() bool { return cfg.Variant == VariantRescension }

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantRescension
	}
	switch {
	case cfg.N < 1 || cfg.N > MaxN:
		return nil, fmt.Errorf("%w: %d processes (want 1..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Requests < 1 || cfg.Requests > MaxRequests:
		return nil, fmt.Errorf("%w: %d requests (want 1..%d)", ErrConfig, cfg.Requests, MaxRequests)
	case cfg.Variant != VariantRescension && cfg.Variant != VariantSimple:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.Network != actor.Unordered && cfg.Network != actor.FIFO:
		return nil, fmt.Errorf("%w: network %v (want unordered or fifo)", ErrConfig, cfg.Network)
	}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = process(&cfg)
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

// PropVotes is the name of the property that a candidate holds only votes
// given to its current request.
const PropVotes = "votes held were given"

// properties returns the properties for n processes asking reqs times.
func properties(n, reqs int) []model.Property[State] {
	props := []model.Property[State]{
		invariants.MutualExclusion(n, inCS),
		model.Always(PropVotes, func(s State) bool { return votesGiven(s, n) }),
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

// votesGiven reports whether every vote a candidate holds is the vote its
// voter gave to the candidate's current request: so no vote counts twice.
func votesGiven(s State, n int) bool {
	for c := range n {
		p := s.Procs[c].Local
		for v := range n {
			if p.holds(actor.ID(v)) && s.Procs[v].Local.Voted != (Req{TS: p.TS, ID: actor.ID(c)}) {
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
