package explore

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// prepare validates opts, filling in defaults, for a run of m. Every engine
// (BFS, DFS, random, liveness, Visit) calls it first.
func prepare[S, A any](m model.Model[S, A], opts *Options) error {
	if err := opts.validate(); err != nil {
		return err
	}
	if err := checkPOR(m, *opts); err != nil {
		return err
	}
	return checkSymmetry(m, *opts)
}

// checkSymmetry rejects Options.Symmetry for a model that declares no
// symmetry (model.HasSymmetry): reducing by the identity would print
// "symmetry" and reduce nothing.
func checkSymmetry[S, A any](m model.Model[S, A], opts Options) error {
	if opts.Symmetry && !model.HasSymmetry(m) {
		return fmt.Errorf("%w: symmetry reduction asked for, but the model declares no symmetry (model.Symmetric, model.Declarer)", ErrOptions)
	}
	return nil
}

// constraintOf returns m's state constraint (model.Constrained), or nil
// when it has none. An engine expands a state s only when the constraint
// is nil or within(s) holds; a state outside is checked against the state
// properties, is not a deadlock, and has no successors.
func constraintOf[S, A any](m model.Model[S, A]) (within func(S) bool) {
	if c, ok := m.(model.Constrained[S]); ok {
		return c.Within
	}
	return nil
}
