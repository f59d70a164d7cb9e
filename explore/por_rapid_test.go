package explore

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// product is a random model of independent processes: each moves along
// its own small transition graph (self-loops and cycles included). A
// hidden process is read by no property, so every step of it commutes with
// everything and changes no predicate: the enabled steps of the lowest
// hidden process that can move are an ample set (C0-C2). The deadlock
// check (Final) reads every process, which a reduction must not matter
// for: terminal states are reached themselves.
type product struct {
	edges   [][][]uint8 // edges[p][l]: the local states process p goes to from l
	visible []bool
	avoid   [2]uint8 // Always: process avoid[0] is never in local state avoid[1]
	reach   [2]uint8 // Sometimes: process reach[0] is in local state reach[1]
	final   uint8    // a terminal state is final when process 0 is here
}

type prodState [3]uint8

type prodStep struct{ P, To uint8 }

func (a prodStep) String() string { return fmt.Sprintf("p%d->%d", a.P, a.To) }

func (m *product) Init(yield func(prodState)) { yield(prodState{}) }

func (m *product) Next(s prodState, yield func(prodStep, prodState)) {
	for p := range m.edges {
		m.steps(s, p, yield)
	}
}

// steps yields process p's steps from s.
func (m *product) steps(s prodState, p int, yield func(prodStep, prodState)) {
	for _, to := range m.edges[p][s[p]] {
		t := s
		t[p] = to
		yield(prodStep{uint8(p), to}, t)
	}
}

func (m *product) AppendKey(dst []byte, s prodState) []byte { return append(dst, s[:]...) }

func (m *product) Properties() []model.Property[prodState] {
	return []model.Property[prodState]{
		model.Always("avoid", func(s prodState) bool { return s[m.avoid[0]] != m.avoid[1] }),
		model.Sometimes("reach", func(s prodState) bool { return s[m.reach[0]] == m.reach[1] }),
		model.Always("in range", func(s prodState) bool { return s[0] < 8 }), // holds: runs are complete
	}
}

func (m *product) Final(s prodState) bool { return s[0] == m.final }

func (m *product) Ample(s prodState, yield func(prodStep, prodState, bool)) bool {
	for p := range m.edges {
		if m.visible[p] || len(m.edges[p][s[p]]) == 0 {
			continue
		}
		for q := range m.edges {
			if q != p && len(m.edges[q][s[q]]) > 0 { // someone else can move: not every step
				m.steps(s, p, func(a prodStep, t prodState) { yield(a, t, true) }) // nothing disables them
				return true
			}
		}
		return false
	}
	return false
}

// drawProduct draws a product of 2 or 3 processes with up to 4 local
// states each; the properties read visible processes only.
func drawProduct(t *rapid.T) *product {
	n := rapid.IntRange(2, 3).Draw(t, "procs")
	m := &product{}
	var seen []uint8
	for p := range n {
		l := rapid.IntRange(2, 4).Draw(t, "locals")
		g := make([][]uint8, l)
		for i := range g {
			g[i] = rapid.SliceOfN(rapid.Uint8Range(0, uint8(l-1)), 0, 3).Draw(t, "edges")
		}
		if len(g[0]) == 0 {
			g[0] = []uint8{1} // most processes can move at first
		}
		m.edges = append(m.edges, g)
		m.visible = append(m.visible, p == 0 || rapid.IntRange(0, 3).Draw(t, "visible") == 0)
		if m.visible[p] {
			seen = append(seen, uint8(p))
		}
	}
	if len(seen) == 0 {
		m.visible[0] = true
		seen = []uint8{0}
	}
	m.avoid = [2]uint8{rapid.SampledFrom(seen).Draw(t, "avoid"), rapid.Uint8Range(0, 3).Draw(t, "avoid state")}
	m.reach = [2]uint8{rapid.SampledFrom(seen).Draw(t, "reach"), rapid.Uint8Range(0, 3).Draw(t, "reach state")}
	m.final = rapid.Uint8Range(0, 3).Draw(t, "final")
	return m
}

