// Reproduce: re-establishing, on a replayed trace, what an engine
// established when it reported the trace.

package explore

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// ErrClaim is wrapped by every error Reproduce returns about a claim that
// cannot be checked: a property the model does not have (or an engine
// check it does not make), an expectation that disagrees with the model's
// property, a witness claimed for a property that has counterexamples or
// the reverse, a lasso for a property whose counterexamples are finite, an
// empty loop (a lasso must take at least one step), or a trace of the
// wrong shape or state type.
var ErrClaim = errors.New("explore: malformed claim")

// A Claim is what a saved trace says it shows, as written in its file.
type Claim struct {
	// Property is the name of one of the model's properties or step
	// properties, or DeadlockProperty or PanicProperty for the engines'
	// own checks.
	Property string
	// Expect is the property's expectation as the file gives it; it must
	// be the model's (ExpectAlways for the engines' own checks).
	Expect model.Expectation
	// Witness is true for a witness of a Sometimes property, false for a
	// counterexample.
	Witness bool
	// Symmetry is true when the run keyed states by their canonical
	// representative: then, for a model without fairness, a lasso may
	// close up to symmetry (its last state a permutation of its loop
	// state), which the liveness engine reports when the concrete loop
	// does not close.
	Symmetry bool
	// Stutter is true when the liveness run used Options.Stutter (TLA+'s
	// semantics): then a finite counterexample may end in any state where
	// no weakly fair step is enabled, not only in a terminal state.
	Stutter bool
	_       struct{} // forbids positional literals
}

// A Reproduction is Reproduce's verdict on a well-formed claim.
type Reproduction struct {
	Reproduces bool   // the trace still shows what the claim says
	Reason     string // one line for people: why it does, or the first check that fails
}

// Reproduce decides whether tr, a trace re-executed from its index path by
// Replay (states filled in; the caller has compared the labels with the
// file), still shows what c claims. It first re-derives every state from
// the path: Steps[0] must have the key of Init's Path[0]-th state and each
// Steps[i] the key of the Path[i]-th step from Steps[i-1] (an error
// wrapping ErrReplay otherwise), and every state before the last must be
// within the model's state constraint (model.Constrained), since the
// engines expand no other (the trace does not reproduce otherwise). Then,
// by claim:
//
//   - a counterexample to an Always property: the predicate fails in the
//     last state (the earlier states do not matter);
//   - a counterexample to a step property (model.StepChecker): its
//     predicate fails on the last step;
//   - a witness of a Sometimes property: the predicate holds in the last
//     state;
//   - DeadlockProperty: the model declares final states (model.HasFinal),
//     and the last state is within the constraint, has no step and is not
//     final;
//   - PanicProperty: model code panics on the last state as an engine runs
//     it there: AppendKey (and, with Symmetry, Canonical), a property's
//     predicates, Within, and for a state within the constraint Next, the
//     keys of the states it yields and the step properties of its steps;
//     for a one-state trace, Init;
//   - a counterexample to "eventually P": the trace is a behaviour, and P
//     fails in every one of its states;
//   - a counterexample to "P leads-to Q": the trace is a behaviour, and
//     some state i has P while Q fails from i on (the loop included: it
//     repeats forever).
//
// A trace is a behaviour, as the liveness engine defines it, when it is
// finite (Loop < 0) and ends where a behaviour may stop (CanStop under
// c.Stutter: a terminal state by default; or a state outside the
// constraint), or when it is a lasso whose loop is non-empty (Loop <
// len(Steps)-1), closes (the last state has the key of Steps[Loop]) and is
// weakly fair under the fairness the model declares (model.HasFairness):
// every fairness class enabled in every state of the loop is the class of
// some step of the loop (each step's class comes from the action Next
// yields at the recorded index, not from the label). Without fairness
// every closing loop is a behaviour.
//
// Reproduce returns an error wrapping ErrClaim for a malformed claim, and
// one wrapping ErrReplay when the states do not follow from the path or
// model code panics (outside a PanicProperty claim's last state).
func Reproduce[S, A any](m model.Model[S, A], c Claim, tr *model.Trace) (rep Reproduction, err error) {
	states, err := traceStates[S](tr)
	if err != nil {
		return Reproduction{}, err
	}
	if err := checkClaim(m, c, tr); err != nil {
		return Reproduction{}, err
	}
	if c.Property == PanicProperty {
		return reproducePanic(m, c, tr, states)
	}
	defer func() {
		if v := recover(); v != nil {
			rep, err = Reproduction{}, fmt.Errorf("%w: the model panicked while the trace was checked: %v", ErrReplay, v)
		}
	}()
	acts, err := checkPath(m, tr, states)
	if err != nil {
		return Reproduction{}, err
	}
	if why := outsideBefore(m, states); why != "" {
		return Reproduction{false, why}, nil
	}
	return decide(m, c, states, acts, tr.Loop)
}

