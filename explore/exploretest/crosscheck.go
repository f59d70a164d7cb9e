package exploretest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Reached is a state found by Enumerate, and whether it has no step.
type Reached[S any] struct {
	State    S
	Terminal bool
}

// A Space is what EnumerateSpace finds: every reachable state, and the
// states without a step split into final ones and deadlocks.
type Space[S any] struct {
	States    map[string]Reached[S] // every reachable state, by its AppendKey bytes
	Finals    []S                   // terminal and final (every terminal state unless model.HasFinal), in breadth-first order
	Deadlocks []S                   // terminal and not final (none unless model.HasFinal), in breadth-first order
}

// Enumerate is a naive breadth-first enumerator, independent of the
// engines: a map from keys to states and a queue, nothing else. Tests use
// it as a reference to cross-check the engines' counts on small models.
// It returns every reachable state keyed by its AppendKey bytes.
func Enumerate[S, A any](m model.Model[S, A]) map[string]Reached[S] {
	return EnumerateSpace(m).States
}

// EnumerateSpace is Enumerate that also sorts the terminal states into
// final ones and deadlocks, by the model's Final when it declares final
// states (model.HasFinal). It knows nothing of state constraints.
func EnumerateSpace[S, A any](m model.Model[S, A]) Space[S] {
	sp := Space[S]{States: map[string]Reached[S]{}}
	var final func(S) bool
	if model.HasFinal(m) {
		final = any(m).(model.Finaler[S]).Final
	}
	var queue []S
	add := func(s S) {
		k := string(m.AppendKey(nil, s))
		if _, ok := sp.States[k]; !ok {
			sp.States[k] = Reached[S]{State: s}
			queue = append(queue, s)
		}
	}
	m.Init(add)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		steps := 0
		m.Next(s, func(_ A, t S) { add(t); steps++ })
		if steps > 0 {
			continue
		}
		sp.States[string(m.AppendKey(nil, s))] = Reached[S]{State: s, Terminal: true}
		if final == nil || final(s) {
			sp.Finals = append(sp.Finals, s)
		} else {
			sp.Deadlocks = append(sp.Deadlocks, s)
		}
	}
	return sp
}

// CrossCheck checks every property of m (as Check does), pins its distinct
// state count to want, and cross-checks the count: DFS and the naive
// enumerator find the same number of states as BFS, and the enumerator
// finds no deadlock either (Check requires "deadlock free" of a model
// with final states). It returns BFS's result.
func CrossCheck[S, A any](t testing.TB, m model.Model[S, A], want int64) *explore.Result {
	t.Helper()
	res := CrossCheckEngines(t, m, want)
	sp := EnumerateSpace(m)
	require.Len(t, sp.States, int(res.Distinct), "the naive enumerator finds the same states")
	require.Empty(t, sp.Deadlocks, "the naive enumerator finds no deadlock")
	return res
}

// CrossCheckEngines is CrossCheck without the naive enumerator, for
// spaces too large to hold in a map of full states: it checks every
// property of m, pins BFS's distinct state count to want and requires a
// complete DFS to find as many. It returns BFS's result.
func CrossCheckEngines[S, A any](t testing.TB, m model.Model[S, A], want int64) *explore.Result {
	t.Helper()
	res := Check(t, m, explore.Options{Workers: 2})
	require.Equal(t, want, res.Distinct, "bfs distinct states")
	dfs, err := explore.DFS(m, explore.Options{})
	require.NoError(t, err)
	require.True(t, dfs.Complete, "dfs complete")
	require.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the same states as bfs")
	t.Logf("distinct=%d bfs+liveness %v, dfs %v", res.Distinct, res.Elapsed, dfs.Elapsed)
	return res
}

// VisitFinals explores m completely (explore.Visit) and calls check on
// every final state (terminal and accepted by Final): Finals without the
// naive enumerator, for spaces too large to hold in a map. It returns the
// number of final states and the run's result.
func VisitFinals[S, A any](t testing.TB, m model.Model[S, A], check func(s S)) (int, *explore.Result) {
	t.Helper()
	count := 0
	res, err := explore.Visit(m, explore.Options{Workers: 2}, func(s S, v explore.Visited) {
		if v.Final {
			count++
			check(s)
		}
	})
	require.NoError(t, err)
	require.True(t, res.Complete, "the exploration is complete (%s)", res.StopReason)
	return count, res
}

// Finals returns the final states of a complete run of m (explore.Visit),
// and checks them against the naive enumerator: every terminal state is
// final (no deadlock) and there are as many.
func Finals[S, A any](t testing.TB, m model.Model[S, A]) []S {
	t.Helper()
	var out []S
	VisitFinals(t, m, func(s S) { out = append(out, s) })
	terminal := 0
	f, _ := any(m).(model.Finaler[S])
	for _, r := range Enumerate(m) {
		if r.Terminal {
			terminal++
			require.True(t, f == nil || f.Final(r.State), "a terminal state is not final:\n%v", r.State)
		}
	}
	require.Len(t, out, terminal, "Visit's final states and the enumerator's terminal states")
	return out
}
