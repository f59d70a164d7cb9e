package suzukikasami

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants. The empty string is VariantCorrect.
const (
	// VariantCorrect is the algorithm as the paper gives it.
	VariantCorrect = "correct"
	// VariantIgnoreSeq is broken: an idle token holder receiving a
	// REQUEST does not compare its number with LN, so an outdated request
	// (one already granted, delivered late) is taken as new and the token
	// goes to a process that no longer asks for it.
	VariantIgnoreSeq = "ignore-sequence-numbers"
)

// A Config is one configuration of the algorithm.
type Config struct {
	N        int           // processes, 2..MaxN; p0 starts with the token
	Requests int           // critical sections each process asks for, 1..MaxRequests
	Variant  string        // VariantCorrect ("" too) or VariantIgnoreSeq
	Faults   actor.Faults  // fault budgets
	Network  actor.Network // the network
}

// Bounds of a Config.
const (
	MaxN        = 8
	MaxRequests = 3
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("suzukikasami: invalid configuration")

// Model is the algorithm as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the algorithm.
type State = actor.State[Proc, Msg]

// Action is a step of the algorithm.
type Action = actor.Action[Msg]

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	switch {
	case cfg.Variant != "" && cfg.Variant != VariantCorrect && cfg.Variant != VariantIgnoreSeq:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.N < 2 || cfg.N > MaxN:
		return nil, fmt.Errorf("%w: %d processes (want 2..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Requests < 1 || cfg.Requests > MaxRequests:
		return nil, fmt.Errorf("%w: %d requests (want 1..%d)", ErrConfig, cfg.Requests, MaxRequests)
	}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = process(cfg, actor.ID(i))
	}
	done := func(s State, i int) bool { return int(s.Procs[i].Local.Done) == cfg.Requests }
	props := []model.Property[State]{
		invariants.MutualExclusion(cfg.N, inCS),
		model.Always(PropTokenToRequester, tokenToRequester),
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

// PropTokenToRequester is the name of the property "the token is sent
// only to a process that is waiting for it": every PRIVILEGE in flight
// goes to a process in PhaseWaiting.
const PropTokenToRequester = "token only to a requester"

// tokenToRequester is PropTokenToRequester's predicate.
func tokenToRequester(s State) bool {
	for _, e := range s.Net {
		if e.Msg.Kind == Privilege && s.Procs[e.To].Local.Phase != PhaseWaiting {
			return false
		}
	}
	return true
}

// inCS reports whether process i is in its critical section.
func inCS(s State, i int) bool { return s.Procs[i].Local.Phase == PhaseInCS }

// Messages returns the messages sent so far in s (REQUEST and PRIVILEGE).
func Messages(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Sent) })
}

// Entries returns the critical sections completed in s.
func Entries(s State) int {
	return actor.SumLocal(s, func(p Proc) int { return int(p.Done) })
}

// FreeEntries returns the critical sections entered in s by a process
// that already held the token (no message).
func FreeEntries(s State) int {
	sum := 0
	for _, p := range s.Procs {
		sum += int(p.Local.Free)
	}
	return sum
}
