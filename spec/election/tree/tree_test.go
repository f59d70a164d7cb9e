package tree

import (
	"math/bits"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// sizes are the exhaustive configurations and their distinct states, as
// BFS found them (DFS agrees, see TestExhaustive). long ones run without
// -short only.
var sizes = []struct {
	cfg  Config
	want int64
	long bool
}{
	{Config{Graph: GraphTriangle}, 266, false},
	{Config{Graph: GraphTriangle, Queue: QueueDeferred}, 70, false},
	{Config{Graph: GraphTriangle, Wake: WakeOne}, 197, false},
	{Config{Graph: GraphTriangle, Wake: WakeOne, Queue: QueueDeferred}, 49, false},
	{Config{Graph: GraphSquare}, 5228, false},
	{Config{Graph: GraphSquare, Queue: QueueDeferred}, 658, false},
	{Config{Graph: GraphSquare, Wake: WakeOne}, 4212, false},
	{Config{Graph: GraphSquare, Wake: WakeOne, Queue: QueueDeferred}, 497, false},
	{Config{Graph: GraphFive}, 45690, false},
	{Config{Graph: GraphFive, Queue: QueueDeferred}, 3834, false},
	{Config{Graph: GraphFive, Wake: WakeOne}, 17363, false},
	{Config{Graph: GraphFive, Wake: WakeOne, Queue: QueueDeferred}, 1326, false},
	{Config{Graph: GraphSix}, 306688, true},
	{Config{Graph: GraphSix, Queue: QueueDeferred}, 16194, false},
	{Config{Algorithm: AlgSaturation, Graph: GraphTriangle}, 213, false},
	{Config{Algorithm: AlgSaturation, Graph: GraphTriangle, Wake: WakeOne}, 17, false},
	{Config{Algorithm: AlgSaturation, Graph: GraphSquare}, 1563, false},
	{Config{Algorithm: AlgSaturation, Graph: GraphSquare, Wake: WakeOne}, 39, false},
	{Config{Algorithm: AlgSaturation, Graph: GraphFive}, 12274, false},
	{Config{Algorithm: AlgSaturation, Graph: GraphFive, Wake: WakeOne}, 98, false},
	{Config{Algorithm: AlgSaturation, Graph: GraphSix}, 58660, true},
	{Config{Algorithm: AlgSaturation, Graph: GraphCube, Wake: WakeOne}, 217, false},
}

func name(cfg Config) string {
	c, _ := cfg.withDefaults()
	return c.Algorithm + "/" + c.Graph + "/wake=" + c.Wake + "/queue=" + c.Queue
}

// TestExhaustive checks every property, liveness and deadlock included, on
// every exhaustive size, pins the distinct states, and checks that DFS
// finds as many and that the model keeps package model's contract.
func TestExhaustive(t *testing.T) {
	for _, tc := range sizes {
		t.Run(name(tc.cfg), func(t *testing.T) {
			if tc.long && testing.Short() {
				t.Skipf("%d states", tc.want)
			}
			m := mustNew(t, tc.cfg)
			exploretest.CrossCheckEngines(t, m, tc.want)
			exploretest.Contract(t, m)
		})
	}
}

// TestReference checks the smallest counts against the naive enumerator.
func TestReference(t *testing.T) {
	for i, tc := range sizes {
		if i < 4 || (tc.cfg.Algorithm == AlgSaturation && !tc.long) {
			assert.Equal(t, int(tc.want), len(exploretest.Enumerate(mustNew(t, tc.cfg))), name(tc.cfg))
		}
	}
}

// finalMessages returns the least and the most messages over the final
// states of m (every node knows the leader), and how many there are.
func finalMessages(t *testing.T, m *Model) (lo, hi, finals int) {
	lo = 1 << 30
	exploretest.VisitFinals(t, m, func(s State) {
		finals++
		lo, hi = min(lo, Messages(s)), max(hi, Messages(s))
		assert.Equal(t, 1, Elections(s))
	})
	require.Positive(t, finals)
	return lo, hi, finals
}

// TestGHSLeader checks the leaders worked out by hand in doc.go: the
// larger end of the final core edge, the same in every run on these
// graphs (triangle: core 1, p0-p1; square: core 3, p0-p2; five: core 3,
// p0-p3; six: core 4, p3-p4).
func TestGHSLeader(t *testing.T) {
	for g, want := range map[string]int8{GraphTriangle: 1, GraphSquare: 2, GraphFive: 3, GraphSix: 4} {
		exploretest.VisitFinals(t, mustNew(t, Config{Graph: g, Queue: QueueDeferred}), func(s State) {
			for i := range s.Procs {
				assert.Equal(t, want, s.Local(actor.ID(i)).Leader, "%s: p%d's leader", g, i)
			}
		})
	}
}

// TestSaturationMessages checks the message counts of the saturation
// election against a count by hand. On a tree of n nodes every node sends
// Inward once (n), every node but the two saturated ones forwards Elected
// to its other neighbours and the saturated ones to theirs (the sum of
// degrees minus one, n-2), and a node sends Wakeup to every neighbour but
// the one that woke it: n-1 when one node wakes by itself and the others by
// Wakeup, up to 2(n-1) when all wake by themselves. So 3n-3 messages with
// wake=one, and 3n-3 to 4n-4 with wake=all.
func TestSaturationMessages(t *testing.T) {
	for _, g := range []string{GraphTriangle, GraphSquare, GraphFive} {
		n := 0
		for _, gr := range Graphs {
			if gr.Name == g {
				n = gr.N
			}
		}
		lo, hi, _ := finalMessages(t, mustNew(t, Config{Algorithm: AlgSaturation, Graph: g, Wake: WakeOne}))
		assert.Equal(t, [2]int{3*n - 3, 3*n - 3}, [2]int{lo, hi}, "%s, wake=one", g)
		lo, hi, _ = finalMessages(t, mustNew(t, Config{Algorithm: AlgSaturation, Graph: g}))
		assert.Equal(t, [2]int{3*n - 3, 4*n - 4}, [2]int{lo, hi}, "%s, wake=all", g)
	}
}

// TestGHSMessageBound checks the paper's bound (section 4): at most
// 5N log2 N + 2E messages, plus the N-2 Elected of the announcement.
func TestGHSMessageBound(t *testing.T) {
	for _, g := range Graphs[:3] {
		// log2 N rounded up (bits.Len(N-1)): at least the paper's bound.
		bound := 5*g.N*bits.Len(uint(g.N-1)) + 2*len(g.Edges) + g.N - 2
		for _, q := range Queues {
			lo, hi, finals := finalMessages(t, mustNew(t, Config{Graph: g.Name, Queue: q}))
			t.Logf("%s queue=%s: %d final states, %d to %d messages (bound %d)", g.Name, q, finals, lo, hi, bound)
			assert.LessOrEqual(t, hi, bound, g.Name)
			assert.GreaterOrEqual(t, lo, 2*(g.N-1), "at least a Connect and an Initiate per tree edge")
		}
	}
}
