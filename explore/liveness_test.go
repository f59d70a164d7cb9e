package explore

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// A gEdge is one step of a hand-built graph model.
type gEdge struct {
	to    int
	class string // weak-fairness class; "" for an unfair step (a fault)
}

// A gAct labels a step of a graph model: "from->to[class]".
type gAct struct {
	from, to int
	class    string
}

func (a gAct) String() string { return fmt.Sprintf("%d->%d[%s]", a.from, a.to, a.class) }

// graphModel is a model given by its adjacency lists; states are ints.
type graphModel struct {
	inits []int
	adj   [][]gEdge
	props []model.Property[int]
}

func (g graphModel) Init(yield func(int)) {
	for _, s := range g.inits {
		yield(s)
	}
}

func (g graphModel) Next(s int, yield func(gAct, int)) {
	for _, e := range g.adj[s] {
		yield(gAct{s, e.to, e.class}, e.to)
	}
}

func (g graphModel) AppendKey(dst []byte, s int) []byte { return model.AppendInt(dst, s) }
func (g graphModel) Properties() []model.Property[int]  { return g.props }

// fairGraph is a graphModel that declares weak fairness by class.
type fairGraph struct{ graphModel }

func (fairGraph) FairClass(a gAct) (string, bool) { return a.class, a.class != "" }

// in returns a predicate true on the given states.
func in(states ...int) func(int) bool {
	return func(s int) bool {
		for _, x := range states {
			if s == x {
				return true
			}
		}
		return false
	}
}

// testingT is what the trace checks need of *testing.T and *rapid.T.
type testingT interface {
	require.TestingT
	Helper()
}

// livenessOf runs Liveness and returns the named property's result.
func livenessOf[S, A any](t *testing.T, m model.Model[S, A], opts Options, name string) PropertyResult {
	t.Helper()
	res, err := Liveness(m, opts)
	require.NoError(t, err)
	pr, ok := res.Property(name)
	require.True(t, ok, "property %q reported", name)
	return pr
}

// requireLasso checks that a violation's trace replays on m, that its loop
// closes (last state's key equals the Loop state's key) and, for a fair
// model, that the loop takes a step of every class enabled all along it; a
// finite trace must end in a terminal state.
func requireLasso[S, A any](t testingT, m model.Model[S, A], tr *model.Trace) {
	t.Helper()
	requireEnding(t, m, tr, false)
}

// requireEnding is requireLasso under the semantics stutter selects: a
// finite trace must end where CanStop allows, and that agrees with the
// definition (no step at all; with stutter, no step of a fair class).
func requireEnding[S, A any](t testingT, m model.Model[S, A], tr *model.Trace, stutter bool) {
	t.Helper()
	require.NotNil(t, tr, "a violation has a trace")
	again, err := Replay(m, tr.Path)
	require.NoError(t, err, "the trace replays")
	require.Len(t, again.Steps, len(tr.Steps))
	for i := range tr.Steps {
		require.Equal(t, tr.Steps[i].Action, again.Steps[i].Action, "step %d label", i)
	}
	if tr.Loop < 0 {
		last := tr.Steps[len(tr.Steps)-1].State.(S)
		var n int
		f, fair := m.(model.Fair[A])
		m.Next(last, func(a A, _ S) {
			weak := false
			if fair {
				_, weak = f.FairClass(a)
			}
			if !stutter || weak {
				n++
			}
		})
		require.Zero(t, n, "a finite counterexample ends where no (weakly fair, with stutter) step is enabled")
		require.True(t, CanStop(m, last, stutter), "CanStop agrees")
		return
	}
	require.Less(t, tr.Loop, len(tr.Steps)-1, "the loop has at least one step")
	last := m.AppendKey(nil, tr.Steps[len(tr.Steps)-1].State.(S))
	first := m.AppendKey(nil, tr.Steps[tr.Loop].State.(S))
	require.True(t, bytes.Equal(first, last), "the loop closes: last state equals Steps[Loop]")
	if f, ok := m.(model.Fair[A]); ok {
		requireFairLoop(t, m, f, tr)
	}
}

