package model_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// TestEraseDeclares: Erase(m) declares exactly what m declares, for every
// combination the capability test knows.
func TestEraseDeclares(t *testing.T) {
	for name, m := range map[string]model.Model[int, string]{
		"no optional interface":           plain{},
		"interfaces without Declarer":     full{},
		"declares nothing":                declaring{},
		"declares final only":             declaring{caps: model.Capabilities{Final: true}},
		"declares symmetry only":          declaring{caps: model.Capabilities{Symmetry: true}},
		"declares fairness only":          declaring{caps: model.Capabilities{Fairness: true}},
		"declares without the interfaces": declaringPlain{},
	} {
		sameDeclarations(t, name, m)
	}
	sameDeclarations[pairState, string](t, "a pair", pair{})
}

func sameDeclarations[S, A any](t *testing.T, name string, m model.Model[S, A]) {
	e := model.Erase(m)
	assert.Equal(t, model.HasFinal(m), model.HasFinal(e), "%s: HasFinal", name)
	assert.Equal(t, model.HasSymmetry(m), model.HasSymmetry(e), "%s: HasSymmetry", name)
	assert.Equal(t, model.HasFairness(m), model.HasFairness(e), "%s: HasFairness", name)
	assert.Len(t, model.StepProperties(e), len(model.StepProperties(m)), "%s: step properties", name)
}

// pairState is two counters that count to 3 and are interchangeable.
type pairState struct{ A, B uint8 }

// pair is a model with every optional interface: a final state, a
// deadlock, a symmetry, weak fairness, a state constraint and a step
// property, so that every engine feature runs on it.
type pair struct{}

func (pair) Init(yield func(pairState)) { yield(pairState{}) }

// Next: either counter moves on, 0 -> 1 -> 2 -> 3 -> 0, except in the
// final state (2, 2) and the deadlocks (1, 3) and (3, 1).
func (pair) Next(s pairState, yield func(string, pairState)) {
	if s == (pairState{2, 2}) || s == (pairState{1, 3}) || s == (pairState{3, 1}) {
		return
	}
	yield("inc a", pairState{(s.A + 1) % 4, s.B})
	yield("inc b", pairState{s.A, (s.B + 1) % 4})
}

func (pair) AppendKey(dst []byte, s pairState) []byte { return append(dst, s.A, s.B) }

func (pair) Properties() []model.Property[pairState] {
	return []model.Property[pairState]{
		model.Always("small", func(s pairState) bool { return s.A+s.B < 6 }),
		model.Always("not both three", func(s pairState) bool { return s.A != 3 || s.B != 3 }),
		model.Sometimes("both two", func(s pairState) bool { return s == pairState{2, 2} }),
		model.Eventually("a three", func(s pairState) bool { return s.A == 3 || s.B == 3 }),
		model.Eventually("both one", func(s pairState) bool { return s.A == 1 && s.B == 1 }),
		model.LeadsTo("one leads to two", func(s pairState) bool { return s.A == 1 || s.B == 1 },
			func(s pairState) bool { return s.A == 2 || s.B == 2 }),
	}
}

func (pair) StepProperties() []model.StepProperty[pairState, string] {
	return []model.StepProperty[pairState, string]{
		model.AlwaysStep("no wrap", func(from pairState, _ string, to pairState) bool { return to.A >= from.A && to.B >= from.B }),
	}
}

func (pair) Final(s pairState) bool { return s == pairState{2, 2} }

func (pair) Canonical(s pairState) pairState {
	if s.A > s.B {
		return pairState{s.B, s.A}
	}
	return s
}

func (pair) FairClass(a string) (string, bool) { return a, true }

func (pair) Within(s pairState) bool { return s.A+s.B < 6 }

// TestEraseForwards: every optional method of Erase(m) answers as m's on
// every reachable state and step.
func TestEraseForwards(t *testing.T) {
	var m pair
	e := model.Erase[pairState, string](m)
	props, eprops := m.Properties(), e.Properties()
	require.Len(t, eprops, len(props))
	steps, esteps := m.StepProperties(), model.StepProperties(e)
	require.Len(t, esteps, len(steps))
	n := 0
	for a := range uint8(4) {
		for b := range uint8(4) {
			s := pairState{a, b}
			n++
			assert.Equal(t, m.AppendKey(nil, s), e.AppendKey(nil, s))
			assert.Equal(t, m.Final(s), e.(model.Finaler[any]).Final(s))
			assert.Equal(t, m.Canonical(s), e.(model.Symmetric[any]).Canonical(s))
			assert.Equal(t, m.Within(s), e.(model.Constrained[any]).Within(s))
			for i, p := range props {
				assert.Equal(t, p.Name, eprops[i].Name)
				assert.Equal(t, p.Expect, eprops[i].Expect)
				assert.Equal(t, p.Holds(s), eprops[i].Holds(s), "%s at %v", p.Name, s)
				if p.Then != nil {
					assert.Equal(t, p.Then(s), eprops[i].Then(s), "%s at %v", p.Name, s)
				} else {
					assert.Nil(t, eprops[i].Then)
				}
			}
			var want, got []string
			m.Next(s, func(act string, to pairState) {
				class, fair := m.FairClass(act)
				want = append(want, fmt.Sprint(act, to, class, fair, steps[0].Holds(s, act, to)))
			})
			e.Next(s, func(act, to any) {
				class, fair := e.(model.Fair[any]).FairClass(act)
				got = append(got, fmt.Sprint(act, to, class, fair, esteps[0].Holds(s, act, to)))
			})
			assert.Equal(t, want, got, "the steps of %v", s)
		}
	}
	require.Equal(t, 16, n)
}

