package twophase

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// The variants of the spec accepted in Config.Variant.
const (
	// VariantCorrect is Lamport's spec as written. The empty string means
	// the same.
	VariantCorrect = "correct"
	// VariantEarlyCommit is a deliberately broken TM: TMCommit is enabled
	// once tmPrepared is non-empty instead of once it is every RM, so
	// "consistent" fails.
	VariantEarlyCommit = "buggy-early-commit"
)

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("twophase: invalid config")

// Config selects the instance of the spec to build.
type Config struct {
	N       int    // number of resource managers, 1..MaxN
	Variant string // VariantCorrect ("" means the same) or VariantEarlyCommit
}

// A Model is the TwoPhase spec for a fixed set of resource managers. It
// implements model.Model[State, Action] and model.Symmetric[State].
type Model struct {
	n        int
	variant  string
	early    bool   // VariantEarlyCommit
	prepMask uint64 // the tmPrepared bit of every RM: tmPrepared = RM
}

var (
	_ model.Model[State, Action] = (*Model)(nil)
	_ model.Symmetric[State]     = (*Model)(nil)
)

// New returns the model for cfg, or an error wrapping ErrConfig when N is
// out of range or the variant is unknown.
func New(cfg Config) (*Model, error) {
	if cfg.N < 1 || cfg.N > MaxN {
		return nil, fmt.Errorf("%w: N = %d, want 1..%d resource managers", ErrConfig, cfg.N, MaxN)
	}
	m := &Model{n: cfg.N, variant: cfg.Variant}
	switch cfg.Variant {
	case "", VariantCorrect:
		m.variant = VariantCorrect
	case VariantEarlyCommit:
		m.early = true
	default:
		return nil, fmt.Errorf("%w: unknown variant %q (want %q or %q)",
			ErrConfig, cfg.Variant, VariantCorrect, VariantEarlyCommit)
	}
	for i := range cfg.N {
		m.prepMask |= tmPrepBit << (rmBits * uint(i))
	}
	return m, nil
}

// N returns the number of resource managers.
func (m *Model) N() int { return m.n }

// Variant returns the variant's name (VariantCorrect for the spec as written).
func (m *Model) Variant() string { return m.variant }

// Init yields the one initial state (TLA+ TPInit): every RM working, the TM
// in init, tmPrepared and msgs empty.
func (m *Model) Init(yield func(State)) { yield(State{uint64(m.n) << nShift}) }

// AppendKey appends the eight-byte key of s.
func (m *Model) AppendKey(dst []byte, s State) []byte { return appendKey(dst, s) }

// Canonical returns the representative of s's orbit under permutations of
// the resource managers: the per-RM nibbles (rmState, in tmPrepared,
// Prepared sent) in ascending order. Sorting is a complete canonicalization
// because nothing in a State relates one RM to another. It does not
// allocate.
func (m *Model) Canonical(s State) State {
	var count [nibbleMsk + 1]uint8
	w := s.w
	for i := range m.n {
		count[w>>(rmBits*uint(i))&nibbleMsk]++
	}
	out := w &^ rmAreaMsk
	sh := uint(0)
	for v, c := range count {
		for ; c > 0; c-- {
			out |= uint64(v) << sh
			sh += rmBits
		}
	}
	return State{out}
}

// Properties returns "consistent" and "type ok" (Always), then "commit
// reachable" and "abort reachable" (Sometimes).
func (m *Model) Properties() []model.Property[State] {
	return []model.Property[State]{
		model.Always("consistent", State.Consistent),
		model.Always("type ok", State.TypeOK),
		model.Sometimes("commit reachable", func(s State) bool { return s.committed() != 0 }),
		model.Sometimes("abort reachable", func(s State) bool { return s.aborted() != 0 }),
	}
}
