package explore

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// drawWalk draws a random path through g from one of its initial states,
// and a loop start: for a last state seen earlier, often an earlier
// occurrence of it (a closing lasso), otherwise -1 or any step.
func drawWalk(t *rapid.T, g graphModel) *model.Trace {
	i := rapid.IntRange(0, len(g.inits)-1).Draw(t, "init")
	s := g.inits[i]
	tr := &model.Trace{Path: []int{i}, Steps: []model.Step{{State: s}}, Loop: -1}
	for n := rapid.IntRange(0, 8).Draw(t, "length"); n > 0 && len(g.adj[s]) > 0; n-- {
		k := rapid.IntRange(0, len(g.adj[s])-1).Draw(t, "edge")
		e := g.adj[s][k]
		tr.Path = append(tr.Path, k)
		tr.Steps = append(tr.Steps, model.Step{Action: gAct{s, e.to, e.class}.String(), State: e.to})
		s = e.to
	}
	var earlier []int
	for j, st := range tr.Steps[:len(tr.Steps)-1] {
		if st.State == s {
			earlier = append(earlier, j)
		}
	}
	switch {
	case len(earlier) > 0 && rapid.Bool().Draw(t, "close"):
		tr.Loop = rapid.SampledFrom(earlier).Draw(t, "loop")
	case len(tr.Steps) > 1 && rapid.Bool().Draw(t, "open loop"):
		tr.Loop = rapid.IntRange(0, len(tr.Steps)-2).Draw(t, "loop")
	}
	return tr
}

// TestReproduceRapidAgainstReference: on random graphs, with and without
// fairness and stuttering, every liveness counterexample the engine
// reports reproduces, and a random path that Reproduce accepts as a
// counterexample is one only when the brute-force reference of
// liveness_rapid_test.go says the property fails. So Reproduce accepts
// exactly behaviours that refute the property, up to what random paths
// reach.
func TestReproduceRapidAgainstReference(t *testing.T) {
	accepted := 0
	rapid.Check(t, func(rt *rapid.T) {
		g, p, q := drawGraph(rt)
		fair := rapid.Bool().Draw(rt, "fair")
		stutter := rapid.Bool().Draw(rt, "stutter")
		var m model.Model[int, gAct] = g
		if fair {
			m = fairGraph{g}
		}
		res, err := Liveness(m, Options{Workers: 1, Stutter: stutter})
		require.NoError(rt, err)
		wantEv, wantLt := references(g, p, q, fair, stutter)
		want := map[string]bool{"eventually": wantEv, "leads-to": wantLt}
		walk := drawWalk(rt, g)
		for _, prop := range g.props {
			c := Claim{Property: prop.Name, Expect: prop.Expect, Stutter: stutter}
			if pr, _ := res.Property(prop.Name); pr.Status == Violated {
				got, err := Reproduce(m, c, pr.Trace)
				require.NoError(rt, err)
				require.True(rt, got.Reproduces, "%s: the engine's own trace: %s", prop.Name, got.Reason)
			}
			got, err := Reproduce(m, c, walk)
			require.NoError(rt, err)
			if got.Reproduces {
				accepted++
				require.True(rt, want[prop.Name], "%s (fair=%v stutter=%v) holds, but Reproduce accepts %v loop %d: %s",
					prop.Name, fair, stutter, walk.Path, walk.Loop, got.Reason)
			}
		}
	})
	require.Positive(t, accepted, "some random paths are counterexamples")
}
