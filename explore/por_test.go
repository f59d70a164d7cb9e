package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// spin is a model whose ample sets would ignore a step forever without the
// cycle proviso: process A counts 0 -> 1 -> 2 -> 3 -> 1 (invisible, ending
// in a cycle), process B sets its flag once (visible). The ample set is A's step while
// B has not moved: A and B are independent, A's step is always enabled and
// no property reads A, so it is an ample set by C0-C2.
type spin struct{ declare bool }

type spinState struct{ A, B uint8 }

func (spin) Init(yield func(spinState)) { yield(spinState{}) }

func (spin) Next(s spinState, yield func(string, spinState)) {
	yield("a", spinState{A: spinA(s.A), B: s.B})
	if s.B == 0 {
		yield("b", spinState{A: s.A, B: 1})
	}
}

func (spin) AppendKey(dst []byte, s spinState) []byte { return append(dst, s.A, s.B) }

func (spin) Properties() []model.Property[spinState] {
	return []model.Property[spinState]{
		model.Always("b unset", func(s spinState) bool { return s.B == 0 }),
		model.Always("b in range", func(s spinState) bool { return s.B <= 1 }), // holds: runs are complete
		model.Sometimes("b set", func(s spinState) bool { return s.B == 1 }),
		model.Eventually("b set eventually", func(s spinState) bool { return s.B == 1 }),
	}
}

func (spin) Ample(s spinState, yield func(string, spinState, bool)) bool {
	if s.B != 0 {
		return false // A's step is all there is
	}
	yield("a", spinState{A: spinA(s.A), B: s.B}, true)
	return true
}

// spinA is A's step.
func spinA(a uint8) uint8 {
	if a == 3 {
		return 1
	}
	return a + 1
}

func (m spin) Declares() model.Capabilities { return model.Capabilities{Reduction: m.declare} }

// TestPORCycleProviso: the proviso expands fully the state whose ample step
// closes A's cycle, so B's step is found; the verdicts are the full
// graph's and the trace replays on the model.
func TestPORCycleProviso(t *testing.T) {
	m := spin{declare: true}
	full, err := BFS[spinState, string](m, Options{Workers: 1})
	require.NoError(t, err)
	for _, workers := range []int{1, 3} {
		res, err := BFS[spinState, string](m, Options{Workers: workers, POR: true})
		require.NoError(t, err)
		require.True(t, res.Complete)
		assert.Equal(t, statuses(full), statuses(res), "verdicts with and without POR")
		assert.LessOrEqual(t, res.Distinct, full.Distinct)
		bad, _ := res.Property("b unset")
		require.NotNil(t, bad.Trace)
		tr, err := Replay[spinState, string](m, bad.Trace.Path)
		require.NoError(t, err)
		last := tr.Steps[len(tr.Steps)-1].State.(spinState)
		assert.EqualValues(t, 1, last.B, "the trace replays to a state that violates the property")
	}
}

// TestPORWithoutProvisoIgnoresB shows why the proviso is there: without it
// the reduced graph is A's cycle alone, B's step is never taken, and the
// verdicts are wrong. (The engine never runs without it.)
func TestPORWithoutProvisoIgnoresB(t *testing.T) {
	cycleProviso.Store(false)
	defer cycleProviso.Store(true)
	res, err := BFS[spinState, string](spin{declare: true}, Options{Workers: 1, POR: true})
	require.NoError(t, err)
	assert.EqualValues(t, 4, res.Distinct, "only A's states")
	bad, _ := res.Property("b unset")
	assert.Equal(t, Holds, bad.Status, "without C3 the violation is missed")
}

// statuses returns every property's verdict by name.
func statuses(res *Result) map[string]Status {
	out := map[string]Status{}
	for _, p := range res.Properties {
		if !p.Expect.Liveness() {
			out[p.Name] = p.Status
		}
	}
	return out
}

// TestPORRefused: POR is an error unless the model declares a reduction,
// and with what it cannot combine with.
func TestPORRefused(t *testing.T) {
	plain := model.Func[spinState, string]{InitFn: spin{}.Init, NextFn: spin{}.Next, KeyFn: spin{}.AppendKey, Props: spin{}.Properties()}
	cases := map[string]struct {
		m    model.Model[spinState, string]
		opts Options
	}{
		"no Ample":          {plain, Options{POR: true}},
		"not declared":      {spin{declare: false}, Options{POR: true}},
		"with symmetry":     {symSpin{spin{declare: true}}, Options{POR: true, Symmetry: true}},
		"step properties":   {stepSpin{spin{declare: true}}, Options{POR: true}},
		"a constraint":      {withinSpin{spin{declare: true}}, Options{POR: true}},
		"on disk":           {spin{declare: true}, Options{POR: true, Disk: &Disk{Dir: t.TempDir()}}},
		"dfs validates too": {spin{declare: false}, Options{POR: true}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var err error
			if name == "dfs validates too" {
				_, err = DFS(c.m, c.opts)
			} else {
				_, err = Check(c.m, c.opts)
			}
			require.ErrorIs(t, err, ErrOptions)
			assert.Contains(t, err.Error(), "partial-order reduction")
		})
	}
}

