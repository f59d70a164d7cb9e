package model

// A Reducer is a Model that offers ample sets for partial-order reduction
// (explore.Options.POR): in a state, a subset of the enabled steps whose
// other interleavings need not be explored. The engines ask for ample sets
// only when the model declares the capability (HasReduction).
//
// A step here is a transition: the partial function from states to states
// that a label names (Next must not yield two different steps with one
// label from one state, or the model must treat them alike below). Let T
// be the set of steps Ample yields in s. T is an ample set when:
//
//   - C0: T is not empty when Next yields anything in s.
//   - C1 (commutation, Valmari's D1): for every path s -u1 ... un-> s'
//     whose steps are not in T, and every t in T enabled in s', the path
//     s -t u1 ... un-> also exists and reaches the state s' -t-> reaches:
//     t could as well have been taken first.
//   - C1 (key steps, Valmari's D2): the steps Ample marks as key (at least
//     one) stay enabled along every such path.
//   - C2 (invisibility): unless T holds every step Next yields, no step of
//     T changes the value of any state property's predicate, in s or in
//     any state reached from s by steps outside T.
//
// C1 is persistence as in Godefroid's persistent sets and Peled's ample
// sets, stated so that two fault steps that share a budget (each disables
// the other once it is spent) may be split between T and the rest: such a
// step in T is not key. The classic form (every step outside T independent
// of every step in T, all of T key) is a special case. The engine adds a
// proviso against ignoring steps forever (C3; see explore.Options.POR).
// Then for every path of the full graph some path of the reduced graph
// ends in a state that no state predicate tells apart from the full
// path's last state, and every state with no step is reached itself: the
// verdicts of Always and Sometimes properties and the deadlocks are kept.
// Step properties and liveness properties are not (see explore.Options.POR).
type Reducer[S, A any] interface {
	// Ample calls yield for the steps of an ample set of s, a subset of
	// those Next(s) yields with the same labels and states, in Next's
	// order, each with whether it is a key step, and reports true. It
	// reports false, and yields nothing, when it knows no ample set smaller
	// than all of Next's steps. It must be a deterministic function of s,
	// like Next.
	Ample(s S, yield func(action A, next S, key bool)) bool
}

// HasReduction reports whether m declares partial-order reduction: it
// implements Reducer and, if it is a Declarer, declares Reduction. The
// engines refuse reduction for a model that does not: a model whose Ample
// is not backed by a declaration (of its communication and of what its
// properties read) must not be reduced on a guess.
func HasReduction[S, A any](m Model[S, A]) bool {
	_, ok := m.(Reducer[S, A])
	return ok && declared(m, func(c Capabilities) bool { return c.Reduction })
}
