package exploretest

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Reached is a state found by Enumerate, and whether it has no step.
type Reached[S any] struct {
	State    S
	Terminal bool
}

// Enumerate is a naive breadth-first enumerator, independent of the
// engines: a map from keys to states and a queue, nothing else. Tests use
// it as a reference to cross-check the engines' counts on small models.
// It returns every reachable state keyed by its AppendKey bytes.
func Enumerate[S, A any](m model.Model[S, A]) map[string]Reached[S] {
	seen := map[string]Reached[S]{}
	var queue []S
	add := func(s S) {
		k := string(m.AppendKey(nil, s))
		if _, ok := seen[k]; !ok {
			seen[k] = Reached[S]{State: s}
			queue = append(queue, s)
		}
	}
	m.Init(add)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		steps := 0
		m.Next(s, func(_ A, t S) { add(t); steps++ })
		if steps == 0 {
			seen[string(m.AppendKey(nil, s))] = Reached[S]{State: s, Terminal: true}
		}
	}
	return seen
}

// CrossCheck checks every property of m (as Check does), pins its distinct
// state count to want, and cross-checks the count: DFS and the naive
// enumerator find the same number of states as BFS. It returns BFS's
// result.
func CrossCheck[S, A any](t testing.TB, m model.Model[S, A], want int64) *explore.Result {
	t.Helper()
	res := Check(t, m, explore.Options{Workers: 2})
	require.Equal(t, want, res.Distinct, "bfs distinct states")
	dfs, err := explore.DFS(m, explore.Options{})
	require.NoError(t, err)
	require.True(t, dfs.Complete, "dfs complete")
	require.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the same states as bfs")
	require.Len(t, Enumerate(m), int(res.Distinct), "the naive enumerator finds the same states")
	t.Logf("distinct=%d bfs+liveness %v, dfs %v", res.Distinct, res.Elapsed, dfs.Elapsed)
	return res
}

// Finals returns the final states of a complete run of m (explore.Visit),
// and checks them against the naive enumerator: every terminal state is
// final (no deadlock) and there are as many.
func Finals[S, A any](t testing.TB, m model.Model[S, A]) []S {
	t.Helper()
	var out []S
	res, err := explore.Visit(m, explore.Options{Workers: 2}, func(s S, v explore.Visited) {
		if v.Final {
			out = append(out, s)
		}
	})
	require.NoError(t, err)
	require.True(t, res.Complete)
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

// VariantAtDefaults builds a catalogue variant at its own defaults, checks
// the model contract on it, explores it completely and requires that the
// properties the variant declares (catalog.Variant.Violates) fail and every
// other property of the model holds. It returns the result.
func VariantAtDefaults[S, A any](t testing.TB, spec catalog.Spec[S, A], variant string) *explore.Result {
	t.Helper()
	c, err := spec.Defaults(variant)
	require.NoError(t, err)
	m, err := spec.Build(c)
	require.NoError(t, err)
	Contract(t, m)
	v, err := spec.Variant(variant)
	require.NoError(t, err)
	res, err := explore.Check(m, explore.Options{Workers: 2})
	require.NoError(t, err)
	require.True(t, res.Complete, "%s at its defaults: %s", variant, res.StopReason)
	for _, p := range res.Properties {
		want := explore.Holds
		if slices.Contains(v.Violates, p.Name) {
			want = explore.Violated
		}
		require.Equal(t, want, p.Status, "%s at its defaults (%v): %q %s", variant, c, p.Name, p.Message)
	}
	for _, name := range v.Violates {
		_, ok := res.Property(name)
		require.True(t, ok, "%s declares it violates %q, which the model does not have", variant, name)
	}
	return res
}
