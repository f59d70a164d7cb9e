package exploretest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// Initial returns the initial state of m, and fails t unless m has exactly
// one.
func Initial[S, A any](t testing.TB, m model.Model[S, A]) S {
	t.Helper()
	var inits []S
	m.Init(func(s S) { inits = append(inits, s) })
	require.Len(t, inits, 1, "the model has one initial state")
	return inits[0]
}

// Step returns the successor of s by the first step labelled label (the
// action as fmt prints it), and fails t, listing the enabled steps, when
// there is none. Scenario tests follow a run step by step with it.
func Step[S, A any](t testing.TB, m model.Model[S, A], s S, label string) S {
	t.Helper()
	var next *S
	var labels []string
	m.Next(s, func(a A, u S) {
		l := fmt.Sprint(a)
		labels = append(labels, l)
		if l == label && next == nil {
			next = &u
		}
	})
	require.NotNil(t, next, "no step %q in\n%v\nenabled: %s", label, s, strings.Join(labels, "; "))
	return *next
}

// Run applies the labelled steps in turn (as Step does) from the initial
// state of m, and returns the state reached.
func Run[S, A any](t testing.TB, m model.Model[S, A], labels ...string) S {
	t.Helper()
	s := Initial(t, m)
	for _, l := range labels {
		s = Step(t, m, s, l)
	}
	return s
}
