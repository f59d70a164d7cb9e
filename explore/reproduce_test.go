package explore_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// walkNext is a walk on 0..3: "inc" to s+1 (index 0) and, from 1 and 2,
// "dec" to s-1 (index 1). 3 is terminal.
func walkNext(s int, yield func(string, int)) {
	if s == 3 {
		return
	}
	yield("inc", s+1)
	if s > 0 {
		yield("dec", s-1)
	}
}

func walkFunc(next func(int, func(string, int))) model.Func[int, string] {
	return model.Func[int, string]{
		InitFn: func(yield func(int)) { yield(0) },
		NextFn: next,
		KeyFn:  func(dst []byte, s int) []byte { return append(dst, byte(s)) },
		Props: []model.Property[int]{
			model.Always("below three", func(s int) bool { return s < 3 }),
			model.Sometimes("reaches two", func(s int) bool { return s == 2 }),
			model.Eventually("reaches three", func(s int) bool { return s == 3 }),
			model.Eventually("reaches nine", func(s int) bool { return s == 9 }),
			model.LeadsTo("one leads to zero", func(s int) bool { return s == 1 }, func(s int) bool { return s == 0 }),
		},
	}
}

// walk is the walk with every optional capability, each switched on by
// its field: final states, a state constraint, a step property.
type walk struct {
	model.Func[int, string]
	final  func(int) bool // nil: declares no final states
	within func(int) bool // nil: no constraint
}

func (w walk) Final(s int) bool { return w.final(s) }

func (w walk) Declares() model.Capabilities { return model.Capabilities{Final: w.final != nil} }

func (w walk) Within(s int) bool { return w.within == nil || w.within(s) }

func (w walk) StepProperties() []model.StepProperty[int, string] {
	return []model.StepProperty[int, string]{
		model.AlwaysStep("never decreases", func(from int, _ string, to int) bool { return to >= from }),
	}
}

func newWalk() walk { return walk{Func: walkFunc(walkNext)} }

// traceOf replays the steps with the given labels from m's first initial
// state (each label picks the first step that has it) and returns the
// trace with Loop set.
func traceOf[S, A any](t *testing.T, m model.Model[S, A], loop int, labels ...string) *model.Trace {
	t.Helper()
	var s S
	m.Init(func(x S) { s = x }) // the models here have one initial state
	path := []int{0}
	for _, l := range labels {
		idx := -1
		var nextS S
		i := 0
		m.Next(s, func(a A, n S) {
			if idx < 0 && fmt.Sprint(a) == l {
				idx, nextS = i, n
			}
			i++
		})
		require.GreaterOrEqual(t, idx, 0, "no step %q from %v", l, s)
		path, s = append(path, idx), nextS
	}
	tr, err := explore.Replay(m, path)
	require.NoError(t, err)
	tr.Loop = loop
	return tr
}

func claim(prop string, e model.Expectation) explore.Claim {
	return explore.Claim{Property: prop, Expect: e}
}

// reproCase is one claim on one trace and the verdict expected.
type reproCase struct {
	name   string
	claim  explore.Claim
	tr     *model.Trace
	repro  bool
	reason string // a part of the reason
}

func runRepro[S, A any](t *testing.T, m model.Model[S, A], cases []reproCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := explore.Reproduce(m, c.claim, c.tr)
			require.NoError(t, err)
			assert.Equal(t, c.repro, got.Reproduces, "reason: %s", got.Reason)
			assert.Contains(t, got.Reason, c.reason)
		})
	}
}

