package ring

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantCorrect is the text's pseudo-code.
	VariantCorrect = "correct"
	// VariantNoFlag drops the participating flag: a node replaces every
	// smaller value by its own id, however often. Still safe, but more
	// messages, and the leader announces itself once for every copy of its
	// id that comes back.
	VariantNoFlag = "no-participating-flag"
	// VariantLossy is the correct protocol on a ring that loses a message
	// (drop=1 by default): an election may never end.
	VariantLossy = "lossy"
)

// Variants lists the variant names, the default first.
var Variants = []string{VariantCorrect, VariantNoFlag, VariantLossy}

// The sets of initiators (Config.Initiators).
const (
	InitOne  = "one"  // the node at position 0
	InitSome = "some" // the nodes at even positions: 0, 2, 4, ...
	InitAll  = "all"  // every node
)

// A Config is one configuration of the protocol.
type Config struct {
	// IDs are the nodes' ids in ring order: the node at position i (actor
	// p<i>) has id IDs[i] and sends to position i+1 (the last to 0). They
	// are distinct, in 1..MaxID; N is their number, 2..MaxN.
	IDs        []int
	Initiators string        // InitOne, InitSome or InitAll ("" means InitAll)
	Variant    string        // one of Variants; "" means VariantCorrect
	Faults     actor.Faults  // drop and dup budgets
	Network    actor.Network // FIFO or Unordered
}

// Limits of a Config.
const (
	MaxN  = 8
	MaxID = 255
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("ring: invalid configuration")

// Model is the protocol as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the protocol.
type State = actor.State[Proc, Msg]

// Action is a step of the protocol.
type Action = actor.Action[Msg]

// initiator reports whether the node at position pos initiates.
func (cfg Config) initiator(pos int) bool {
	switch cfg.Initiators {
	case InitOne:
		return pos == 0
	case InitSome:
		return pos%2 == 0
	}
	return true
}

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantCorrect
	}
	if cfg.Initiators == "" {
		cfg.Initiators = InitAll
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	n := len(cfg.IDs)
	actors := make([]actor.Actor[Proc, Msg], n)
	for i := range actors {
		actors[i] = node(cfg, i)
	}
	e := election(cfg.IDs)
	sys, err := actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Properties: properties(cfg.IDs),
		Final:      e.Elected,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return sys, nil
}

func (cfg Config) validate() error {
	n := len(cfg.IDs)
	switch {
	case n < 2 || n > MaxN:
		return fmt.Errorf("%w: %d ids (want 2..%d)", ErrConfig, n, MaxN)
	case !slices.Contains(Variants, cfg.Variant):
		return fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case !slices.Contains([]string{InitOne, InitSome, InitAll}, cfg.Initiators):
		return fmt.Errorf("%w: initiators %q (want one, some or all)", ErrConfig, cfg.Initiators)
	case cfg.Network != actor.FIFO && cfg.Network != actor.Unordered:
		return fmt.Errorf("%w: network %v (want fifo or unordered)", ErrConfig, cfg.Network)
	case cfg.Faults.Crash+cfg.Faults.Restart+cfg.Faults.Partition > 0:
		return fmt.Errorf("%w: faults %v: only drop and dup", ErrConfig, cfg.Faults)
	}
	seen := map[int]bool{}
	for _, id := range cfg.IDs {
		if id < 1 || id > MaxID || seen[id] {
			return fmt.Errorf("%w: ids %v: want distinct ids in 1..%d", ErrConfig, cfg.IDs, MaxID)
		}
		seen[id] = true
	}
	return nil
}