// requireFairLoop checks weak fairness of a lasso's loop.
func requireFairLoop[S, A any](t testingT, m model.Model[S, A], f model.Fair[A], tr *model.Trace) {
	t.Helper()
	enabledAll := map[string]int{}
	loop := tr.Steps[tr.Loop : len(tr.Steps)-1]
	for _, st := range loop {
		seen := map[string]bool{}
		m.Next(st.State.(S), func(a A, _ S) {
			if c, fair := f.FairClass(a); fair && !seen[c] {
				seen[c] = true
				enabledAll[c]++
			}
		})
	}
	taken := map[string]bool{}
	for i := tr.Loop + 1; i < len(tr.Steps); i++ {
		var acts []A
		m.Next(tr.Steps[i-1].State.(S), func(a A, _ S) { acts = append(acts, a) })
		if c, fair := f.FairClass(acts[tr.Path[i]]); fair {
			taken[c] = true
		}
	}
	for c, n := range enabledAll {
		if n == len(loop) {
			require.True(t, taken[c], "class %q is enabled all along the loop, so the loop takes it", c)
		}
	}
}

func TestLivenessEventuallyFailsThroughCycleOnly(t *testing.T) {
	// 0 -> 1 <-> 2, 1 -> 3 (goal, terminal). No terminal state avoids the goal.
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {{2, "a"}, {3, "b"}}, {{1, "a"}}, {}},
		props: []model.Property[int]{model.Eventually("done", in(3))}}
	pr := livenessOf(t, m, Options{}, "done")
	require.Equal(t, Violated, pr.Status, pr.Message)
	requireLasso(t, m, pr.Trace)
	assert.Equal(t, 1, pr.Trace.Loop, "the loop starts at state 1, after the shortest prefix 0->1")
	assert.Equal(t, []int{0, 0, 0, 0}, pr.Trace.Path)
	// Under fairness the cycle 1 <-> 2 is unfair only if b is enabled in
	// both; it is not (b is disabled in 2), so it stays a violation.
	pr = livenessOf(t, fairGraph{m}, Options{}, "done")
	assert.Equal(t, Violated, pr.Status, "weak fairness: b is disabled in 2 infinitely often")
}

func TestLivenessEventuallyFailsThroughTerminalOnly(t *testing.T) {
	// 0 -> 1 (terminal, not goal), 0 -> 2 (goal) -> 2. No cycle avoids the goal.
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}, {2, "b"}}, {}, {{2, "c"}}},
		props: []model.Property[int]{model.Eventually("done", in(2))}}
	for _, mm := range []model.Model[int, gAct]{m, fairGraph{m}} {
		pr := livenessOf(t, mm, Options{}, "done")
		require.Equal(t, Violated, pr.Status, pr.Message)
		requireLasso(t, mm, pr.Trace)
		assert.Equal(t, -1, pr.Trace.Loop, "a finite counterexample")
		assert.Equal(t, []int{0, 0}, pr.Trace.Path)
		assert.Equal(t, 1, pr.Trace.Steps[1].State)
	}
}

func TestLivenessEventuallyHoldsOnlyUnderFairness(t *testing.T) {
	// 0 -> 0 (class a, "spin"), 0 -> 1 (class b, goal). b is enabled in 0
	// forever while a spins, so weak fairness forces it.
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{0, "a"}, {1, "b"}}, {}},
		props: []model.Property[int]{model.Eventually("done", in(1))}}
	pr := livenessOf(t, m, Options{}, "done")
	require.Equal(t, Violated, pr.Status, "without fairness the spin loop violates")
	requireLasso(t, m, pr.Trace)
	pr = livenessOf(t, fairGraph{m}, Options{}, "done")
	require.Equal(t, Holds, pr.Status, pr.Message)

	// A fault carries no fairness: if the way out is a fault, the spin
	// loop is fair again.
	faulty := graphModel{inits: []int{0}, adj: [][]gEdge{{{0, "a"}, {1, ""}}, {}}, props: m.props}
	pr = livenessOf(t, fairGraph{faulty}, Options{}, "done")
	require.Equal(t, Violated, pr.Status)
	requireLasso(t, fairGraph{faulty}, pr.Trace)
}

