package model

// A StepProperty is a named predicate over steps: a transition from a
// state, by an action, to the next state. It must hold on every step of
// every reachable state (TLC's [][A]_v), for properties no single state can
// express: "a logged decision never changes", "a clock never decreases".
// Its expectation is ExpectAlwaysStep. Names share one namespace with the
// model's state properties.
type StepProperty[S, A any] struct {
	Name  string                            // stable id, unique within a model
	Holds func(from S, action A, to S) bool // the predicate; pure
	_     struct{}                          // forbids positional literals
}

// AlwaysStep returns a step property: holds must be true on every step
// from every reachable state.
func AlwaysStep[S, A any](name string, holds func(from S, action A, to S) bool) StepProperty[S, A] {
	return StepProperty[S, A]{Name: name, Holds: holds}
}

// A StepChecker is a Model with step properties. Every engine evaluates
// them on every step it generates, steps to states already visited
// included; a counterexample is a path whose last step violates the
// predicate. Under symmetry reduction a step property must be symmetric,
// as state properties must: permuting from, action and to together does
// not change its value.
type StepChecker[S, A any] interface {
	// StepProperties lists the step properties, in a fixed order.
	StepProperties() []StepProperty[S, A]
}

// StepProperties returns m's step properties, or nil when m has none.
func StepProperties[S, A any](m Model[S, A]) []StepProperty[S, A] {
	if sc, ok := m.(StepChecker[S, A]); ok {
		return sc.StepProperties()
	}
	return nil
}