// reducedReference counts the states of the reduced graph with a plain
// level-by-level search and the same proviso: a state is expanded with its
// ample set only when a key step of it leads to a state new in the next
// level.
func reducedReference[S, A any](m model.Model[S, A]) int {
	r := m.(model.Reducer[S, A])
	key := func(s S) string { return string(m.AppendKey(nil, s)) }
	depth := map[string]int{}
	var level []S
	m.Init(func(s S) {
		if _, ok := depth[key(s)]; !ok {
			depth[key(s)] = 0
			level = append(level, s)
		}
	})
	for d := 0; len(level) > 0; d++ {
		var next []S
		for _, s := range level {
			var ample []S
			deeper := false
			reduced := r.Ample(s, func(_ A, t S, k bool) {
				ample = append(ample, t)
				if dt, ok := depth[key(t)]; k && (!ok || dt > d) && key(t) != key(s) {
					deeper = true
				}
			})
			succ := ample
			reduced = reduced && deeper
			if !reduced {
				succ = nil
				m.Next(s, func(_ A, t S) { succ = append(succ, t) })
			}
			for _, t := range succ {
				if _, ok := depth[key(t)]; !ok {
					depth[key(t)] = d + 1
					next = append(next, t)
				}
			}
		}
		level = next
	}
	return len(depth)
}

// TestPORAgreesOnRandomProducts: on random products, BFS with POR gives
// the full graph's verdicts (Always, Sometimes, deadlock), stores no more
// states, stores exactly the reduced graph a naive search builds, gives
// the same counts and traces on 1 and 3 workers, and its traces replay.
func TestPORAgreesOnRandomProducts(t *testing.T) {
	cases, reduced := 0, 0 // cases run, and those in which POR stored fewer states
	rapid.Check(t, func(t *rapid.T) {
		cases++
		m := drawProduct(t)
		full, err := BFS[prodState, prodStep](m, Options{Workers: 1})
		require.NoError(t, err)
		por1, err := BFS[prodState, prodStep](m, Options{Workers: 1, POR: true})
		require.NoError(t, err)
		por3, err := BFS[prodState, prodStep](m, Options{Workers: 3, POR: true})
		require.NoError(t, err)
		require.True(t, full.Complete && por1.Complete && por3.Complete)

		assert.Equal(t, statuses(full), statuses(por1), "verdicts with and without POR")
		assert.LessOrEqual(t, por1.Distinct, full.Distinct)
		if por1.Distinct < full.Distinct {
			reduced++
		}
		assert.EqualValues(t, reducedReference[prodState, prodStep](m), por1.Distinct, "the naive reduced search")
		assert.Equal(t, por1.Distinct, por3.Distinct, "1 and 3 workers")
		assert.Equal(t, por1.Generated, por3.Generated, "1 and 3 workers")
		for i, p := range por1.Properties {
			q := por3.Properties[i]
			if p.Trace == nil {
				require.Nil(t, q.Trace, "%s", p.Name)
				continue
			}
			require.NotNil(t, q.Trace, "%s", p.Name)
			assert.True(t, slices.Equal(p.Trace.Path, q.Trace.Path), "%s: the same trace on 1 and 3 workers", p.Name)
			tr, err := Replay[prodState, prodStep](m, p.Trace.Path)
			require.NoError(t, err, "%s: the trace replays on the full model", p.Name)
			last := tr.Steps[len(tr.Steps)-1].State.(prodState)
			switch p.Name {
			case "avoid":
				assert.Equal(t, m.avoid[1], last[m.avoid[0]], "the trace ends in a violation")
			case "reach":
				assert.Equal(t, m.reach[1], last[m.reach[0]], "the witness ends where it should")
			case DeadlockProperty:
				n := 0
				m.Next(last, func(prodStep, prodState) { n++ })
				assert.True(t, n == 0 && !m.Final(last), "the trace ends in a deadlock")
			}
		}
	})
	t.Logf("%d of %d cases reduced", reduced, cases)
	if cases >= 100 { // about a third reduce; -short runs 20 cases
		assert.Positive(t, reduced, "some random product is reduced (else the test shows nothing)")
	}
}
