package explore

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// drawGraph draws a small random graph model: up to 7 states, random edges
// (self-loops and parallel edges included) with classes from {a, b, c} or
// unfair, one or two initial states, and random P and Q sets.
func drawGraph(t *rapid.T) (g graphModel, p, q []bool) {
	n := rapid.IntRange(1, 7).Draw(t, "n")
	state := rapid.IntRange(0, n-1)
	class := rapid.SampledFrom([]string{"a", "b", "c", ""})
	g.adj = make([][]gEdge, n)
	for i := range g.adj {
		k := rapid.IntRange(0, 3).Draw(t, "out degree")
		for range k {
			g.adj[i] = append(g.adj[i], gEdge{state.Draw(t, "to"), class.Draw(t, "class")})
		}
	}
	g.inits = rapid.SliceOfN(state, 1, 2).Draw(t, "inits")
	p = rapid.SliceOfN(rapid.Bool(), n, n).Draw(t, "P")
	q = rapid.SliceOfN(rapid.Bool(), n, n).Draw(t, "Q")
	g.props = []model.Property[int]{
		model.Eventually("eventually", func(s int) bool { return p[s] }),
		model.LeadsTo("leads-to", func(s int) bool { return p[s] }, func(s int) bool { return q[s] }),
	}
	return g, p, q
}

// reachable returns the states reachable from srcs through states where
// avoid is false (srcs where avoid holds are dropped).
func reachable(g graphModel, srcs []int, avoid []bool) []bool {
	seen := make([]bool, len(g.adj))
	var stack []int
	for _, s := range srcs {
		if !avoid[s] && !seen[s] {
			seen[s] = true
			stack = append(stack, s)
		}
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range g.adj[v] {
			if !avoid[e.to] && !seen[e.to] {
				seen[e.to] = true
				stack = append(stack, e.to)
			}
		}
	}
	return seen
}

// egNaive is the reference without fairness: the greatest fixpoint
// Z = ¬avoid ∧ (terminal ∨ EX Z), iterated to stability over the region;
// a violation exists iff the region meets Z.
func egNaive(g graphModel, region []bool) bool {
	z := append([]bool(nil), region...)
	for changed := true; changed; {
		changed = false
		for v := range z {
			if !z[v] || len(g.adj[v]) == 0 {
				continue
			}
			keep := false
			for _, e := range g.adj[v] {
				keep = keep || z[e.to]
			}
			if !keep {
				z[v], changed = false, true
			}
		}
	}
	for v := range z {
		if z[v] {
			return true
		}
	}
	return false
}

// egFairBrute is the reference under weak fairness: a violation exists iff
// the region holds a terminal state, or a set C of its states (tried
// exhaustively) that is strongly connected through edges inside C, has a
// cycle, and is fair: every class enabled in all of C has an edge inside C.
func egFairBrute(g graphModel, region []bool) bool {
	n := len(g.adj)
	for v := range n {
		if region[v] && len(g.adj[v]) == 0 {
			return true
		}
	}
	for set := 1; set < 1<<n; set++ {
		ok := true
		for v := range n {
			ok = ok && (set>>v&1 == 0 || region[v])
		}
		if ok && fairSCCSet(g, set) {
			return true
		}
	}
	return false
}

// fairSCCSet reports whether the states in bit set are strongly connected
// by their internal edges, contain a cycle, and satisfy weak fairness.
func fairSCCSet(g graphModel, set int) bool {
	inSet := func(v int) bool { return set>>v&1 == 1 }
	if !stronglyConnected(g, inSet) {
		return false
	}
	size := 0
	enabled := map[string]int{}
	taken := map[string]bool{}
	for v := range g.adj {
		if !inSet(v) {
			continue
		}
		size++
		here := map[string]bool{}
		for _, e := range g.adj[v] {
			if e.class == "" {
				continue
			}
			if !here[e.class] {
				here[e.class] = true
				enabled[e.class]++
			}
			taken[e.class] = taken[e.class] || inSet(e.to)
		}
	}
	for c, k := range enabled {
		if k == size && !taken[c] {
			return false
		}
	}
	return true
}

