package explore

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestVisitAgreesWithReference: on random graphs with random final states
// and boundaries, Visit (1 and 4 workers) calls visit exactly once per
// reachable state, in nondecreasing depth, with the depth, terminal, final
// and boundary facts a naive enumerator computes.
func TestVisitAgreesWithReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawBoundedGraph(t)
		g.bad = map[int]bool{} // no violation: nothing stops the run early
		want := map[int]Visited{}
		for s, d := range g.reference() {
			v := Visited{Depth: d, Boundary: g.outside[s]}
			v.Terminal = !v.Boundary && len(g.succ[s]) == 0
			v.Final = v.Terminal && g.final[s]
			want[s] = v
		}
		for _, workers := range []int{1, 4} {
			got := map[int]Visited{}
			last := 0
			res, err := Visit[int, edge](g, Options{Workers: workers}, func(s int, v Visited) {
				_, dup := got[s]
				require.False(t, dup, "state %d visited twice", s)
				require.GreaterOrEqual(t, v.Depth, last, "depth order")
				got[s], last = v, v.Depth
			})
			require.NoError(t, err)
			require.True(t, res.Complete, res.StopReason)
			require.EqualValues(t, len(want), res.Distinct)
			require.Equal(t, want, got, "%d workers", workers)
		}
	})
}

// TestVisitWithoutFinalStates: for a model that declares no final states
// every terminal state is final.
func TestVisitWithoutFinalStates(t *testing.T) {
	g := smallGraph()
	g.succ[4] = nil
	var finals []int
	_, err := Visit[int, edge](g, Options{Workers: 1}, func(s int, v Visited) {
		if v.Final {
			finals = append(finals, s)
		}
	})
	require.NoError(t, err)
	require.Equal(t, []int{4}, finals)

	_, err = Visit[int, edge](g, Options{}, nil)
	require.ErrorIs(t, err, ErrOptions)
}

// TestVisitVisitsEverything: BFS stops once every property is decided,
// Visit goes on to the last state.
func TestVisitVisitsEverything(t *testing.T) {
	m := tree(3)
	m.NextFn = func(s int, yield func(int, int)) {
		if s < 40 {
			for i := 1; i <= 3; i++ {
				yield(i, 3*s+i)
			}
		}
	}
	m.Props = nil // nothing to decide
	bfs, err := BFS(m, Options{Workers: 2})
	require.NoError(t, err)
	require.Equal(t, "every property decided", bfs.StopReason)
	n := 0
	res, err := Visit(m, Options{Workers: 2}, func(int, Visited) { n++ })
	require.NoError(t, err)
	require.True(t, res.Complete)
	require.Equal(t, 3*40+1, n, "0..120: 0..40 and their successors")
}
