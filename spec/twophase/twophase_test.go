package twophase

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
)

// Distinct-state counts of TwoPhase as TLC reports them (288 for 3 RMs and
// 8,832 for 5), and the number of orbits under RM permutations, computed by
// brute force over the reference enumerator (TestSymmetryOrbits).
const (
	distinct3 = 288
	distinct5 = 8_832
	orbits3   = 80
	orbits5   = 314

	// Successors generated (edges, self-loops included), from the
	// reference enumerator; SPIN reports one more transition (the initial
	// state).
	generated3 = 1_145
	generated5 = 58_145
)

func mustNew(t require.TestingT, n int, variant string) *Model {
	m, err := New(Config{N: n, Variant: variant})
	require.NoError(t, err)
	return m
}

// packedExplore enumerates m's reachable states with a plain BFS over
// Model.Next, with no engine involved.
func packedExplore(m *Model) (states map[State]bool, generated int) {
	var init State
	m.Init(func(s State) { init = s })
	states = map[State]bool{init: true}
	frontier := []State{init}
	for len(frontier) > 0 {
		var next []State
		for _, s := range frontier {
			m.Next(s, func(_ Action, t State) {
				generated++
				if !states[t] {
					states[t] = true
					next = append(next, t)
				}
			})
		}
		frontier = next
	}
	return states, generated
}

// TestMatchesReference checks the packed model against the direct
// transcription of the TLA+ spec: the same reachable states (translated one
// by one), the same number of generated successors, for N = 1..5 and both
// variants.
func TestMatchesReference(t *testing.T) {
	for _, variant := range []string{VariantCorrect, VariantEarlyCommit} {
		for n := 1; n <= 5; n++ {
			ref, refGen := refExplore(n, variant == VariantEarlyCommit)
			packed, gen := packedExplore(mustNew(t, n, variant))
			assert.Equal(t, len(ref), len(packed), "%s N=%d: distinct states", variant, n)
			assert.Equal(t, refGen, gen, "%s N=%d: generated successors", variant, n)
			for s := range packed {
				_, ok := ref[refOf(s).key()]
				require.True(t, ok, "%s N=%d: packed state %v is not reachable in the reference", variant, n, s)
			}
		}
	}
	ref3, _ := refExplore(3, false)
	ref5, _ := refExplore(5, false)
	assert.Equal(t, distinct3, len(ref3), "reference enumerator at N=3 (TLC: 288)")
	assert.Equal(t, distinct5, len(ref5), "reference enumerator at N=5 (TLC: 8832)")
	_, gen3 := refExplore(3, false)
	assert.Equal(t, generated3, gen3, "reference enumerator at N=3: generated")
}

// TestCanonicalOrbits checks Canonical directly against the brute-force
// orbits: two packed states have the same canonical key exactly when their
// reference states are in the same orbit.
func TestCanonicalOrbits(t *testing.T) {
	for n := 1; n <= 5; n++ {
		m := mustNew(t, n, VariantCorrect)
		packed, _ := packedExplore(m)
		byCanon := map[State]string{}
		orbitToCanon := map[string]State{}
		for s := range packed {
			c := m.Canonical(s)
			o := refOf(s).orbitKey()
			if prev, ok := byCanon[c]; ok {
				require.Equal(t, prev, o, "N=%d: %v canonicalizes with a different orbit", n, s)
			}
			byCanon[c] = o
			if prev, ok := orbitToCanon[o]; ok {
				require.Equal(t, prev, c, "N=%d: orbit of %v has two canonical states", n, s)
			}
			orbitToCanon[o] = c
			require.True(t, packed[c], "N=%d: canonical %v of %v is reachable", n, c, s)
		}
	}
}

