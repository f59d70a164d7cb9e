package explore

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// clocked has a clock that ticks to 3 and a decision taken once. A reset
// step sets the clock back to 0, reaching a state seen before; with
// flip, a decision taken may change once the clock shows 2.
type clocked struct{ flip bool }

type clockState struct{ Clock, Decided int }

func (c clocked) Init(yield func(clockState)) { yield(clockState{}) }
func (c clocked) Next(s clockState, yield func(string, clockState)) {
	if s.Clock < 3 {
		yield("tick", clockState{s.Clock + 1, s.Decided})
	} else {
		yield("reset", clockState{0, s.Decided})
	}
	if s.Decided == 0 {
		yield("decide 1", clockState{s.Clock, 1})
		yield("decide 2", clockState{s.Clock, 2})
	} else if c.flip && s.Clock == 2 {
		yield("flip", clockState{s.Clock, 3 - s.Decided})
	}
}
func (c clocked) AppendKey(dst []byte, s clockState) []byte {
	return append(dst, byte(s.Clock), byte(s.Decided))
}
func (c clocked) Properties() []model.Property[clockState] {
	return []model.Property[clockState]{model.Always("clock bounded", func(s clockState) bool { return s.Clock <= 3 })}
}
func (c clocked) StepProperties() []model.StepProperty[clockState, string] {
	return []model.StepProperty[clockState, string]{
		model.AlwaysStep("decision stable", func(from clockState, _ string, to clockState) bool {
			return from.Decided == 0 || to.Decided == from.Decided
		}),
		model.AlwaysStep("clock never decreases", func(from clockState, _ string, to clockState) bool {
			return to.Clock >= from.Clock
		}),
	}
}

// TestStepProperties: the reset step, which only ever reaches states
// already visited, violates "clock never decreases" (shortest: three
// ticks and the reset); "decision stable" holds unless decisions may flip
// (shortest: decide, two ticks, flip, in some order). BFS and DFS agree on
// every verdict, and every trace ends with a step that violates its
// property and replays.
func TestStepProperties(t *testing.T) {
	for _, flip := range []bool{false, true} {
		m := clocked{flip: flip}
		bfs, err := BFS[clockState, string](m, Options{Workers: 2})
		require.NoError(t, err)
		dfs, err := DFS[clockState, string](m, Options{})
		require.NoError(t, err)
		require.True(t, dfs.Complete)
		for _, res := range []*Result{bfs, dfs} {
			clock, ok := res.Property("clock never decreases")
			require.True(t, ok)
			assert.Equal(t, model.ExpectAlwaysStep, clock.Expect)
			require.Equal(t, Violated, clock.Status, res.Engine)
			requireStepViolation(t, m, m.StepProperties()[1], clock.Trace)
			stable, _ := res.Property("decision stable")
			require.Equal(t, flip, stable.Status == Violated, "%s, flip %v", res.Engine, flip)
			if flip {
				requireStepViolation(t, m, m.StepProperties()[0], stable.Trace)
			}
		}
		clock, _ := bfs.Property("clock never decreases")
		assert.Equal(t, []string{"tick", "tick", "tick", "reset"}, actions(clock.Trace), "shortest")
		if flip {
			stable, _ := bfs.Property("decision stable")
			assert.Equal(t, 4, stable.Trace.Len(), "shortest")
			assert.Equal(t, "flip", stable.Trace.Steps[4].Action)
		}
	}
}

func actions(tr *model.Trace) []string {
	var out []string
	for _, s := range tr.Steps[1:] {
		out = append(out, s.Action)
	}
	return out
}

// requireStepViolation checks that tr replays and that its last step
// violates p.
func requireStepViolation[S, A any](t require.TestingT, m model.Model[S, A], p model.StepProperty[S, A], tr *model.Trace) {
	require.NotNil(t, tr)
	require.GreaterOrEqual(t, tr.Len(), 1)
	replayed, err := Replay(m, tr.Path)
	require.NoError(t, err)
	require.Equal(t, tr.Steps, replayed.Steps, "the trace replays")
	from := tr.Steps[tr.Len()-1].State.(S)
	var acts []A
	var nexts []S
	acts, nexts = collectNext(m, from, acts, nexts)
	j := tr.Path[len(tr.Path)-1]
	require.False(t, p.Holds(from, acts[j], nexts[j]), "the last step violates %q", p.Name)
}

// stepGraph is a random graph with a set of forbidden edges.
type stepGraph struct {
	*graph
	forbidden map[[2]int]bool
}

func (g stepGraph) StepProperties() []model.StepProperty[int, edge] {
	return []model.StepProperty[int, edge]{model.AlwaysStep("allowed", func(from int, e edge, to int) bool {
		return !g.forbidden[[2]int{from, to}]
	})}
}

// TestStepPropertiesAgreeWithReference: on random graphs, BFS (1 and 4
// workers) and DFS find a forbidden edge exactly when one leaves a
// reachable state; BFS's trace has the length of the shortest such path
// and is the same for 1 and 4 workers.
func TestStepPropertiesAgreeWithReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := stepGraph{drawSafetyGraph(t), map[[2]int]bool{}}
		n := len(g.succ)
		for range rapid.IntRange(0, 3).Draw(t, "forbidden") {
			g.forbidden[[2]int{rapid.IntRange(0, n-1).Draw(t, "from"), rapid.IntRange(0, n-1).Draw(t, "to")}] = true
		}
		shortest := -1
		for s, d := range g.reference() {
			for _, to := range g.succ[s] {
				if g.forbidden[[2]int{s, to}] && (shortest < 0 || d+1 < shortest) {
					shortest = d + 1
				}
			}
		}
		bfs1, err := BFS[int, edge](g, Options{Workers: 1})
		require.NoError(t, err)
		bfs4, err := BFS[int, edge](g, Options{Workers: 4})
		require.NoError(t, err)
		dfs, err := DFS[int, edge](g, Options{})
		require.NoError(t, err)
		for _, res := range []*Result{bfs1, bfs4, dfs} {
			p, _ := res.Property("allowed")
			require.Equal(t, shortest >= 0, p.Status == Violated, "%s: a forbidden edge is reachable", res.Engine)
			if p.Status == Violated {
				requireStepViolation(t, g, g.StepProperties()[0], p.Trace)
				if res.Engine == "bfs" {
					require.Equal(t, shortest, p.Trace.Len(), "bfs: shortest")
				}
			}
		}
		require.Equal(t, bfs1.Properties, bfs4.Properties, "same verdicts and traces for 1 and 4 workers")
	})
}

// TestRandomChecksStepProperties: random walks find the reset step too.
func TestRandomChecksStepProperties(t *testing.T) {
	m := clocked{}
	res, err := Random[clockState, string](m, Options{Workers: 2, Walks: 20, WalkDepth: 10, Seed: 3})
	require.NoError(t, err)
	clock, _ := res.Property("clock never decreases")
	require.Equal(t, Violated, clock.Status, fmt.Sprint(res.Properties))
	requireStepViolation(t, m, m.StepProperties()[1], clock.Trace)
}