func TestLivenessLoopTakesRequiredClasses(t *testing.T) {
	// 0 -> 1 (b), 1 -> 0 (a), 1 -> 1 (c), 0 -> 0 (a), 0 -> 2 goal (fault).
	// Class a is enabled in 0 and 1, so a fair loop must take an a-step;
	// c alone (1 -> 1) is not fair.
	m := fairGraph{graphModel{inits: []int{1}, adj: [][]gEdge{{{1, "b"}, {0, "a"}, {2, ""}}, {{0, "a"}, {1, "c"}}, {}},
		props: []model.Property[int]{model.Eventually("done", in(2))}}}
	pr := livenessOf(t, m, Options{}, "done")
	require.Equal(t, Violated, pr.Status)
	requireLasso(t, m, pr.Trace)
	assert.Equal(t, 0, pr.Trace.Loop, "the loop starts in the initial state")
}

func TestLivenessLeadsTo(t *testing.T) {
	// idle 0 -> wanting 1 -> (wait 1 -> 1) -> granted 2 -> 0.
	adj := [][]gEdge{{{1, "req"}}, {{1, "wait"}, {2, "grant"}}, {{0, "rel"}}}
	prop := model.LeadsTo("want leads to grant", in(1), in(2))
	m := graphModel{inits: []int{0}, adj: adj, props: []model.Property[int]{prop}}
	pr := livenessOf(t, m, Options{}, prop.Name)
	require.Equal(t, Violated, pr.Status, "without fairness the wait loop starves")
	requireLasso(t, m, pr.Trace)
	assert.Equal(t, 1, pr.Trace.Loop)
	pr = livenessOf(t, fairGraph{m}, Options{}, prop.Name)
	assert.Equal(t, Holds, pr.Status, pr.Message)

	// Q holding before P does not help: the prefix may pass Q states.
	m2 := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "x"}}, {{1, "y"}}},
		props: []model.Property[int]{model.LeadsTo("p~>q", in(1), in(0))}}
	pr = livenessOf(t, fairGraph{m2}, Options{}, "p~>q")
	require.Equal(t, Violated, pr.Status)
	requireLasso(t, fairGraph{m2}, pr.Trace)
	assert.Equal(t, []int{0, 0, 0}, pr.Trace.Path)

	// P never holds: leads-to holds vacuously even though nothing ends.
	m3 := graphModel{inits: []int{0}, adj: [][]gEdge{{{0, "x"}}},
		props: []model.Property[int]{model.LeadsTo("vacuous", in(5), in(6))}}
	assert.Equal(t, Holds, livenessOf(t, m3, Options{}, "vacuous").Status)
}

// ring is a counter modulo n that never reaches its goal n: an infinite
// space under limits would be the same story.
func ring(n int) graphModel {
	adj := make([][]gEdge, n+1)
	for i := 0; i < n; i++ {
		adj[i] = []gEdge{{(i + 1) % n, "a"}}
	}
	return graphModel{inits: []int{0}, adj: adj, props: []model.Property[int]{
		model.Eventually("never", in(n)), model.Eventually("half", func(s int) bool { return s >= n/2 }),
		model.Always("safe", in()),
	}}
}

