package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// TestLivenessStutterSemantics: in 0 -> 1, "eventually 1" holds when a
// behaviour may stop only where no step is enabled (the default), fails
// under TLA+'s semantics (stay in 0 forever), and holds under both once the
// step is weakly fair. A fault (a step without fairness) does not help.
func TestLivenessStutterSemantics(t *testing.T) {
	props := []model.Property[int]{model.Eventually("reaches 1", in(1))}
	plain := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {}}, props: props}
	faulty := fairGraph{graphModel{inits: []int{0}, adj: [][]gEdge{{{1, ""}}, {}}, props: props}}
	for _, c := range []struct {
		name         string
		m            model.Model[int, gAct]
		holdsStutter bool
	}{
		{"no fairness", plain, false},
		{"weakly fair step", fairGraph{plain}, true},
		{"fault step", faulty, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			pr := livenessOf(t, c.m, Options{}, "reaches 1")
			assert.Equal(t, Holds, pr.Status, "default semantics: 0 has a step, so no behaviour stops there")
			pr = livenessOf(t, c.m, Options{Stutter: true}, "reaches 1")
			if c.holdsStutter {
				assert.Equal(t, Holds, pr.Status, "weak fairness forbids stuttering in 0: %s", pr.Message)
				assert.Contains(t, pr.Message, "stuttering allowed")
				return
			}
			require.Equal(t, Violated, pr.Status, "stuttering in 0 forever never reaches 1")
			requireEnding(t, c.m, pr.Trace, true)
			assert.Equal(t, []int{0}, pr.Trace.Path, "the behaviour stops in the initial state")
			assert.Equal(t, -1, pr.Trace.Loop, "a finite trace: the stuttering step is not a step of the model")
			assert.Contains(t, pr.Message, "stutters forever after 0 steps")
			assert.False(t, CanStop(c.m, 0, false), "0 is not terminal")
		})
	}
}

// TestLivenessStutterLeadsTo: 0 -> 1 -> 2 with P = {1}, Q = {2}. Without
// fairness, a behaviour may stop in 1 under stuttering semantics.
func TestLivenessStutterLeadsTo(t *testing.T) {
	prop := model.LeadsTo("1 leads to 2", in(1), in(2))
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {{2, "b"}}, {{2, "c"}}},
		props: []model.Property[int]{prop}}
	assert.Equal(t, Holds, livenessOf(t, m, Options{}, prop.Name).Status)
	pr := livenessOf(t, m, Options{Stutter: true}, prop.Name)
	require.Equal(t, Violated, pr.Status)
	requireEnding(t, m, pr.Trace, true)
	assert.Equal(t, []int{0, 0}, pr.Trace.Path, "stops in 1, where P holds")
	for _, stutter := range []bool{false, true} {
		pr := livenessOf(t, fairGraph{m}, Options{Stutter: stutter}, prop.Name)
		assert.Equal(t, Holds, pr.Status, "weakly fair b leaves 1 (stutter=%v)", stutter)
	}
	// A cycle is a counterexample under both semantics, and is reported as
	// a lasso even with stuttering allowed when no state may stutter.
	spin := fairGraph{graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {{1, "b"}}},
		props: []model.Property[int]{model.Eventually("never", in(5))}}}
	pr = livenessOf(t, spin, Options{Stutter: true}, "never")
	require.Equal(t, Violated, pr.Status)
	requireEnding(t, spin, pr.Trace, true)
	assert.Equal(t, 1, pr.Trace.Loop)
}

// TestCheckPassesStutter: Check hands the option to the liveness engine.
func TestCheckPassesStutter(t *testing.T) {
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {}},
		props: []model.Property[int]{model.Eventually("reaches 1", in(1))}}
	for stutter, want := range map[bool]Status{false: Holds, true: Violated} {
		res, err := Check(m, Options{Stutter: stutter})
		require.NoError(t, err)
		pr, _ := res.Property("reaches 1")
		assert.Equal(t, want, pr.Status, "stutter=%v", stutter)
	}
}

func TestCanStop(t *testing.T) {
	g := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {{0, ""}}, {}}}
	for _, c := range []struct {
		m              model.Model[int, gAct]
		s              int
		plain, stutter bool
	}{
		{g, 0, false, true}, {g, 1, false, true}, {g, 2, true, true},
		{fairGraph{g}, 0, false, false}, {fairGraph{g}, 1, false, true}, {fairGraph{g}, 2, true, true},
	} {
		assert.Equal(t, c.plain, CanStop(c.m, c.s, false), "%T state %d", c.m, c.s)
		assert.Equal(t, c.stutter, CanStop(c.m, c.s, true), "%T state %d with stutter", c.m, c.s)
	}
}

// TestLivenessVerdictsReadAsPlainText: no engine internals (storage
// sizes, API names) in any liveness verdict, whatever the outcome.
func TestLivenessVerdictsReadAsPlainText(t *testing.T) {
	cycle := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {{2, "a"}, {3, "b"}}, {{1, "a"}}, {}},
		props: []model.Property[int]{model.Eventually("done", in(3)), model.Always("safe", in(0, 1, 2, 3))}}
	terminal := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {}},
		props: []model.Property[int]{model.Eventually("never", in(7))}}
	var msgs []string
	for _, run := range []struct {
		m    model.Model[int, gAct]
		opts Options
	}{
		{cycle, Options{}}, {fairGraph{cycle}, Options{}}, {cycle, Options{MaxStates: 2}},
		{terminal, Options{}}, {terminal, Options{Stutter: true}}, {fairGraph{terminal}, Options{Stutter: true}},
	} {
		res, err := Liveness(run.m, run.opts)
		require.NoError(t, err)
		for _, p := range res.Properties {
			require.NotEmpty(t, p.Message, "%s is explained", p.Name)
			msgs = append(msgs, p.Message)
		}
	}
	for _, msg := range msgs {
		for _, internal := range []string{"KiB", "B/state", "storage", "see Check", "edges"} {
			assert.NotContains(t, msg, internal)
		}
	}
	pr := livenessOf(t, cycle, Options{}, "done")
	assert.Equal(t, "it never holds on a behaviour that repeats steps 2..3 forever", pr.Message)
}
