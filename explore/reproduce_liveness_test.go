package explore_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

func TestReproduceLiveness(t *testing.T) {
	m := newWalk()
	never := claim("reaches nine", model.ExpectEventually)
	three := claim("reaches three", model.ExpectEventually)
	leads := claim("one leads to zero", model.ExpectLeadsTo)
	runRepro(t, m, []reproCase{
		{"finite, terminal", never, traceOf(t, m, -1, "inc", "inc", "inc"), true, "ends in a terminal state, and the predicate never holds"},
		{"finite, not terminal", never, traceOf(t, m, -1, "inc", "inc"), false, "ends in a state with 2 enabled steps"},
		{"lasso closes", three, traceOf(t, m, 0, "inc", "dec"), true, "the loop back to step 0 closes, and the predicate never holds"},
		{"lasso does not close", three, traceOf(t, m, 0, "inc", "inc"), false, "the loop does not close"},
		{"lasso closes late", three, traceOf(t, m, 1, "inc", "inc", "dec", "dec", "inc"), true, "back to step 1"},
		{"predicate holds at the end", three, traceOf(t, m, -1, "inc", "inc", "inc"), false, "the predicate holds in the state after step 3"},
		{"leads-to on a lasso", leads, traceOf(t, m, 1, "inc", "inc", "dec"), true, "the premise holds after step 1"},
		{"leads-to answered in the loop", leads, traceOf(t, m, 0, "inc", "dec"), false, "no state of the trace has the premise"},
		{"leads-to, premise in the loop only", leads, traceOf(t, m, 2, "inc", "inc", "inc"), false, ""},
		{"leads-to, finite", leads, traceOf(t, m, -1, "inc", "inc", "inc"), true, "ends in a terminal state, the premise holds after step 1"},
		{"leads-to answered later", leads, traceOf(t, m, -1, "inc", "dec", "inc", "inc", "inc"), true, "after step 3"},
	})

	// The loop's steps are re-derived from the path, not taken from
	// the trace's states: a trace whose states were edited to close the
	// loop does not replay.
	tr := traceOf(t, m, 0, "inc", "inc")
	tr.Steps[2].State = 0
	_, err := explore.Reproduce(m, three, tr)
	assert.ErrorIs(t, err, explore.ErrReplay)
}

// TestReproduceStutter: under TLA+'s semantics (Claim.Stutter) a finite
// behaviour may stop in any state without an enabled weakly fair step;
// by default only in a terminal state.
func TestReproduceStutter(t *testing.T) {
	m := newWalk() // no fairness: a behaviour may stutter anywhere
	stutter := claim("reaches three", model.ExpectEventually)
	stutter.Stutter = true
	runRepro(t, m, []reproCase{
		{"stop at the start", stutter, traceOf(t, m, -1), true, "stuttering semantics"},
		{"stop midway", stutter, traceOf(t, m, -1, "inc", "inc"), true, "stuttering semantics"},
		{"no stutter by default", claim("reaches three", model.ExpectEventually), traceOf(t, m, -1, "inc"), false, "2 enabled steps"},
	})
	f := newFlips(true)
	fs := claim("done", model.ExpectEventually)
	fs.Stutter = true
	runRepro(t, f, []reproCase{{"a fair step is enabled", fs, traceOf(t, f, -1, "a flip"), false, "a weakly fair step is enabled"}})
}

// TestReproduceConstraint: a state outside the state constraint ends a
// behaviour, and a trace may not pass through one.
func TestReproduceConstraint(t *testing.T) {
	m := newWalk()
	m.within = func(s int) bool { return s < 2 }
	never := claim("reaches nine", model.ExpectEventually)
	runRepro(t, m, []reproCase{
		{"ends outside", never, traceOf(t, m, -1, "inc", "inc"), true, "ends outside the state constraint"},
		{"passes outside", never, traceOf(t, m, -1, "inc", "inc", "inc"), false, "the state after step 2 is outside the state constraint"},
		{"always through outside", claim("below three", model.ExpectAlways), traceOf(t, m, -1, "inc", "inc", "inc"), false, "outside"},
	})
}

// flip is a state of a model of three weakly fair processes and a fault:
// "a flip" toggles A (class a), "c flip" toggles C (class c), "b finish"
// sets Done when A is 0 (class b), and "glitch" toggles A as a fault
// would (no fairness).
type flip struct {
	A, C uint8
	Done bool
}

type flips struct{ model.Func[flip, string] }

func (flips) FairClass(a string) (string, bool) {
	switch a {
	case "a flip", "b finish", "c flip":
		return a[:1], true
	}
	return "", false
}

