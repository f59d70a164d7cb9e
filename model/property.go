package model

// An Expectation says how a property's predicate is checked.
type Expectation uint8

const (
	// ExpectAlways: the predicate holds in every reachable state (a safety
	// invariant). A counterexample is a shortest path to a state where it
	// fails.
	ExpectAlways Expectation = iota
	// ExpectSometimes: the predicate holds in at least one reachable state (a
	// reachability witness that guards against a vacuous model). The example
	// found is a shortest path to such a state.
	ExpectSometimes
	// ExpectEventually: on every fair behaviour the predicate holds at some
	// point. A counterexample is a path to a terminal state, or a lasso (a
	// prefix and a loop), along which it never holds.
	ExpectEventually
	// ExpectLeadsTo: on every fair behaviour, whenever the predicate holds,
	// Then holds at the same point or later (P ~> Q).
	ExpectLeadsTo
	// ExpectAlwaysStep: a StepProperty holds on every step from every
	// reachable state. A counterexample is a shortest path whose last step
	// violates it.
	ExpectAlwaysStep
)

// String returns the expectation's name as written in traces and reports.
func (e Expectation) String() string {
	switch e {
	case ExpectAlways:
		return "always"
	case ExpectSometimes:
		return "sometimes"
	case ExpectEventually:
		return "eventually"
	case ExpectLeadsTo:
		return "leads-to"
	case ExpectAlwaysStep:
		return "always-step"
	}
	return "unknown"
}

// Liveness reports whether the expectation is a liveness property, one whose
// counterexamples are infinite behaviours.
func (e Expectation) Liveness() bool { return e == ExpectEventually || e == ExpectLeadsTo }

// A Property is a named predicate over states with an expectation. Names are
// short lowercase phrases ("consistent", "commit reachable"); they are stable
// ids used in trace files and CLI output.
type Property[S any] struct {
	Name   string       // stable id, unique within a model
	Expect Expectation  // how Holds is checked
	Holds  func(S) bool // the predicate; pure
	Then   func(S) bool // for ExpectLeadsTo only: the consequence Q of P ~> Q
	_      struct{}     // forbids positional literals
}

// Always returns a safety property: holds must be true in every reachable
// state.
func Always[S any](name string, holds func(S) bool) Property[S] {
	return Property[S]{Name: name, Expect: ExpectAlways, Holds: holds}
}

// Sometimes returns a reachability property: holds must be true in at least
// one reachable state.
func Sometimes[S any](name string, holds func(S) bool) Property[S] {
	return Property[S]{Name: name, Expect: ExpectSometimes, Holds: holds}
}

// Eventually returns a liveness property: on every fair behaviour, holds is
// true at some point.
func Eventually[S any](name string, holds func(S) bool) Property[S] {
	return Property[S]{Name: name, Expect: ExpectEventually, Holds: holds}
}

// LeadsTo returns a liveness property P ~> Q: on every fair behaviour,
// whenever p holds, q holds then or later.
func LeadsTo[S any](name string, p, q func(S) bool) Property[S] {
	return Property[S]{Name: name, Expect: ExpectLeadsTo, Holds: p, Then: q}
}