// TestEraseAbsentInterfaces: where m lacks an interface, the erased
// method does what its absence means.
func TestEraseAbsentInterfaces(t *testing.T) {
	e := model.Erase[int, string](plain{})
	assert.True(t, e.(model.Finaler[any]).Final(3))
	assert.Equal(t, any(3), e.(model.Symmetric[any]).Canonical(3))
	_, fair := e.(model.Fair[any]).FairClass("x")
	assert.False(t, fair)
	assert.True(t, e.(model.Constrained[any]).Within(3))
}

// TestEraseEngines: every engine gives the same result on Erase(m) as on
// m: counts, verdicts and traces, with and without symmetry.
func TestEraseEngines(t *testing.T) {
	var m pair
	e := model.Erase[pairState, string](m)
	type run = func() (*explore.Result, error)
	for _, sym := range []bool{false, true} {
		opts := explore.Options{Workers: 1, Symmetry: sym, Seed: 7, Walks: 40}
		for _, eng := range []struct {
			name          string
			typed, erased run
		}{
			{"check", func() (*explore.Result, error) { return explore.Check(m, opts) }, func() (*explore.Result, error) { return explore.Check(e, opts) }},
			{"bfs", func() (*explore.Result, error) { return explore.BFS(m, opts) }, func() (*explore.Result, error) { return explore.BFS(e, opts) }},
			{"dfs", func() (*explore.Result, error) { return explore.DFS(m, opts) }, func() (*explore.Result, error) { return explore.DFS(e, opts) }},
			{"liveness", func() (*explore.Result, error) { return explore.Liveness(m, opts) }, func() (*explore.Result, error) { return explore.Liveness(e, opts) }},
			{"random", func() (*explore.Result, error) { return explore.Random(m, opts) }, func() (*explore.Result, error) { return explore.Random(e, opts) }},
		} {
			want, err := eng.typed()
			require.NoError(t, err, eng.name)
			got, err := eng.erased()
			require.NoError(t, err, eng.name)
			sameResult(t, want, got, fmt.Sprintf("%s symmetry=%v", eng.name, sym))
			if eng.name == "check" && !sym { // the run is not vacuous
				lasso, status := false, map[explore.Status]bool{}
				for _, p := range got.Properties {
					lasso = lasso || p.Trace.Lasso()
					status[p.Status] = true
				}
				assert.True(t, lasso && status[explore.Holds] && status[explore.Violated], "a lasso, properties that hold and fail")
			}
		}
	}
}

// sameResult compares two runs: counts, and each property's verdict and
// trace (path, loop, labels and states as printed).
func sameResult(t *testing.T, want, got *explore.Result, what string) {
	t.Helper()
	assert.Equal(t, want.Complete, got.Complete, what)
	assert.Equal(t, want.Distinct, got.Distinct, what)
	assert.Equal(t, want.Generated, got.Generated, what)
	assert.Equal(t, want.MaxDepth, got.MaxDepth, what)
	require.Len(t, got.Properties, len(want.Properties), what)
	for i, p := range want.Properties {
		q := got.Properties[i]
		assert.Equal(t, p.Name, q.Name, what)
		assert.Equal(t, p.Status, q.Status, "%s: %s", what, p.Name)
		assert.Equal(t, traceText(p.Trace), traceText(q.Trace), "%s: %s", what, p.Name)
	}
}

// traceText prints a trace: its path, loop, and every step.
func traceText(tr *model.Trace) string {
	if tr == nil {
		return "none"
	}
	s := fmt.Sprint(tr.Path, " loop ", tr.Loop)
	for _, st := range tr.Steps {
		s += fmt.Sprintf(" | %s %v", st.Action, st.State)
	}
	return s
}

// TestEraseCodec: the erased model's codec is its model's, as CodecOf
// gives it, and fails when that fails.
func TestEraseCodec(t *testing.T) {
	own := &ownCodec{Func: counter(func(n int) int { return n }, func(s int) int { return s }), lossyFrom: 1 << 30}
	c, err := model.CodecOf(model.Erase[int, string](own))
	require.NoError(t, err)
	assert.Equal(t, own.AppendState(nil, 77), c.AppendState(nil, 77), "the model's own encoding")
	got, err := c.DecodeState(c.AppendState(nil, 77))
	require.NoError(t, err)
	assert.Equal(t, any(77), got)

	pc, err := model.CodecOf(model.Erase[pairState, string](pair{}))
	require.NoError(t, err)
	got, err = pc.DecodeState(pc.AppendState(nil, pairState{2, 3}))
	require.NoError(t, err)
	assert.Equal(t, any(pairState{2, 3}), got, "a fallback codec")

	lossy := model.Erase[int, string](&ownCodec{Func: own.Func, lossyFrom: 100})
	_, err = model.CodecOf(lossy)
	require.ErrorIs(t, err, model.ErrNoCodec, "the inner model's codec fails its round trip")
	_, err = lossy.(model.Codec[any]).DecodeState([]byte{1})
	assert.ErrorIs(t, err, model.ErrNoCodec)
	assert.Panics(t, func() { lossy.(model.Codec[any]).AppendState(nil, 1) })
}