func TestLivenessLimitsNeverHold(t *testing.T) {
	m := ring(100)
	for name, opts := range map[string]Options{
		"max states": {MaxStates: 10},
		"max depth":  {MaxDepth: 10},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := Liveness(m, opts)
			require.NoError(t, err)
			assert.False(t, res.Complete)
			assert.Equal(t, name, res.StopReason)
			for _, n := range []string{"never", "half"} {
				pr, _ := res.Property(n)
				assert.Equal(t, Unknown, pr.Status, "%s is undecided in an incomplete run", n)
				assert.Contains(t, pr.Message, "stopped early")
			}
			pr, _ := res.Property("safe")
			assert.Equal(t, Unknown, pr.Status, "safety is BFS's job")
		})
	}
	res, err := Liveness(m, Options{})
	require.NoError(t, err)
	require.True(t, res.Complete)
	assert.EqualValues(t, 100, res.Distinct)
	never, _ := res.Property("never")
	half, _ := res.Property("half")
	assert.Equal(t, Violated, never.Status)
	assert.Equal(t, Holds, half.Status)
	assert.Equal(t, 0, never.Trace.Loop)
	assert.Len(t, never.Trace.Steps, 101, "the loop is the whole ring")
}

func TestLivenessViolationInIncompleteRunIsGenuine(t *testing.T) {
	// A small bad cycle near the start and a long tail the limit cuts.
	adj := [][]gEdge{{{1, "a"}, {2, "a"}}, {{0, "a"}}}
	for i := 2; i < 50; i++ {
		adj = append(adj, []gEdge{{i + 1, "a"}})
	}
	adj = append(adj, nil)
	m := graphModel{inits: []int{0}, adj: adj, props: []model.Property[int]{model.Eventually("end", in(50))}}
	res, err := Liveness(m, Options{MaxStates: 10})
	require.NoError(t, err)
	require.False(t, res.Complete)
	pr, _ := res.Property("end")
	require.Equal(t, Violated, pr.Status)
	requireLasso(t, m, pr.Trace)
}

func TestLivenessRejectsMalformedProperties(t *testing.T) {
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{}},
		props: []model.Property[int]{{Name: "bad", Expect: model.ExpectLeadsTo, Holds: in(0)}}}
	_, err := Liveness(m, Options{})
	require.ErrorIs(t, err, ErrOptions)
}

func TestLivenessReportsPanics(t *testing.T) {
	m := model.Func[int, string]{
		InitFn: func(y func(int)) { y(0) },
		NextFn: func(s int, y func(string, int)) {
			if s == 3 {
				panic("boom at 3")
			}
			y("inc", s+1)
		},
		KeyFn: func(dst []byte, s int) []byte { return model.AppendInt(dst, s) },
		Props: []model.Property[int]{model.Eventually("ten", in(10))},
	}
	res, err := Liveness(m, Options{})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	pr, ok := res.Property(PanicProperty)
	require.True(t, ok)
	assert.Equal(t, Violated, pr.Status)
	assert.Contains(t, pr.Message, "boom at 3")
	require.NotNil(t, pr.Trace)
	assert.Equal(t, 3, pr.Trace.Steps[len(pr.Trace.Steps)-1].State)
	ten, _ := res.Property("ten")
	assert.Equal(t, Unknown, ten.Status)
}

func TestLivenessTimeAndContextStop(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for reason, opts := range map[string]Options{
		"time limit":  {Time: time.Nanosecond},
		"interrupted": {Context: ctx},
	} {
		res, err := Liveness(ring(1000), opts)
		require.NoError(t, err)
		assert.False(t, res.Complete)
		assert.Equal(t, reason, res.StopReason)
		half, _ := res.Property("half")
		assert.Equal(t, Unknown, half.Status)
	}
}

func TestLivenessDeepCycle(t *testing.T) {
	// A 200k-state cycle: Tarjan's DFS goes 200k calls deep, which the
	// iterative version takes in its stride.
	const n = 200_000
	res, err := Liveness(ring(n), Options{})
	require.NoError(t, err)
	never, _ := res.Property("never")
	require.Equal(t, Violated, never.Status)
	assert.Equal(t, 0, never.Trace.Loop)
	assert.Len(t, never.Trace.Path, n+1)
	half, _ := res.Property("half")
	assert.Equal(t, Holds, half.Status)
}
