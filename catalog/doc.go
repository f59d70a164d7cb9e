// Package catalog is how a spec describes itself: its name, a summary, its
// typed parameters with ranges and defaults, its variants (each with the
// properties it must violate and its own default faults and network), the
// symmetry it declares, the unit of work its message counts are per, the
// numbers that can be read off its final states, and the tables it can
// print. A spec package exports one value,
//
//	var Spec = catalog.Spec[State, Action]{Info: catalog.Info{...}, Build: New}
//
// and package protocols lists it in one line. The CLI (`check list`, `check
// run`, `check table`, `check replay`), the regeneration of saved traces and
// the generic catalogue test are all driven by that description, so adding a
// protocol is one new package and one line.
//
// The package is pure description, like the specs: it imports model and
// model/actor, never an engine. A table that needs runs of the checker gets
// them through the Runner interface, which package protocols implements.
package catalog
