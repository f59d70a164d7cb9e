package protocols

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// pt is a point of the grid model.
type pt struct{ X, Y int }

// grid walks from (0,0) to (n,n): right while x < n, up while y < x, and
// a self-loop "stay" on the diagonal below (n,n). It declares final states,
// none of them reachable, so (n,n) is a deadlock; with limit > 0 its state
// constraint is x+y <= limit.
type grid struct {
	model.Func[pt, string]
	limit int
}

func (grid) Final(pt) bool { return false }

func (g grid) Within(s pt) bool { return g.limit == 0 || s.X+s.Y <= g.limit }

func newGrid(n, limit int) grid {
	return grid{limit: limit, Func: model.Func[pt, string]{
		InitFn: func(yield func(pt)) { yield(pt{}) },
		NextFn: func(s pt, yield func(string, pt)) {
			if s.X < n {
				yield("right", pt{s.X + 1, s.Y})
			}
			if s.Y < s.X {
				yield("up", pt{s.X, s.Y + 1})
			}
			if s.X == s.Y && s.X < n {
				yield("stay", s)
			}
		},
		KeyFn: func(dst []byte, s pt) []byte { return model.AppendInt(model.AppendInt(dst, s.X), s.Y) },
		Props: []model.Property[pt]{model.Always("below 3", func(s pt) bool { return s.X+s.Y < 3 })},
	}}
}

func gridInstance(t *testing.T, n, limit int) *Instance {
	t.Helper()
	inst, err := Of(catalog.Spec[pt, string]{
		Info: catalog.Info{Name: "grid", Summary: "test only"},
		Build: func(catalog.Config) (model.Model[pt, string], error) {
			return newGrid(n, limit), nil
		},
	}).Build(catalog.Config{})
	require.NoError(t, err)
	return inst
}

// naiveGraph enumerates the grid's reachable states and steps by a plain
// depth-first search: the reference the graph is compared with.
func naiveGraph(g grid) (states, steps, selfLoops int, boundary []pt) {
	seen := map[pt]bool{}
	var walk func(s pt)
	walk = func(s pt) {
		if seen[s] {
			return
		}
		seen[s] = true
		if !g.Within(s) {
			boundary = append(boundary, s)
			return
		}
		g.Next(s, func(_ string, t pt) {
			steps++
			if t == s {
				selfLoops++
			}
			walk(t)
		})
	}
	g.Init(walk)
	return len(seen), steps, selfLoops, boundary
}

func TestGraphAgreesWithNaiveEnumeration(t *testing.T) {
	for _, c := range []struct{ n, limit int }{{1, 0}, {3, 0}, {5, 0}, {5, 4}} {
		t.Run(fmt.Sprintf("n=%d limit=%d", c.n, c.limit), func(t *testing.T) {
			states, steps, self, boundary := naiveGraph(newGrid(c.n, c.limit))
			g, err := gridInstance(t, c.n, c.limit).Graph(explore.Options{Workers: 2}, MaxGraphStates)
			require.NoError(t, err)
			require.True(t, g.Complete)
			assert.Len(t, g.Nodes, states, "a node per reachable state")
			assert.Len(t, g.Edges, steps, "an edge per enabled step of an expanded state")
			gotSelf, gotBoundary, deadlocks := 0, 0, 0
			for _, e := range g.Edges {
				if e.From == e.To {
					gotSelf++
					assert.Equal(t, "stay", e.Label)
				}
			}
			for _, n := range g.Nodes {
				if n.Boundary {
					gotBoundary++
					assert.False(t, n.Expanded)
				}
				if n.Deadlock {
					deadlocks++
				}
			}
			assert.Equal(t, self, gotSelf, "self-loops")
			assert.Equal(t, len(boundary), gotBoundary, "states outside the constraint")
			if c.limit == 0 {
				assert.Equal(t, 1, deadlocks, "(n,n) is the one deadlock")
			}
			assert.True(t, g.Nodes[0].Initial)
			assert.Equal(t, []string{"X=0", "Y=0"}, g.Nodes[0].Lines)
		})
	}
}

func TestGraphTooLarge(t *testing.T) {
	states, _, _, _ := naiveGraph(newGrid(9, 0))
	inst := gridInstance(t, 9, 0)
	_, err := inst.Graph(explore.Options{}, states-1)
	require.ErrorIs(t, err, ErrGraphTooLarge)
	assert.Contains(t, err.Error(), fmt.Sprintf("more than %d states", states-1))
	g, err := inst.Graph(explore.Options{}, states)
	require.NoError(t, err, "a graph of exactly the limit is drawn")
	assert.Len(t, g.Nodes, states)
}

func TestGraphPartialAtMaxDepth(t *testing.T) {
	g, err := gridInstance(t, 5, 0).Graph(explore.Options{MaxDepth: 2}, MaxGraphStates)
	require.NoError(t, err)
	assert.False(t, g.Complete)
	unexpanded := 0
	for _, n := range g.Nodes {
		if !n.Expanded {
			unexpanded++
			assert.NotEmpty(t, n.Lines, "a state not expanded is still printed")
		}
	}
	assert.Positive(t, unexpanded, "states at the depth bound are not expanded")
}

func TestGraphLocatesACounterexample(t *testing.T) {
	inst := gridInstance(t, 3, 0)
	res, err := inst.Check("bfs", explore.Options{Workers: 1}, nil)
	require.NoError(t, err)
	p, ok := res.Property("below 3")
	require.True(t, ok)
	require.Equal(t, explore.Violated, p.Status)
	g, err := inst.Graph(explore.Options{}, MaxGraphStates)
	require.NoError(t, err)
	nodes, edges, err := g.Locate(p.Trace)
	require.NoError(t, err)
	require.Len(t, nodes, len(p.Trace.Steps))
	require.Len(t, edges, len(p.Trace.Steps)-1)
	for i, e := range edges {
		assert.Equal(t, nodes[i], g.Edges[e].From)
		assert.Equal(t, nodes[i+1], g.Edges[e].To)
		assert.Equal(t, p.Trace.Steps[i+1].Action, g.Edges[e].Label)
	}
	_, _, err = g.Locate(&model.Trace{Steps: []model.Step{{State: pt{7, 7}}}})
	assert.ErrorContains(t, err, "not in the graph")
}