func flipFunc() model.Func[flip, string] {
	return model.Func[flip, string]{
		InitFn: func(yield func(flip)) { yield(flip{}) },
		NextFn: func(s flip, yield func(string, flip)) {
			if s.Done {
				return
			}
			yield("a flip", flip{A: s.A ^ 1, C: s.C})
			yield("c flip", flip{A: s.A, C: s.C ^ 1})
			if s.A == 0 {
				yield("b finish", flip{A: s.A, C: s.C, Done: true})
			}
			yield("glitch", flip{A: s.A ^ 1, C: s.C})
		},
		KeyFn: func(dst []byte, s flip) []byte {
			done := byte(0)
			if s.Done {
				done = 1
			}
			return append(dst, s.A, s.C, done)
		},
		Props: []model.Property[flip]{
			model.Eventually("done", func(s flip) bool { return s.Done }),
			model.LeadsTo("a leads to done", func(s flip) bool { return s.A == 1 }, func(s flip) bool { return s.Done }),
		},
	}
}

// newFlips returns the model with its fairness (fair) or without any.
func newFlips(fair bool) model.Model[flip, string] {
	if fair {
		return flips{flipFunc()}
	}
	return flipFunc()
}

func TestReproduceFairness(t *testing.T) {
	done := claim("done", model.ExpectEventually)
	leads := claim("a leads to done", model.ExpectLeadsTo)
	m := newFlips(true)
	runRepro(t, m, []reproCase{
		{"c never taken", done, traceOf(t, m, 0, "a flip", "a flip"), false, `not weakly fair: "c" is enabled in every state of the loop and never taken`},
		{"faults take no class", done, traceOf(t, m, 0, "glitch", "glitch"), false, `"a" is enabled in every state`},
		{"b enabled in every state", done, traceOf(t, m, 0, "c flip", "c flip", "a flip", "a flip"), true, "closes and is weakly fair"},
		{"b never enabled all along", done, traceOf(t, m, 0, "a flip", "c flip", "a flip", "c flip"), true, "closes and is weakly fair, and the predicate never holds"},
		{"loop after a prefix", done, traceOf(t, m, 1, "c flip", "a flip", "c flip", "a flip", "c flip"), true, "back to step 1"},
		{"leads-to on a fair loop", leads, traceOf(t, m, 1, "a flip", "c flip", "a flip", "c flip", "a flip"), true, "the premise holds after step 1"},
		{"leads-to on an unfair loop", leads, traceOf(t, m, 1, "a flip", "glitch", "glitch"), false, `"a" is enabled`},
	})
	runRepro(t, newFlips(false), []reproCase{
		{"no fairness declared", done, traceOf(t, newFlips(false), 0, "a flip", "a flip"), true, "the loop back to step 0 closes, and"},
	})

	// A step's class comes from the step at its index, not its label.
	tr := traceOf(t, m, 0, "a flip", "a flip")
	tr.Steps[1].Action, tr.Steps[2].Action = "c flip", "c flip"
	got, err := explore.Reproduce(m, done, tr)
	require.NoError(t, err)
	assert.False(t, got.Reproduces, got.Reason)
}

// TestReproduceAgreesWithLiveness: every counterexample the liveness
// engine reports reproduces, on the models above.
func TestReproduceAgreesWithLiveness(t *testing.T) {
	check := func(t *testing.T, m model.Model[flip, string], stutter bool) {
		res, err := explore.Liveness(m, explore.Options{Workers: 1, Stutter: stutter})
		require.NoError(t, err)
		violated := 0
		for _, p := range res.Properties {
			if p.Status != explore.Violated {
				continue
			}
			violated++
			got, err := explore.Reproduce(m, explore.Claim{Property: p.Name, Expect: p.Expect, Stutter: stutter}, p.Trace)
			require.NoError(t, err, p.Name)
			assert.True(t, got.Reproduces, "%s: %s", p.Name, got.Reason)
		}
		assert.Positive(t, violated, "the model violates something")
	}
	for _, fair := range []bool{false, true} {
		for _, stutter := range []bool{false, true} {
			t.Run("", func(t *testing.T) { check(t, newFlips(fair), stutter) })
		}
	}
}

// swap is a model of two interchangeable cells that swap their values
// forever: a loop that closes only up to symmetry.
type swap struct{ model.Func[[2]uint8, string] }

func (swap) Canonical(s [2]uint8) [2]uint8 { return [2]uint8{min(s[0], s[1]), max(s[0], s[1])} }

func TestReproduceUpToSymmetry(t *testing.T) {
	m := swap{model.Func[[2]uint8, string]{
		InitFn: func(yield func([2]uint8)) { yield([2]uint8{0, 1}) },
		NextFn: func(s [2]uint8, yield func(string, [2]uint8)) { yield("swap", [2]uint8{s[1], s[0]}) },
		KeyFn:  func(dst []byte, s [2]uint8) []byte { return append(dst, s[0], s[1]) },
		Props:  []model.Property[[2]uint8]{model.Eventually("equal", func(s [2]uint8) bool { return s[0] == s[1] })},
	}}
	c := claim("equal", model.ExpectEventually)
	half := traceOf(t, m, 0, "swap")
	runRepro(t, m, []reproCase{{"concrete keys", c, half, false, "the loop does not close"}})
	c.Symmetry = true
	runRepro(t, m, []reproCase{
		{"canonical keys", c, half, true, "closes up to symmetry, and the predicate never holds"},
		{"concrete loop", c, traceOf(t, m, 0, "swap", "swap"), true, "the loop back to step 0 closes, and"},
	})
}