// decide decides a well-formed claim on a trace whose states follow from
// its path.
func decide[S, A any](m model.Model[S, A], c Claim, states []S, acts []A, loop int) (Reproduction, error) {
	if c.Property == DeadlockProperty {
		return reproduceDeadlock(m, states)
	}
	n := len(states)
	if sp := stepProperty(m, c.Property); sp != nil {
		if sp.Holds(states[n-2], acts[n-1], states[n-1]) {
			return Reproduction{false, "the step property now holds on the last step"}, nil
		}
		return Reproduction{true, "the step property fails on the last step"}, nil
	}
	prop := stateProperty(m, c.Property)
	last := states[n-1]
	switch {
	case c.Witness && prop.Holds(last):
		return Reproduction{true, "the predicate holds in the last state"}, nil
	case c.Witness:
		return Reproduction{false, "the predicate no longer holds in the last state"}, nil
	case prop.Expect == model.ExpectAlways && prop.Holds(last):
		return Reproduction{false, "the property now holds in the last state"}, nil
	case prop.Expect == model.ExpectAlways:
		return Reproduction{true, "the property fails in the last state"}, nil
	}
	return reproduceLiveness(m, c, prop, states, acts, loop), nil
}

// traceStates checks tr's shape and returns its states as S.
func traceStates[S any](tr *model.Trace) ([]S, error) {
	switch {
	case tr == nil || len(tr.Steps) == 0:
		return nil, fmt.Errorf("%w: an empty trace", ErrClaim)
	case len(tr.Path) != len(tr.Steps):
		return nil, fmt.Errorf("%w: a path of %d indices for %d states", ErrClaim, len(tr.Path), len(tr.Steps))
	case tr.Loop < -1 || tr.Loop >= len(tr.Steps):
		return nil, fmt.Errorf("%w: loop start %d out of range [-1, %d)", ErrClaim, tr.Loop, len(tr.Steps))
	case tr.Loop == len(tr.Steps)-1:
		return nil, fmt.Errorf("%w: an empty loop: it starts at the last step (%d); a loop needs at least one step", ErrClaim, tr.Loop)
	}
	states := make([]S, len(tr.Steps))
	for i, st := range tr.Steps {
		s, ok := st.State.(S)
		if !ok {
			return nil, fmt.Errorf("%w: step %d: a state of type %T, want %T", ErrClaim, i, st.State, s)
		}
		states[i] = s
	}
	return states, nil
}

// checkPath re-derives the states from the path and returns each step's
// action (acts[i] for step i >= 1; acts[0] is the zero A).
func checkPath[S, A any](m model.Model[S, A], tr *model.Trace, states []S) ([]A, error) {
	inits := collectInit(m)
	if p := tr.Path[0]; p < 0 || p >= len(inits) {
		return nil, fmt.Errorf("%w: initial state %d of %d", ErrReplay, p, len(inits))
	} else if !sameKey(m, inits[p], states[0]) {
		return nil, fmt.Errorf("%w: the initial state is not Init's state %d", ErrReplay, p)
	}
	acts := make([]A, len(states))
	var as []A
	var ns []S
	for i := 1; i < len(states); i++ {
		as, ns = collectNext(m, states[i-1], as[:0], ns[:0])
		idx := tr.Path[i]
		switch {
		case idx < 0 || idx >= len(ns):
			return nil, fmt.Errorf("%w: step %d: index %d of %d enabled steps", ErrReplay, i, idx, len(ns))
		case !sameKey(m, ns[idx], states[i]):
			return nil, fmt.Errorf("%w: step %d: the state recorded is not the one step %d of the previous state reaches", ErrReplay, i, idx)
		}
		acts[i] = as[idx]
	}
	return acts, nil
}

