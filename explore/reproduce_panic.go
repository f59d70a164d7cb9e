package explore

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// reproducePanic decides a PanicProperty claim: model code must run
// without panicking up to the last state, and panic there.
func reproducePanic[S, A any](m model.Model[S, A], c Claim, tr *model.Trace, states []S) (Reproduction, error) {
	if len(states) == 1 {
		if v := panicOf(func() { m.Init(func(S) {}) }); v != nil {
			return Reproduction{true, fmt.Sprintf("Init panics: %v", v)}, nil
		}
	}
	var err error
	var why string
	if v := panicOf(func() {
		if _, err = checkPath(m, tr, states); err == nil {
			why = outsideBefore(m, states)
		}
	}); v != nil {
		return Reproduction{}, fmt.Errorf("%w: the model panics before the last state: %v", ErrReplay, v)
	}
	switch {
	case err != nil:
		return Reproduction{}, err
	case why != "":
		return Reproduction{false, why}, nil
	}
	if where, v := lastPanic(m, c, states[len(states)-1]); v != nil {
		return Reproduction{true, fmt.Sprintf("%s panics in the last state: %v", where, v)}, nil
	}
	return Reproduction{false, "the model no longer panics in the last state"}, nil
}

// lastPanic runs on s the model code an engine runs when it reaches and
// expands s, and returns the first that panics and its value (nil: none).
func lastPanic[S, A any](m model.Model[S, A], c Claim, s S) (string, any) {
	key := func(t S) {
		m.AppendKey(nil, t)
		if sym, ok := m.(model.Symmetric[S]); ok && c.Symmetry && model.HasSymmetry(m) {
			m.AppendKey(nil, sym.Canonical(t))
		}
	}
	if v := panicOf(func() { key(s) }); v != nil {
		return "AppendKey", v
	}
	for _, p := range m.Properties() {
		for _, pred := range []func(S) bool{p.Holds, p.Then} {
			if v := panicOf(func() { _ = pred != nil && pred(s) }); v != nil {
				return fmt.Sprintf("property %q", p.Name), v
			}
		}
	}
	within := true
	if w := constraintOf(m); w != nil {
		if v := panicOf(func() { within = w(s) }); v != nil {
			return "Within", v
		}
	}
	if !within {
		return "", nil // the engines do not expand it
	}
	var acts []A
	var next []S
	if v := panicOf(func() { acts, next = collectNext(m, s, nil, nil) }); v != nil {
		return "Next", v
	}
	for i, t := range next {
		if v := panicOf(func() { key(t) }); v != nil {
			return fmt.Sprintf("the key of successor %d", i), v
		}
		for _, sp := range model.StepProperties(m) {
			if v := panicOf(func() { _ = sp.Holds != nil && sp.Holds(s, acts[i], t) }); v != nil {
				return fmt.Sprintf("step property %q on step %d", sp.Name, i), v
			}
		}
	}
	return "", nil
}

// panicOf runs f and returns the value it panicked with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