// TestRapid walks the model along schedules drawn by rapid. After every
// step it checks the Always properties, that the successors match the
// reference transcription, and that Canonical is invariant under a drawn
// permutation. exploretest.Contract checks the model contract (Next
// deterministic and pure, keys canonical and injective) on a sample of
// each drawn size.
func TestRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := mustNew(t, rapid.IntRange(1, MaxN).Draw(t, "n"), VariantCorrect)
		exploretest.Contract(t, m, exploretest.ContractOptions{States: 200, Walks: 4, Depth: 40,
			Seed: rapid.Uint64().Draw(t, "contract seed")})
		var s State
		m.Init(func(i State) { s = i })
		for range rapid.IntRange(0, 40).Draw(t, "steps") {
			checkStep(t, m, s)
			var next []State
			m.Next(s, func(_ Action, t State) { next = append(next, t) })
			if len(next) == 0 {
				return
			}
			s = next[rapid.IntRange(0, len(next)-1).Draw(t, "action")]
		}
	})
}

func checkStep(t *rapid.T, m *Model, s State) {
	for _, p := range m.Properties() {
		if p.Expect == model.ExpectAlways && !p.Holds(s) {
			t.Fatalf("%q fails in %v", p.Name, s)
		}
	}
	if m.N() <= 6 {
		var got, want []string
		m.Next(s, func(_ Action, t State) { got = append(got, refOf(t).key()) })
		for _, r := range refNext(refOf(s), false) {
			want = append(want, r.key())
		}
		if !slices.Equal(got, want) {
			t.Fatalf("successors of %v differ from the reference:\n got %v\nwant %v", s, got, want)
		}
	}
	perm := rapid.Permutation(seq(m.N())).Draw(t, "perm")
	if m.Canonical(permute(s, perm)) != m.Canonical(s) {
		t.Fatalf("Canonical differs for %v permuted by %v", s, perm)
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// permute moves RM i's nibble to position perm[i].
func permute(s State, perm []int) State {
	out := s.w &^ rmAreaMsk
	for i, j := range perm {
		out |= s.nibble(i) << (rmBits * uint(j))
	}
	return State{out}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{{N: 0}, {N: MaxN + 1}, {N: 3, Variant: "nope"}} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
	m, err := New(Config{N: MaxN})
	require.NoError(t, err)
	assert.Equal(t, VariantCorrect, m.Variant())
}

func TestStrings(t *testing.T) {
	assert.Equal(t, "RMPrepare(rm2)", Action{RMPrepare, 1}.String())
	assert.Equal(t, "TMCommit", Action{Kind: TMCommit}.String())
	m := mustNew(t, 2, VariantCorrect)
	var s State
	m.Init(func(i State) { s = i })
	m.Next(s, func(a Action, t State) {
		if a.String() == "RMPrepare(rm1)" {
			s = t
		}
	})
	assert.Equal(t, "tm=init tmPrepared={} msgs={Prepared(rm1)} rm1=prepared rm2=working", s.String())
	assert.Len(t, m.AppendKey(nil, s), 8)
	assert.Zero(t, testing.AllocsPerRun(100, func() { m.Next(s, func(Action, State) {}) }), "Next allocates")
}

// TestPredicates checks the bit-plane predicates against their definitions
// on every reachable state of the broken variant, which has inconsistent
// states too.
func TestPredicates(t *testing.T) {
	m := mustNew(t, 4, VariantEarlyCommit)
	packed, _ := packedExplore(m)
	props := m.Properties()
	inconsistent := 0
	for s := range packed {
		r := refOf(s)
		has := func(st string) bool { return slices.Contains(slices.Collect(maps.Values(r.rmState)), st) }
		consistent := !(has("committed") && has("aborted"))
		if !consistent {
			inconsistent++
		}
		assert.Equal(t, consistent, props[0].Holds(s), "consistent in %v", s)
		assert.True(t, props[1].Holds(s), "type ok in %v", s)
		assert.Equal(t, has("committed"), props[2].Holds(s), "commit reachable in %v", s)
		assert.Equal(t, has("aborted"), props[3].Holds(s), "abort reachable in %v", s)
	}
	assert.Positive(t, inconsistent, "the broken variant reaches inconsistent states")
	assert.False(t, State{w: 3<<nShift | 3<<tmShift}.TypeOK(), "tmState code 3 is not a TMState")
	assert.False(t, State{w: 3<<nShift | 1<<(rmBits*3)}.TypeOK(), "no RM beyond N")
	assert.True(t, State{w: 3<<nShift | 1<<(rmBits*2)}.TypeOK())
}
