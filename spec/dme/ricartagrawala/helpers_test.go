package ricartagrawala

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// finals explores m completely with explore.Visit and calls check on every
// final state (terminal and accepted by Final): exploretest.Finals without
// the naive enumerator, for spaces too large to hold in a map. It returns
// the number of final states and the run's result.
func finals(t *testing.T, m *Model, check func(s State)) (int, *explore.Result) {
	t.Helper()
	count := 0
	res, err := explore.Visit(m, explore.Options{Workers: 2}, func(s State, v explore.Visited) {
		if v.Final {
			count++
			check(s)
		}
	})
	require.NoError(t, err)
	require.True(t, res.Complete, "the exploration is complete (%s)", res.StopReason)
	return count, res
}

// step returns the successor of s by the step labelled label, and fails
// the test, listing the enabled steps, when there is none.
func step(t *testing.T, m *Model, s State, label string) State {
	t.Helper()
	var next *State
	var labels []string
	m.Next(s, func(a Action, u State) {
		labels = append(labels, a.String())
		if a.String() == label && next == nil {
			next = &u
		}
	})
	require.NotNil(t, next, "no step %q in\n%v\nenabled: %s", label, s, strings.Join(labels, "; "))
	return *next
}

// run applies the steps in turn from the initial state.
func run(t *testing.T, m *Model, labels ...string) State {
	t.Helper()
	var s State
	m.Init(func(i State) { s = i })
	for _, l := range labels {
		s = step(t, m, s, l)
	}
	return s
}

// local returns process i's local state.
func local(s State, i int) Proc { return s.Local(actor.ID(i)) }

// counts formats a final state's measures for failure messages.
func counts(s State) string {
	return fmt.Sprintf("messages=%d entries=%d\n%v", Messages(s), Entries(s), s)
}
