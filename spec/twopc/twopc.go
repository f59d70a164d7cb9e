package twopc

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants. The empty string is VariantCorrect.
const (
	// VariantCorrect is the protocol as the text gives it.
	VariantCorrect = "correct"
	// VariantCooperative adds the text's cooperative termination: a
	// participant recovering in READY also asks every other participant,
	// which answer with their decision (or, in INIT, abort and say so).
	VariantCooperative = "cooperative"
	// VariantNeverRecovers (cooperative too) lets the coordinator crash for good (crash-stop):
	// participants READY when it crashes can never decide, the blocking of
	// two-phase commit. "every participant eventually decides" fails.
	VariantNeverRecovers = "coordinator-never-recovers"
	// VariantRecoverCommits is broken: a coordinator recovering in WAIT
	// commits instead of aborting, without the votes. "validity" fails.
	VariantRecoverCommits = "recover-commits"
	// VariantReadyAborts is broken: a READY participant that times out
	// aborts unilaterally instead of asking. "atomicity" fails.
	VariantReadyAborts = "ready-aborts"
)

// A Config is one configuration of the protocol.
type Config struct {
	N       int           // participants, 1..MaxN (the coordinator is p0, participants p1..pN)
	Variant string        // one of the variants of Spec; "" means VariantCorrect
	Faults  actor.Faults  // fault budgets; in VariantCorrect restarts default to the crash budget
	Network actor.Network // the network semantics
}

// MaxN is the largest number of participants.
const MaxN = 16

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("twopc: invalid configuration")

// Model is the protocol as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the protocol.
type State = actor.State[Proc, Msg]

// Action is a step of the protocol.
type Action = actor.Action[Msg]

// cooperative reports whether participants use cooperative termination.
func (cfg Config) cooperative() bool {
	return cfg.Variant == VariantCooperative || cfg.Variant == VariantNeverRecovers
}

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantCorrect
	}
	if cfg.N < 1 || cfg.N > MaxN {
		return nil, fmt.Errorf("%w: %d participants (want 1..%d)", ErrConfig, cfg.N, MaxN)
	}
	known := false
	for _, v := range catalogVariants() {
		known = known || v.Name == cfg.Variant
	}
	if !known {
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	}
	if cfg.Variant == VariantNeverRecovers && cfg.Faults.Crash == 0 {
		// The variant is about the coordinator's crash: without a crash
		// budget it would be the correct protocol.
		cfg.Faults.Crash = 1
	}
	// Every crashed process may restart; in VariantNeverRecovers the
	// coordinator alone is crash-stop (Actor.NoRestart).
	cfg.Faults.Restart = max(cfg.Faults.Restart, cfg.Faults.Crash)
	actors := []actor.Actor[Proc, Msg]{coordinator(cfg)}
	group := make([]actor.ID, cfg.N)
	for i := range group {
		actors = append(actors, participant(cfg))
		group[i] = actor.ID(i + 1)
	}
	return actor.New(actor.Config[Proc, Msg]{
		Actors:       actors,
		Network:      cfg.Network,
		Faults:       cfg.Faults,
		Timers:       timerNames,
		Properties:   properties(cfg.N),
		Final:        func(s State) bool { return allDecided(s, cfg.N) },
		Symmetry:     [][]actor.ID{group},
		PermuteLocal: permuteProc,
		PermuteMsg:   permuteMsg,
		Reduction:    reduction(cfg),
	})
}

// Property names.
const (
	PropAtomicity = "atomicity"
	PropValidity  = "validity"
	PropStable    = "decision stable"
	PropCommit    = "commit reachable"
	PropAbort     = "abort reachable"
	PropDecides   = "every participant eventually decides"
)

// properties returns the properties for n participants.
func properties(n int) []model.Property[State] {
	decision := func(s State, i int) invariants.Decision { return s.Procs[i].Local.Phase.Decision() }
	vote := func(s State, i int) invariants.Vote { return s.Procs[i+1].Local.Vote }
	return []model.Property[State]{
		invariants.Atomicity(PropAtomicity, n+1, decision),
		invariants.Validity(PropValidity, n+1, n, decision, vote),
		invariants.Irrevocable(PropStable, n+1, func(s State, i int) invariants.DecisionSet { return s.Procs[i].Local.Ever }),
		model.Sometimes(PropCommit, func(s State) bool { return allIn(s, n, PhaseCommit) }),
		model.Sometimes(PropAbort, func(s State) bool { return allIn(s, n, PhaseAbort) }),
		model.Eventually(PropDecides, func(s State) bool { return allDecided(s, n) }),
	}
}

// allDecided reports whether every participant has decided.
func allDecided(s State, n int) bool {
	for i := 1; i <= n; i++ {
		if s.Procs[i].Local.Phase.Decision() == invariants.Undecided {
			return false
		}
	}
	return true
}

// allIn reports whether every participant is in phase ph.
func allIn(s State, n int, ph Phase) bool {
	for i := 1; i <= n; i++ {
		if s.Procs[i].Local.Phase != ph {
			return false
		}
	}
	return true
}