func TestReproduceSafety(t *testing.T) {
	m := newWalk()
	witness := claim("reaches two", model.ExpectSometimes)
	witness.Witness = true
	runRepro(t, m, []reproCase{
		{"always fails at the end", claim("below three", model.ExpectAlways), traceOf(t, m, -1, "inc", "inc", "inc"), true, "fails in the last state"},
		{"always holds at the end", claim("below three", model.ExpectAlways), traceOf(t, m, -1, "inc", "inc"), false, "now holds"},
		{"only the last state matters", claim("below three", model.ExpectAlways), traceOf(t, m, -1, "inc", "inc", "inc"), true, ""},
		{"witness reached", witness, traceOf(t, m, -1, "inc", "inc"), true, "holds in the last state"},
		{"witness not reached", witness, traceOf(t, m, -1, "inc"), false, "no longer holds"},
		{"witness passed through", witness, traceOf(t, m, -1, "inc", "inc", "dec"), false, "no longer holds"},
		{"step property fails on the last step", claim("never decreases", model.ExpectAlwaysStep), traceOf(t, m, -1, "inc", "dec"), true, "fails on the last step"},
		{"step property holds on the last step", claim("never decreases", model.ExpectAlwaysStep), traceOf(t, m, -1, "inc", "dec", "inc"), false, "now holds"},
	})
}

func TestReproduceDeadlock(t *testing.T) {
	dead := claim(explore.DeadlockProperty, model.ExpectAlways)
	m := newWalk()
	m.final = func(s int) bool { return s == 0 }
	runRepro(t, m, []reproCase{
		{"stuck and not final", dead, traceOf(t, m, -1, "inc", "inc", "inc"), true, "no step and is not final"},
		{"not stuck", dead, traceOf(t, m, -1, "inc", "inc"), false, "now has 2 enabled steps"},
	})
	m.final = func(s int) bool { return s == 3 }
	runRepro(t, m, []reproCase{{"final", dead, traceOf(t, m, -1, "inc", "inc", "inc"), false, "now a final state"}})
	m.final = func(int) bool { return false }
	m.within = func(s int) bool { return s != 3 }
	runRepro(t, m, []reproCase{{"outside the constraint", dead, traceOf(t, m, -1, "inc", "inc", "inc"), false, "outside the state constraint"}})

	m = newWalk() // has Final, declares none
	_, err := explore.Reproduce(m, dead, traceOf(t, m, -1, "inc", "inc", "inc"))
	require.ErrorIs(t, err, explore.ErrClaim)
	assert.Contains(t, err.Error(), "declares no final states")
}

func TestReproducePanic(t *testing.T) {
	boom := claim(explore.PanicProperty, model.ExpectAlways)
	m := walkFunc(func(s int, yield func(string, int)) {
		if s == 2 {
			panic("two")
		}
		walkNext(s, yield)
	})
	runRepro(t, m, []reproCase{
		{"Next panics in the last state", boom, traceOf(t, m, -1, "inc", "inc"), true, "Next panics in the last state: two"},
		{"Next does not panic in the last state", boom, traceOf(t, m, -1, "inc"), false, "no longer panics"},
	})
	_, err := explore.Reproduce(m, boom, &model.Trace{Path: []int{0, 0, 0, 0}, Loop: -1,
		Steps: []model.Step{{State: 0}, {State: 1}, {State: 2}, {State: 3}}})
	require.ErrorIs(t, err, explore.ErrReplay, "a panic before the last state: the engine would have stopped there")

	inits := walkFunc(walkNext)
	inits.InitFn = func(func(int)) { panic("no start") }
	got, err := explore.Reproduce(inits, boom, &model.Trace{Path: []int{0}, Steps: []model.Step{{State: 0}}, Loop: -1})
	require.NoError(t, err)
	assert.True(t, got.Reproduces)
	assert.Contains(t, got.Reason, "Init panics: no start")

	prop := walkFunc(walkNext)
	prop.Props = []model.Property[int]{model.Always("picky", func(s int) bool {
		if s == 1 {
			panic("one")
		}
		return true
	})}
	runRepro(t, prop, []reproCase{{"a property panics", boom, traceOf(t, prop, -1, "inc"), true, `property "picky" panics in the last state: one`}})
}