// stronglyConnected reports whether every member of a set reaches every
// member, itself included, in one or more steps inside the set (so a single
// state needs a self-loop).
func stronglyConnected(g graphModel, inSet func(int) bool) bool {
	size := 0
	for v := range g.adj {
		if inSet(v) {
			size++
		}
	}
	for u := range g.adj {
		if !inSet(u) {
			continue
		}
		seen := map[int]bool{}
		stack := []int{u}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, e := range g.adj[v] {
				if inSet(e.to) && !seen[e.to] {
					seen[e.to] = true
					stack = append(stack, e.to)
				}
			}
		}
		if len(seen) != size {
			return false
		}
	}
	return true
}

// stutterEnd reports whether the region holds a state where a behaviour
// may stutter forever under TLA+'s semantics: one with no weakly fair step
// (any state, without fairness).
func stutterEnd(g graphModel, region []bool, fair bool) bool {
	for v := range g.adj {
		weak := false
		for _, e := range g.adj[v] {
			weak = weak || (fair && e.class != "")
		}
		if region[v] && !weak {
			return true
		}
	}
	return false
}

// references returns the expected verdicts (true: violated) for the
// eventually and leads-to properties of a drawn graph.
func references(g graphModel, p, q []bool, fair, stutter bool) (eventually, leadsTo bool) {
	eg := func(region []bool) bool {
		switch {
		case stutter && stutterEnd(g, region, fair):
			return true
		case fair:
			return egFairBrute(g, region)
		}
		return egNaive(g, region)
	}
	none := make([]bool, len(p))
	all := reachable(g, g.inits, none)
	eventually = eg(reachable(g, g.inits, p))
	var srcs []int
	for v := range p {
		if all[v] && p[v] && !q[v] {
			srcs = append(srcs, v)
		}
	}
	return eventually, eg(reachable(g, srcs, q))
}

func TestLivenessRapidAgainstReference(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g, p, q := drawGraph(rt)
		fair := rapid.Bool().Draw(rt, "fair")
		stutter := rapid.Bool().Draw(rt, "stutter")
		var m model.Model[int, gAct] = g
		if fair {
			m = fairGraph{g}
		}
		res, err := Liveness(m, Options{Stutter: stutter})
		require.NoError(rt, err)
		require.True(rt, res.Complete)
		wantEv, wantLt := references(g, p, q, fair, stutter)
		for name, want := range map[string]bool{"eventually": wantEv, "leads-to": wantLt} {
			pr, _ := res.Property(name)
			require.Equal(rt, want, pr.Status == Violated, "%s (fair=%v stutter=%v): got %v", name, fair, stutter, pr.Status)
			if pr.Status != Violated {
				require.Equal(rt, Holds, pr.Status)
				continue
			}
			requireEnding(rt, m, pr.Trace, stutter)
			checkTraceAvoids(rt, pr, p, q)
		}
	})
}

// checkTraceAvoids checks a counterexample against its property: eventually
// P never holds on it; for P ~> Q, Q never holds after the last P state
// before the loop, which itself holds P.
func checkTraceAvoids(t *rapid.T, pr PropertyResult, p, q []bool) {
	steps := pr.Trace.Steps
	if pr.Name == "eventually" {
		for i, st := range steps {
			require.False(t, p[st.State.(int)], "P holds at step %d of the counterexample", i)
		}
		return
	}
	from := -1
	for i, st := range steps {
		if s := st.State.(int); p[s] && !q[s] {
			from = i
		}
	}
	require.GreaterOrEqual(t, from, 0, "some state has P and not Q")
	for i := from; i < len(steps); i++ {
		require.False(t, q[steps[i].State.(int)], "Q holds at step %d after P", i)
	}
}
