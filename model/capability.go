package model

// Capabilities lists which optional capabilities a model really has. A type
// that implements an optional interface (Finaler, Symmetric, Fair, Reducer)
// claims the capability by default; a wrapper that has every optional
// method for convenience (an actor system, an adapter) says which ones its
// configuration gives it by implementing Declarer.
type Capabilities struct {
	Final     bool     // Final declares the intended end states: deadlocks are checked
	Symmetry  bool     // Canonical reduces by a symmetry group (not the identity)
	Fairness  bool     // FairClass declares the weak fairness of steps
	Reduction bool     // Ample offers ample sets for partial-order reduction (Reducer)
	_         struct{} // forbids positional literals
}

// A Declarer is a Model that says which of its optional interfaces it
// really implements. The engines and the CLI ask through HasFinal,
// HasSymmetry and HasFairness: a capability is used when the model
// implements its interface and, if the model is a Declarer, declares it.
type Declarer interface {
	// Declares returns the model's capabilities. It must return the same
	// value on every call.
	Declares() Capabilities
}

// HasFinal reports whether m declares its final states: it implements
// Finaler and, if it is a Declarer, declares Final. Only then do the
// engines check for deadlocks.
func HasFinal[S, A any](m Model[S, A]) bool {
	_, ok := m.(Finaler[S])
	return ok && declared(m, func(c Capabilities) bool { return c.Final })
}

// HasSymmetry reports whether m declares a symmetry: it implements
// Symmetric and, if it is a Declarer, declares Symmetry. Symmetry reduction
// may be asked for only then.
func HasSymmetry[S, A any](m Model[S, A]) bool {
	_, ok := m.(Symmetric[S])
	return ok && declared(m, func(c Capabilities) bool { return c.Symmetry })
}

// HasFairness reports whether m declares weak fairness: it implements Fair
// and, if it is a Declarer, declares Fairness. Without it the liveness
// engine assumes no fairness.
func HasFairness[S, A any](m Model[S, A]) bool {
	_, ok := m.(Fair[A])
	return ok && declared(m, func(c Capabilities) bool { return c.Fairness })
}

// declared applies the model's own declaration, if it makes one.
func declared[S, A any](m Model[S, A], has func(Capabilities) bool) bool {
	d, ok := m.(Declarer)
	return !ok || has(d.Declares())
}
