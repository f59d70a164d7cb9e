package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// counter counts up by increments and doublings to a hard cap; the state
// constraint n <= bound cuts the space well below the cap. Every state
// below the cap has a step, and only the cap is final, so without the
// constraint's rule every boundary state would be a deadlock.
type counter struct{ bound, cap int }

func (c counter) Init(yield func(int)) { yield(0) }
func (c counter) Next(n int, yield func(string, int)) {
	if n < c.cap {
		yield("inc", n+1)
	}
	if n > 0 && 2*n <= c.cap {
		yield("double", 2*n)
	}
}
func (c counter) AppendKey(dst []byte, n int) []byte { return model.AppendInt(dst, n) }
func (c counter) Final(n int) bool                   { return n == c.cap }
func (c counter) Within(n int) bool                  { return n <= c.bound }
func (c counter) Properties() []model.Property[int] {
	return []model.Property[int]{
		model.Always("below 15", func(n int) bool { return n < 15 }),
		model.Sometimes("reaches 20", func(n int) bool { return n == 20 }),
	}
}

// TestStateConstraint: with the bound 10, states 0..10 are expanded and the
// boundary states they reach (11, and the doubles 12..20) are stored,
// checked and not expanded: 17 states, the same for BFS and DFS; "below 15"
// fails at 16 (0, 1, 2, 4, 8, 16: five steps), "reaches 20" is witnessed
// beyond the bound, and no boundary state is a deadlock.
func TestStateConstraint(t *testing.T) {
	m := counter{bound: 10, cap: 100}
	want := constrainedReference(m)
	require.Len(t, want, 17, "the hand count: 0..10, 11, 12, 14, 16, 18, 20")
	for _, run := range []func(model.Model[int, string], Options) (*Result, error){BFS[int, string], DFS[int, string]} {
		res, err := run(m, Options{Workers: 2})
		require.NoError(t, err)
		assert.True(t, res.Complete, "%s: the constrained space is explored completely", res.Engine)
		assert.EqualValues(t, len(want), res.Distinct, res.Engine)
		below, _ := res.Property("below 15")
		require.Equal(t, Violated, below.Status, "%s: an invariant is checked outside the boundary", res.Engine)
		assert.Greater(t, below.Trace.Steps[below.Trace.Len()].State, 14)
		reach, _ := res.Property("reaches 20")
		assert.Equal(t, Holds, reach.Status, res.Engine)
		dead, ok := res.Property(DeadlockProperty)
		require.True(t, ok)
		assert.Equal(t, Holds, dead.Status, "%s: boundary states are not deadlocks", res.Engine)
		if res.Engine == "bfs" {
			assert.Equal(t, 5, below.Trace.Len(), "shortest")
		}
	}

	res, err := Random[int, string](m, Options{Workers: 2, Walks: 200, Seed: 1})
	require.NoError(t, err)
	assert.LessOrEqual(t, res.Distinct, int64(len(want)), "walks stay within the constrained space")
	assert.LessOrEqual(t, res.MaxDepth, 11, "a walk ends at the boundary")
	dead, _ := res.Property(DeadlockProperty)
	assert.NotEqual(t, Violated, dead.Status, "random: boundary states are not deadlocks")
}

// constrainedReference enumerates the states of m reachable without
// expanding states outside its constraint, naively.
func constrainedReference(m counter) map[int]bool {
	seen := map[int]bool{0: true}
	for queue := []int{0}; len(queue) > 0; queue = queue[1:] {
		if !m.Within(queue[0]) {
			continue
		}
		m.Next(queue[0], func(_ string, t int) {
			if !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		})
	}
	return seen
}

// boundedGraph is a random graph with a random set of states outside the
// constraint.
type boundedGraph struct {
	finalGraph
	outside map[int]bool
}

func (g boundedGraph) Within(s int) bool { return !g.outside[s] }

// reference returns the BFS depth of every state reachable without
// expanding states outside the constraint.
func (g boundedGraph) reference() map[int]int {
	depth := map[int]int{}
	var queue []int
	for _, s := range g.inits {
		if _, ok := depth[s]; !ok {
			depth[s] = 0
			queue = append(queue, s)
		}
	}
	for ; len(queue) > 0; queue = queue[1:] {
		s := queue[0]
		if g.outside[s] {
			continue
		}
		for _, t := range g.succ[s] {
			if _, ok := depth[t]; !ok {
				depth[t] = depth[s] + 1
				queue = append(queue, t)
			}
		}
	}
	return depth
}

func drawBoundedGraph(t *rapid.T) boundedGraph {
	g := drawSafetyGraph(t)
	out := map[int]bool{}
	for _, s := range rapid.SliceOfN(rapid.IntRange(0, len(g.succ)-1), 0, 4).Draw(t, "outside") {
		out[s] = true
	}
	return boundedGraph{finalGraph{g}, out}
}

// TestConstraintAgreesWithReference: on random graphs with random
// boundaries, BFS (1 and 4 workers) and DFS store exactly the states a
// naive enumerator reaches, report a bad state even outside the boundary,
// and report a deadlock only at a state inside it.
func TestConstraintAgreesWithReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawBoundedGraph(t)
		depth := g.reference()
		bad, dead := false, false
		for s := range depth {
			bad = bad || g.bad[s]
			dead = dead || (!g.outside[s] && len(g.succ[s]) == 0 && !g.final[s])
		}
		for _, run := range []func() (*Result, error){
			func() (*Result, error) { return BFS[int, edge](g, Options{Workers: 1}) },
			func() (*Result, error) { return BFS[int, edge](g, Options{Workers: 4}) },
			func() (*Result, error) { return DFS[int, edge](g, Options{}) },
		} {
			res, err := run()
			require.NoError(t, err)
			if res.Complete || res.Engine == "dfs" {
				require.EqualValues(t, len(depth), res.Distinct, "%s distinct", res.Engine)
			}
			safe, _ := res.Property("safe")
			require.Equal(t, bad, safe.Status == Violated, "%s: bad reachable", res.Engine)
			d, _ := res.Property(DeadlockProperty)
			require.Equal(t, dead, d.Status == Violated, "%s: deadlock", res.Engine)
			if d.Status == Violated {
				last := d.Trace.Steps[d.Trace.Len()].State.(int)
				require.False(t, g.outside[last], "a deadlock is inside the constraint")
			}
		}
	})
}
