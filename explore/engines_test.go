package explore

import (
	"context"
	"testing"

	"github.com/protocheck/protocheck/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// drawGraph draws a small random transition graph.
func drawSafetyGraph(t *rapid.T) *graph {
	n := rapid.IntRange(1, 40).Draw(t, "states")
	g := &graph{succ: make([][]int, n), bad: map[int]bool{}, final: map[int]bool{}}
	g.inits = rapid.SliceOfN(rapid.IntRange(0, n-1), 1, 3).Draw(t, "inits")
	for i := range n {
		g.succ[i] = rapid.SliceOfN(rapid.IntRange(0, n-1), 0, 4).Draw(t, "succ")
	}
	for _, b := range rapid.SliceOfN(rapid.IntRange(0, n-1), 0, 2).Draw(t, "bad") {
		g.bad[b] = true
	}
	for _, f := range rapid.SliceOfN(rapid.IntRange(0, n-1), 0, 3).Draw(t, "final") {
		g.final[f] = true
	}
	g.goal = rapid.IntRange(0, n-1).Draw(t, "goal")
	return g
}

// TestEnginesAgreeWithReference: on random graphs, BFS (1 and 4 workers) and
// DFS agree with a naive enumerator on the distinct count, on whether a bad
// state, the goal and a deadlock are reachable, and BFS traces are shortest.
func TestEnginesAgreeWithReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawSafetyGraph(t)
		m := finalGraph{g}
		depth := g.reference()
		shortestBad, shortestDead := -1, -1
		for s, d := range depth {
			if g.bad[s] && (shortestBad < 0 || d < shortestBad) {
				shortestBad = d
			}
			if len(g.succ[s]) == 0 && !g.final[s] && (shortestDead < 0 || d < shortestDead) {
				shortestDead = d
			}
		}
		_, goalReachable := depth[g.goal]

		bfs1, err := BFS[int, edge](m, Options{Workers: 1})
		require.NoError(t, err)
		bfs4, err := BFS[int, edge](m, Options{Workers: 4})
		require.NoError(t, err)
		dfs, err := DFS[int, edge](m, Options{})
		require.NoError(t, err)
		require.True(t, dfs.Complete)
		require.EqualValues(t, len(depth), dfs.Distinct, "dfs distinct")

		for _, res := range []*Result{bfs1, bfs4, dfs} {
			safe, _ := res.Property("safe")
			require.Equal(t, shortestBad >= 0, safe.Status == Violated, "%s: bad reachable", res.Engine)
			goal, _ := res.Property("reach goal")
			require.Equal(t, goalReachable, goal.Status == Holds, "%s: goal reachable", res.Engine)
			dead, _ := res.Property(DeadlockProperty)
			require.Equal(t, shortestDead >= 0, dead.Status == Violated, "%s: deadlock", res.Engine)
			for _, p := range res.Properties {
				if p.Trace != nil {
					replayed, err := Replay[int, edge](m, p.Trace.Path)
					require.NoError(t, err)
					require.Equal(t, p.Trace.Steps, replayed.Steps, "%s %q: trace replays", res.Engine, p.Name)
				}
			}
		}
		for _, res := range []*Result{bfs1, bfs4} {
			if res.Complete {
				require.EqualValues(t, len(depth), res.Distinct, "bfs distinct")
			}
			if safe, _ := res.Property("safe"); safe.Status == Violated {
				require.Equal(t, shortestBad, safe.Trace.Len(), "bfs counterexample is shortest")
			}
			if dead, _ := res.Property(DeadlockProperty); dead.Status == Violated {
				require.Equal(t, shortestDead, dead.Trace.Len(), "bfs deadlock trace is shortest")
			}
		}
		require.Equal(t, bfs1.Distinct, bfs4.Distinct)
		require.Equal(t, bfs1.Generated, bfs4.Generated)
		require.Equal(t, bfs1.Properties, bfs4.Properties, "same verdicts and traces for 1 and 4 workers")
	})
}

// lattice is a larger test model: points of a w x h grid moving right or
// up, with a reset step back to the origin from the far corner.
type lattice struct{ w, h int }

type point struct{ x, y int }

func (l lattice) Init(yield func(point)) { yield(point{}) }
func (l lattice) Next(s point, yield func(string, point)) {
	if s.x+1 < l.w {
		yield("right", point{s.x + 1, s.y})
	}
	if s.y+1 < l.h {
		yield("up", point{s.x, s.y + 1})
	}
	if s.x+s.y > 0 && (s.x+s.y)%7 == 0 {
		yield("jump", point{s.y % l.w, s.x % l.h})
	}
}
func (l lattice) AppendKey(dst []byte, s point) []byte {
	return append(dst, byte(s.x), byte(s.x>>8), byte(s.y), byte(s.y>>8))
}
func (l lattice) Properties() []model.Property[point] {
	return []model.Property[point]{
		model.Always("not on diagonal far out", func(s point) bool { return !(s.x == s.y && s.x > l.w/2) }),
		model.Sometimes("far corner", func(s point) bool { return s.x == l.w-1 && s.y == l.h-1 }),
	}
}

func TestWorkerCountInvariance(t *testing.T) {
	m := lattice{300, 300}
	var first *Result
	for _, workers := range []int{1, 4} {
		res, err := BFS[point, string](m, Options{Workers: workers})
		require.NoError(t, err)
		if first == nil {
			first = res
			continue
		}
		assert.Equal(t, first.Distinct, res.Distinct)
		assert.Equal(t, first.Generated, res.Generated)
		assert.Equal(t, first.MaxDepth, res.MaxDepth)
		assert.Equal(t, first.Properties, res.Properties)
	}
	assert.EqualValues(t, 300*300, first.Distinct)
	bad, _ := first.Property("not on diagonal far out")
	require.Equal(t, Violated, bad.Status)
	assert.Equal(t, 2*151, bad.Trace.Len())
}

func TestLimitsGiveIncompleteResults(t *testing.T) {
	m := lattice{200, 200}
	res, err := BFS[point, string](m, Options{MaxStates: 1000})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, "max states", res.StopReason)
	assert.False(t, res.OK())

	res, err = BFS[point, string](m, Options{MaxDepth: 10})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, "max depth", res.StopReason)
	assert.Equal(t, 10, res.MaxDepth)
	far, _ := res.Property("far corner")
	assert.Equal(t, Unknown, far.Status, "never 'holds' or 'violated' on a partial run")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err = BFS[point, string](m, Options{Context: ctx})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, "interrupted", res.StopReason)

	res, err = DFS[point, string](m, Options{MaxDepth: 10})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, "max depth", res.StopReason)
}

func TestOptionsAreValidated(t *testing.T) {
	for _, o := range []Options{{Workers: -1}, {MaxStates: -1}, {MaxDepth: -2}, {Time: -1}, {Memory: -1}, {Walks: -1}} {
		_, err := BFS[point, string](lattice{2, 2}, o)
		require.ErrorIs(t, err, ErrOptions)
	}
	_, err := BFS[point, string](lattice{2, 2}, Options{Symmetry: true})
	require.ErrorIs(t, err, ErrOptions, "symmetry needs model.Symmetric")
}