// TestReproduceMalformed: claims that cannot be checked are errors
// (ErrClaim), as are states that do not follow from the path (ErrReplay).
func TestReproduceMalformed(t *testing.T) {
	m := newWalk()
	final := newWalk()
	final.final = func(s int) bool { return s == 3 }
	good := func() *model.Trace { return traceOf(t, m, -1, "inc", "dec") }
	lasso := func(loop int) *model.Trace { tr := good(); tr.Loop = loop; return tr }
	witnessOf := func(prop string, e model.Expectation) explore.Claim {
		c := claim(prop, e)
		c.Witness = true
		return c
	}
	with := func(edit func(*model.Trace)) *model.Trace { tr := good(); edit(tr); return tr }
	cases := []struct {
		name  string
		claim explore.Claim
		tr    *model.Trace
		want  error
		msg   string
	}{
		{"unknown property", claim("nosuch", model.ExpectAlways), good(), explore.ErrClaim, `no property "nosuch" (it has "below three", `},
		{"expectation differs", claim("below three", model.ExpectEventually), good(), explore.ErrClaim, `says "below three" is (eventually), the model's property is (always)`},
		{"witness of always", witnessOf("below three", model.ExpectAlways), good(), explore.ErrClaim, "only sometimes properties have witnesses"},
		{"counterexample to sometimes", claim("reaches two", model.ExpectSometimes), good(), explore.ErrClaim, "a sometimes property has witnesses"},
		{"loop for always", claim("below three", model.ExpectAlways), lasso(0), explore.ErrClaim, "only liveness counterexamples loop"},
		{"empty loop", claim("reaches three", model.ExpectEventually), lasso(2), explore.ErrClaim, "an empty loop"},
		{"loop out of range", claim("reaches three", model.ExpectEventually), lasso(3), explore.ErrClaim, "out of range"},
		{"step property as always", claim("never decreases", model.ExpectAlways), good(), explore.ErrClaim, "(always-step)"},
		{"deadlock without final states", claim(explore.DeadlockProperty, model.ExpectAlways), good(), explore.ErrClaim, "declares no final states"},
		{"panic as eventually", claim(explore.PanicProperty, model.ExpectEventually), good(), explore.ErrClaim, "(always)"},
		{"panic with a loop", claim(explore.PanicProperty, model.ExpectAlways), lasso(0), explore.ErrClaim, "only liveness counterexamples loop"},
		{"nil trace", claim("below three", model.ExpectAlways), nil, explore.ErrClaim, "empty trace"},
		{"state type", claim("below three", model.ExpectAlways), with(func(tr *model.Trace) { tr.Steps[1].State = "1" }), explore.ErrClaim, "state of type string, want int"},
		{"path length", claim("below three", model.ExpectAlways), with(func(tr *model.Trace) { tr.Path = tr.Path[:2] }), explore.ErrClaim, "a path of 2 indices for 3 states"},
		{"wrong state", claim("below three", model.ExpectAlways), with(func(tr *model.Trace) { tr.Steps[2].State = 2 }), explore.ErrReplay, "step 2: the state recorded is not"},
		{"index out of range", claim("below three", model.ExpectAlways), with(func(tr *model.Trace) { tr.Path[2] = 5 }), explore.ErrReplay, "step 2: index 5 of 2"},
		{"initial index", claim("below three", model.ExpectAlways), with(func(tr *model.Trace) { tr.Path[0] = 1 }), explore.ErrReplay, "initial state 1 of 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := explore.Reproduce(m, c.claim, c.tr)
			require.Error(t, err, "verdict %+v", got)
			assert.ErrorIs(t, err, c.want)
			assert.Contains(t, err.Error(), c.msg)
		})
	}
	_, err := explore.Reproduce(final, claim(explore.DeadlockProperty, model.ExpectAlways), lasso(0))
	require.ErrorIs(t, err, explore.ErrClaim, "a deadlock is a finite path")
	assert.Contains(t, err.Error(), "only liveness counterexamples loop")
}
