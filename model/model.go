package model

// A Model is a nondeterministic transition system with states of type S and
// step labels (actions) of type A.
//
// The engines in package explore take any Model; a spec never imports an
// engine, so any engine can run any spec.
type Model[S, A any] interface {
	// Init calls yield once for every initial state, in a deterministic order.
	Init(yield func(S))

	// Next calls yield once for every step enabled in s, with the step's
	// label and the state it leads to, in a deterministic order. It must be a
	// pure function of s: it must not mutate s (copy slices and maps before
	// changing them) and must not keep references to the states it yields.
	// A label is formatted (with fmt, so give A a String method) only when a
	// trace is printed, never on the engines' hot path.
	Next(s S, yield func(action A, next S))

	// AppendKey appends the canonical encoding of s to dst and returns the
	// extended slice. Equal states must give equal bytes and different
	// states different bytes. It must not allocate beyond growing dst.
	AppendKey(dst []byte, s S) []byte

	// Properties lists the properties checked on the model, in a fixed order.
	Properties() []Property[S]
}

// A Finaler is a Model that declares where its runs may legitimately end.
// When a model implements it (and declares it, see HasFinal), the engines
// report a deadlock for every reachable state that has no enabled step, is
// within the state constraint (Constrained) and is not final. Models that
// do not implement it get no deadlock check and no "deadlock free" verdict.
type Finaler[S any] interface {
	// Final reports whether s is an intended end state.
	Final(s S) bool
}

// A Symmetric is a Model whose processes (or other ids) are interchangeable:
// permuting them maps reachable states to reachable states, steps to steps
// and preserves every property. With symmetry reduction on, the engines key
// each state by the key of its canonical representative. The engines refuse
// symmetry reduction for a model that does not declare it (HasSymmetry).
type Symmetric[S any] interface {
	// Canonical returns the canonical representative of the orbit of s under
	// the model's symmetry group. It must be complete: two states in the same
	// orbit return states with equal keys. It must not mutate s.
	Canonical(s S) S
}

// A Fair is a Model that declares the fairness its liveness properties
// assume. Fairness is weak: a fairness class that stays enabled forever from
// some point on is eventually taken. Steps for which FairClass reports false
// (faults: loss, crashes, partitions) carry no fairness at all. See
// HasFairness for when it counts as declared.
type Fair[A any] interface {
	// FairClass returns the weak-fairness class of a step (for example
	// "deliver p1->p2 Prepare" or "p2"), and false when the step is not fair.
	FairClass(action A) (class string, fair bool)
}

// A FairKeyer is a Fair model with a cheap key for its fairness classes.
// The liveness engines need the class of every edge of the state graph;
// with a FairKeyer they call FairClass once per distinct key instead of
// once per edge, so a FairClass that builds its class name (allocating a
// string) costs nothing per edge.
type FairKeyer[A any] interface {
	Fair[A]
	// AppendFairKey appends to dst a key of the step's fairness class.
	// Steps with equal keys must have equal FairClass results (the key may
	// tell apart steps of one class). It should not allocate beyond growing
	// dst.
	AppendFairKey(dst []byte, action A) []byte
}

// A Constrained is a Model with a state constraint, like TLC's CONSTRAINT
// or Stateright's within_boundary: it bounds an otherwise infinite or too
// large space without changing the protocol. A reachable state outside the
// constraint is stored, counted and checked against the state properties
// (Always, Sometimes) like any other, and the steps into it against the
// step properties (StepChecker), but it is not expanded: the engines treat
// it as having no successors, and it is not a deadlock. A run that stops
// only at the constraint is complete: its verdicts speak of the
// constrained space. For liveness a state outside the constraint ends a
// behaviour, as a terminal state does (TLC gives such states no successors
// too), so an eventually-property can fail at the boundary.
type Constrained[S any] interface {
	// Within reports whether s is inside the constraint, to be expanded.
	// It must be a pure function of s.
	Within(s S) bool
}

// Func adapts plain functions to a Model, for small models written inline
// (tests, examples). Every field is required. A Func has no deadlock check:
// embed it in a type with a Final method for one.
type Func[S, A any] struct {
	InitFn func(yield func(S))          // the initial states
	NextFn func(s S, yield func(A, S))  // the enabled steps of s
	KeyFn  func(dst []byte, s S) []byte // the canonical key of s
	Props  []Property[S]                // the properties to check
	_      struct{}                     // forbids positional literals
}

// Init implements Model.
func (f Func[S, A]) Init(yield func(S)) { f.InitFn(yield) }

// Next implements Model.
func (f Func[S, A]) Next(s S, yield func(A, S)) { f.NextFn(s, yield) }

// AppendKey implements Model.
func (f Func[S, A]) AppendKey(dst []byte, s S) []byte { return f.KeyFn(dst, s) }

// Properties implements Model.
func (f Func[S, A]) Properties() []Property[S] { return f.Props }
