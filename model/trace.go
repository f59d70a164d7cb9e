package model

// A Trace is a path through a model's state graph: a counterexample to a
// property, or a witness of a Sometimes property. It is engine-neutral so
// that reports, renderers and replay share one type.
type Trace struct {
	// Path is the replayable index path: Path[0] is the index of the initial
	// state in Init's order, Path[i] (i >= 1) the index of step i among the
	// steps Next yields from the state before it. It is authoritative; the
	// labels and states in Steps are for people.
	Path []int
	// Steps holds one entry per state on the path: Steps[0] is the initial
	// state (with an empty Action), Steps[i] the i-th step.
	Steps []Step
	// Loop is the index in Steps where the loop of a lasso starts. The trace
	// includes the closing step: its last state equals Steps[Loop], and the
	// behaviour repeats Steps[Loop+1:] forever. It is -1 for a finite path.
	Loop int
}

// A Step is one state on a trace together with the step that reached it.
type Step struct {
	Action string // the step's label (fmt of the model's action); "" for the initial state
	State  any    // the state reached
}

// Len returns the number of steps after the initial state.
func (t *Trace) Len() int {
	if t == nil || len(t.Steps) == 0 {
		return 0
	}
	return len(t.Steps) - 1
}

// Lasso reports whether the trace is a lasso (an infinite behaviour).
func (t *Trace) Lasso() bool { return t != nil && t.Loop >= 0 }

// A Field is one named part of a state, as a person reads it.
type Field struct {
	Name  string // e.g. "p1", "net"
	Value string // one line
}

// A Fielder is a state that lists its parts for people. Traces print, at
// each step, the fields whose value changed, and every field of the final
// state. States that do not implement it are shown by reflection.
type Fielder interface {
	Fields() []Field
}
