package catalog

import (
	"io"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Spec is the self-description of one protocol with states S and actions
// A. Build is required; the rest is optional.
type Spec[S, A any] struct {
	Info
	// Build returns the model of one configuration, already validated
	// against Info (every parameter present and in range, a known variant,
	// an accepted network and fault kinds). It returns an error for a
	// combination of values the spec does not support.
	Build func(c Config) (model.Model[S, A], error)
	// Measures are numbers read off the final states of a complete run (for
	// example messages sent per critical-section entry), for tables.
	Measures []Measure[S]
	// Viz writes an HTML view of a violation of the named property ending
	// in state s (porcupine's view of a non-linearizable history). It
	// returns ErrNoView for properties it has no view of.
	Viz func(w io.Writer, page Page, prop string, s S) error
	// Tables are the tables `check table <name>` prints for this spec.
	Tables []Table
	_      struct{} // forbids positional literals
}

// Info is the part of a Spec that does not depend on its state type: what
// `check list` prints and what the CLI validates flags against.
type Info struct {
	Name    string // what users type: "twopc", "ricart-agrawala"
	Summary string // one line
	// Params are the spec's parameters in the order they are printed, "n"
	// (the number of processes) first by convention.
	Params []Param
	// Variants are the accepted -variant values, the default first. A spec
	// with no variants has one implicit variant, "default".
	Variants []Variant
	// Networks are the accepted -network values (actor specs), the
	// default first; nil for a model that is not an actor system.
	Networks []actor.Network
	// Faults are the fault kinds -faults accepts (actor specs); nil for
	// none.
	Faults []string
	// Symmetry names the interchangeable ids when the model declares a
	// symmetry group ("participants"), "" when it declares none. The
	// catalogue test checks that it agrees with the model.
	Symmetry string
	// Unit is one unit of work for message counts ("critical-section
	// entry", "election", "call"); "" when counts per unit mean nothing.
	Unit string
	// Figure, optional, is the source text's figure for messages per unit
	// with n processes, as the text writes it ("3(N-1) = 6").
	Figure func(n int) string
	_      struct{}
}

// A Variant is a named configuration of a spec, correct or deliberately
// broken, with its own defaults.
type Variant struct {
	Name    string // what users type after -variant
	Summary string // one line
	// Violates lists the properties this variant must violate at its own
	// defaults; empty means every property holds there. The catalogue test
	// checks both.
	Violates []string
	// Faults are the variant's default fault budgets, used when -faults is
	// not given.
	Faults actor.Faults
	// Network is the variant's default network; "" means the spec's first.
	Network actor.Network
	// HasNetwork says Network is set (the zero Network is a valid one).
	HasNetwork bool
	// Params overrides parameter defaults: name to value, as typed.
	Params map[string]string
	_      struct{}
}

// Broken reports whether the variant must violate some property.
func (v *Variant) Broken() bool { return len(v.Violates) > 0 }

// A Measure is a number read off a final state, such as the messages sent
// or the critical-section entries made so far.
type Measure[S any] struct {
	Name string      // "messages", "entries"
	Of   func(S) int // the value in a final state
	_    struct{}    //
}

// Page says what an HTML view shows, for its header.
type Page struct {
	Protocol string // the spec's name
	Params   string // the run's configuration, as in trace headers
	Property string // the property the view is about
	Verdict  string // "violated", with the engine's message
}

// ErrNoView is returned by Spec.Viz for a property it has no view of.
var ErrNoView = errorString("catalog: no view for this property")

type errorString string

func (e errorString) Error() string { return string(e) }