// checkClaim checks that c agrees with the model's property (or step
// property, or engine check) of its name, and that tr has the shape its
// claim needs.
func checkClaim[S, A any](m model.Model[S, A], c Claim, tr *model.Trace) error {
	switch c.Property {
	case PanicProperty:
		return engineCheck(c, tr)
	case DeadlockProperty:
		// NB: HasFinal, not the Finaler assertion: a model may have a
		// Final method without declaring final states (model.Declarer).
		if !model.HasFinal(m) {
			return fmt.Errorf("%w: %q: the model declares no final states, so it has no deadlock check", ErrClaim, c.Property)
		}
		return engineCheck(c, tr)
	}
	if sp := stepProperty(m, c.Property); sp != nil {
		switch {
		case c.Expect != model.ExpectAlwaysStep:
			return fmt.Errorf("%w: the trace says %q is (%s), the model's step property is (%s)", ErrClaim, c.Property, c.Expect, model.ExpectAlwaysStep)
		case c.Witness || tr.Loop >= 0:
			return fmt.Errorf("%w: a counterexample to step property %q is a finite path, not a witness or a loop", ErrClaim, c.Property)
		case len(tr.Steps) < 2:
			return fmt.Errorf("%w: a counterexample to step property %q needs a step", ErrClaim, c.Property)
		case sp.Holds == nil:
			return fmt.Errorf("%w: the model's step property %q has no predicate", ErrClaim, c.Property)
		}
		return nil
	}
	p := stateProperty(m, c.Property)
	switch {
	case p == nil:
		return fmt.Errorf("%w: the model has no property %q (it has %s)", ErrClaim, c.Property, propertyNames(m))
	case c.Expect != p.Expect:
		return fmt.Errorf("%w: the trace says %q is (%s), the model's property is (%s)", ErrClaim, p.Name, c.Expect, p.Expect)
	case c.Witness && p.Expect != model.ExpectSometimes:
		return fmt.Errorf("%w: a witness of %q (%s): only sometimes properties have witnesses", ErrClaim, p.Name, p.Expect)
	case !c.Witness && p.Expect == model.ExpectSometimes:
		return fmt.Errorf("%w: a counterexample to %q (sometimes): a sometimes property has witnesses, no counterexample", ErrClaim, p.Name)
	case tr.Loop >= 0 && !p.Expect.Liveness():
		return fmt.Errorf("%w: a loop in a trace of %q (%s): only liveness counterexamples loop", ErrClaim, p.Name, p.Expect)
	case p.Holds == nil || p.Expect == model.ExpectLeadsTo && p.Then == nil:
		return fmt.Errorf("%w: the model's property %q has no predicate", ErrClaim, p.Name)
	}
	return nil
}

// stateProperty returns m's property named name, or nil.
func stateProperty[S, A any](m model.Model[S, A], name string) *model.Property[S] {
	props := m.Properties()
	if i := slices.IndexFunc(props, func(p model.Property[S]) bool { return p.Name == name }); i >= 0 {
		return &props[i]
	}
	return nil
}

// stepProperty returns m's step property named name, or nil.
func stepProperty[S, A any](m model.Model[S, A], name string) *model.StepProperty[S, A] {
	props := model.StepProperties(m)
	if i := slices.IndexFunc(props, func(p model.StepProperty[S, A]) bool { return p.Name == name }); i >= 0 {
		return &props[i]
	}
	return nil
}

// outsideBefore says which state before the last is outside m's state
// constraint (the engines never expand one), or "" when none is.
func outsideBefore[S, A any](m model.Model[S, A], states []S) string {
	within := constraintOf(m)
	if within == nil {
		return ""
	}
	for i, s := range states[:len(states)-1] {
		if !within(s) {
			return fmt.Sprintf("the state after step %d is outside the state constraint: the engines do not expand it", i)
		}
	}
	return ""
}

// propertyNames lists, quoted, the names a claim may give for m.
func propertyNames[S, A any](m model.Model[S, A]) string {
	var names []string
	for _, p := range m.Properties() {
		names = append(names, fmt.Sprintf("%q", p.Name))
	}
	for _, p := range model.StepProperties(m) {
		names = append(names, fmt.Sprintf("%q", p.Name))
	}
	if model.HasFinal(m) {
		names = append(names, fmt.Sprintf("%q", DeadlockProperty))
	}
	return strings.Join(append(names, fmt.Sprintf("%q", PanicProperty)), ", ")
}

// engineCheck checks a claim about an engine's own check (deadlock, panic):
// a counterexample to an Always check, with no loop.
func engineCheck(c Claim, tr *model.Trace) error {
	switch {
	case c.Expect != model.ExpectAlways:
		return fmt.Errorf("%w: the trace says %q is (%s), the engines check it as (always)", ErrClaim, c.Property, c.Expect)
	case c.Witness:
		return fmt.Errorf("%w: a witness of %q: only sometimes properties have witnesses", ErrClaim, c.Property)
	case tr.Loop >= 0:
		return fmt.Errorf("%w: a loop in a trace of %q: only liveness counterexamples loop", ErrClaim, c.Property)
	}
	return nil
}

// reproduceDeadlock decides a DeadlockProperty claim.
func reproduceDeadlock[S, A any](m model.Model[S, A], states []S) (Reproduction, error) {
	f := m.(model.Finaler[S]) // checkClaim: model.HasFinal
	last := states[len(states)-1]
	if within := constraintOf(m); within != nil && !within(last) {
		return Reproduction{false, "the last state is outside the state constraint: not a deadlock"}, nil
	}
	if n := successors(m, last); n > 0 {
		return Reproduction{false, fmt.Sprintf("the last state now has %d enabled steps", n)}, nil
	}
	if f.Final(last) {
		return Reproduction{false, "the last state is now a final state"}, nil
	}
	return Reproduction{true, "the last state has no step and is not final"}, nil
}

// sameKey reports whether s and t have the same key.
func sameKey[S, A any](m model.Model[S, A], s, t S) bool {
	return bytes.Equal(m.AppendKey(nil, s), m.AppendKey(nil, t))
}

// successors counts the steps enabled in s.
func successors[S, A any](m model.Model[S, A], s S) int {
	n := 0
	m.Next(s, func(A, S) { n++ })
	return n
}
