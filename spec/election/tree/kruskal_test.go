package tree

import (
	"math/bits"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestKruskalGraphs checks Kruskal on the named graphs against the trees
// worked out by hand in doc.go (by weight).
func TestKruskalGraphs(t *testing.T) {
	want := map[string][]int{
		GraphTriangle: {1, 2},
		GraphSquare:   {1, 2, 3},
		GraphFive:     {1, 2, 3, 5},
		GraphSix:      {1, 2, 3, 4, 6},
		GraphCube:     {1, 2, 3, 4, 5, 7, 8},
	}
	require.Len(t, Graphs, len(want))
	for _, g := range Graphs {
		var got []int
		for _, e := range Kruskal(g.N, g.Edges) {
			got = append(got, e.W)
		}
		assert.Equal(t, want[g.Name], got, g.Name)
		assert.NoError(t, g.validate(), g.Name)
	}
}

// bruteForest returns the least total weight of a spanning forest of the
// graph and, when exactly one forest has it, its edges as a bit set of
// indices: every subset of edges is tried, and a spanning forest is an
// acyclic one with n - (components of the graph) edges.
func bruteForest(n int, edges []Edge) (best int, only uint32, unique bool) {
	size := func(set uint32) (int, bool) { // edges kept, acyclic?
		parent := make([]int, n)
		for i := range parent {
			parent[i] = i
		}
		find := func(x int) int {
			for parent[x] != x {
				x = parent[x]
			}
			return x
		}
		for i, e := range edges {
			if set&(1<<i) != 0 {
				a, b := find(e.U), find(e.V)
				if a == b {
					return 0, false
				}
				parent[a] = b
			}
		}
		return bits.OnesCount32(set), true
	}
	maxEdges := 0
	for set := uint32(0); set < 1<<len(edges); set++ {
		if k, ok := size(set); ok && k > maxEdges {
			maxEdges = k
		}
	}
	best = -1
	for set := uint32(0); set < 1<<len(edges); set++ {
		k, ok := size(set)
		if !ok || k != maxEdges {
			continue
		}
		w := 0
		for i, e := range edges {
			if set&(1<<i) != 0 {
				w += e.W
			}
		}
		switch {
		case best < 0 || w < best:
			best, only, unique = w, set, true
		case w == best:
			unique = false
		}
	}
	return best, only, unique
}

// TestKruskalBruteForce compares Kruskal with an exhaustive search on
// random small graphs, equal weights and disconnected graphs included: the
// same least weight and number of edges, and the same edges when the
// minimum forest is unique.
func TestKruskalBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		var edges []Edge
		for u := 0; u < n; u++ {
			for v := u + 1; v < n; v++ {
				if len(edges) < 10 && rapid.Bool().Draw(t, "edge") {
					edges = append(edges, Edge{u, v, rapid.IntRange(1, 6).Draw(t, "w")})
				}
			}
		}
		tree := Kruskal(n, edges)
		best, only, unique := bruteForest(n, edges)
		w, set := 0, uint32(0)
		for _, e := range tree {
			w += e.W
			for i, f := range edges {
				if f == e {
					set |= 1 << i
				}
			}
		}
		if w != best {
			t.Fatalf("Kruskal's forest %v weighs %d, the least is %d", tree, w, best)
		}
		if unique && set != only {
			t.Fatalf("Kruskal's forest %v is not the unique minimum %b", tree, only)
		}
		for i := 1; i < len(tree); i++ {
			if tree[i-1].W > tree[i].W {
				t.Fatalf("not sorted by weight: %v", tree)
			}
		}
	})
}