type symSpin struct{ spin }

func (symSpin) Canonical(s spinState) spinState { return s }

type stepSpin struct{ spin }

func (stepSpin) StepProperties() []model.StepProperty[spinState, string] {
	return []model.StepProperty[spinState, string]{
		model.AlwaysStep("b only rises", func(from spinState, _ string, to spinState) bool { return to.B >= from.B }),
	}
}

type withinSpin struct{ spin }

func (withinSpin) Within(s spinState) bool { return true }

// TestPORCheck: Check with POR runs BFS alone, reports its engine, and
// leaves the liveness properties Unknown with the reason; DFS ignores POR
// and explores the full graph.
func TestPORCheck(t *testing.T) {
	m := spin{declare: true}
	res, err := Check[spinState, string](m, Options{Workers: 2, POR: true})
	require.NoError(t, err)
	assert.Equal(t, "bfs+por", res.Engine)
	live, ok := res.Property("b set eventually")
	require.True(t, ok)
	assert.Equal(t, Unknown, live.Status)
	assert.Contains(t, live.Message, "not checked under -por")
	full, err := BFS[spinState, string](m, Options{Workers: 1})
	require.NoError(t, err)
	dfs, err := DFS[spinState, string](m, Options{POR: true})
	require.NoError(t, err)
	assert.Equal(t, full.Distinct, dfs.Distinct, "DFS ignores POR")
	assert.Less(t, res.Distinct, full.Distinct, "the reduction removes states here")
}

// budget is a model whose ample sets hold a step that is not key: A
// toggles (invisible, key), F and G are faults that share one budget (F
// invisible, in the ample set; G visible, outside it: G disables F, which
// C1 allows of a step that is not key). In A=1 the key step leads back to
// the initial state, so the state must be expanded fully, where G breaks
// "g unused". A proviso that counted F's new successor as progress would
// keep reducing and never take G.
type budget struct{ keyAll bool }

type budgetState struct{ A, F, G uint8 }

func (budget) Init(yield func(budgetState)) { yield(budgetState{}) }

func (budget) Next(s budgetState, yield func(string, budgetState)) {
	yield("a", budgetState{A: 1 - s.A, F: s.F, G: s.G})
	if s.F+s.G == 0 {
		yield("f", budgetState{A: s.A, F: 1})
		yield("g", budgetState{A: s.A, G: 1})
	}
}

func (budget) AppendKey(dst []byte, s budgetState) []byte { return append(dst, s.A, s.F, s.G) }

func (budget) Properties() []model.Property[budgetState] {
	return []model.Property[budgetState]{
		model.Always("g unused", func(s budgetState) bool { return s.G == 0 }),
		model.Always("g in range", func(s budgetState) bool { return s.G <= 1 }), // holds: runs are complete
	}
}

func (m budget) Ample(s budgetState, yield func(string, budgetState, bool)) bool {
	if s.F+s.G != 0 {
		return false // A's step is all there is
	}
	yield("a", budgetState{A: 1 - s.A}, true)
	yield("f", budgetState{A: s.A, F: 1}, m.keyAll) // G disables it: not key
	return true
}

// TestPORProvisoCountsKeySteps: the proviso asks for a key step that leads
// one level deeper. With F marked as key (a false declaration: G disables
// it) the engine keeps reducing and misses G, which shows that the key
// marks are what the proviso rests on.
func TestPORProvisoCountsKeySteps(t *testing.T) {
	full, err := BFS[budgetState, string](budget{}, Options{Workers: 1})
	require.NoError(t, err)
	res, err := BFS[budgetState, string](budget{}, Options{Workers: 2, POR: true})
	require.NoError(t, err)
	assert.Equal(t, statuses(full), statuses(res))
	bad, _ := res.Property("g unused")
	assert.Equal(t, Violated, bad.Status)

	wrong, err := BFS[budgetState, string](budget{keyAll: true}, Options{Workers: 2, POR: true})
	require.NoError(t, err)
	bad, _ = wrong.Property("g unused")
	assert.Equal(t, Holds, bad.Status, "a non-key step counted as progress ignores G")
}
