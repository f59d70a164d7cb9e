package main

import (
	"bytes"
	"fmt"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// reproduction decides whether a replayed trace still shows what its file
// claims, with the typed model at hand:
//
//   - Always: the property fails in the last state.
//   - Eventually P: P is false in every state of the trace, and the trace
//     ends in a loop that closes (the last state has the key of the loop
//     start) or, for a finite trace, in a terminal state.
//   - P leads-to Q: the same ending, and some state i has P while no state
//     from i on (nor any state of the loop) has Q.
//   - "deadlock free": the last state has no step and is not final.
//   - "no panic": Next panics in the last state (or Init does, for a
//     one-state trace).
//   - a witness of a Sometimes property: the predicate holds in the last
//     state.
//
// NB: replay does not re-check fairness for liveness lassos: the engine
// chose the loop under the model's fairness, and the loop's steps are
// checked label by label against the file.
func reproduction[S, A any](m model.Model[S, A], props []model.Property[S], name, result string, tr *model.Trace) (bool, string, error) {
	states := make([]S, len(tr.Steps))
	for i, st := range tr.Steps {
		s, ok := st.State.(S)
		if !ok {
			return false, "", fmt.Errorf("step %d: state of type %T, want %T", i, st.State, s)
		}
		states[i] = s
	}
	last := states[len(states)-1]
	switch name {
	case explore.PanicProperty:
		if v := nextPanics(m, last); v != nil {
			return true, fmt.Sprintf("the model panics in the last state: %v", v), nil
		}
		return false, "the model no longer panics in the last state", nil
	case explore.DeadlockProperty:
		if n := successors(m, last); n > 0 {
			return false, fmt.Sprintf("the last state now has %d steps", n), nil
		}
		if f, ok := any(m).(model.Finaler[S]); ok && f.Final(last) {
			return false, "the last state is now a final state", nil
		}
		return true, "the last state has no step and is not final", nil
	}
	var prop *model.Property[S]
	for i := range props {
		if props[i].Name == name {
			prop = &props[i]
		}
	}
	if prop == nil {
		return false, "", fmt.Errorf("the model has no property %q", name)
	}
	if result == counterexamples.ResultWitness {
		if prop.Holds(last) {
			return true, "the predicate holds in the last state", nil
		}
		return false, "the predicate no longer holds in the last state", nil
	}
	switch prop.Expect {
	case model.ExpectAlways:
		if prop.Holds(last) {
			return false, "the property now holds in the last state", nil
		}
		return true, "the property fails in the last state", nil
	case model.ExpectEventually, model.ExpectLeadsTo:
		return livenessReproduces(m, prop, states, tr.Loop)
	}
	return false, "", fmt.Errorf("a %s property has witnesses, not counterexamples", prop.Expect)
}

func livenessReproduces[S, A any](m model.Model[S, A], prop *model.Property[S], states []S, loop int) (bool, string, error) {
	last := states[len(states)-1]
	if loop >= 0 {
		if !bytes.Equal(m.AppendKey(nil, last), m.AppendKey(nil, states[loop])) {
			return false, fmt.Sprintf("the loop no longer closes: the last state differs from the state after step %d", loop), nil
		}
	} else if n := successors(m, last); n > 0 {
		return false, fmt.Sprintf("the last state is no longer terminal (%d steps)", n), nil
	}
	// noGoalFrom reports whether the goal fails in every state from i on,
	// the loop included (it repeats forever).
	noGoalFrom := func(goal func(S) bool, i int) bool {
		if loop >= 0 && loop < i {
			i = loop
		}
		for ; i < len(states); i++ {
			if goal(states[i]) {
				return false
			}
		}
		return true
	}
	ending := "the trace ends in a terminal state"
	if loop >= 0 {
		ending = fmt.Sprintf("the loop back to step %d closes", loop)
	}
	if prop.Expect == model.ExpectEventually {
		if noGoalFrom(prop.Holds, 0) {
			return true, ending + " and the predicate never holds", nil
		}
		return false, "the predicate now holds in some state of the trace", nil
	}
	for i, s := range states {
		if prop.Holds(s) && noGoalFrom(prop.Then, i) {
			return true, fmt.Sprintf("%s, the premise holds after step %d and the consequence never does from there", ending, i), nil
		}
	}
	return false, "no state of the trace has the premise without the consequence from there on", nil
}

// successors counts the steps enabled in s.
func successors[S, A any](m model.Model[S, A], s S) int {
	n := 0
	m.Next(s, func(A, S) { n++ })
	return n
}

// nextPanics calls Next on s and returns the panic value, or nil.
func nextPanics[S, A any](m model.Model[S, A], s S) (v any) {
	defer func() { v = recover() }()
	m.Next(s, func(A, S) {})
	return nil
}
