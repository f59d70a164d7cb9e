package tree

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// An Edge is an undirected weighted edge between nodes U and V.
type Edge struct {
	U, V int // the endpoints, node indices (actor ids)
	W    int // the weight, 1..MaxWeight
}

// String formats the edge as "p0-p1:3".
func (e Edge) String() string { return fmt.Sprintf("p%d-p%d:%d", e.U, e.V, e.W) }

// A Graph is a connected undirected graph with weighted edges.
type Graph struct {
	Name  string // the value of the "graph" parameter
	N     int    // nodes p0..p(N-1)
	Edges []Edge // the edges, in the order written in doc.go
}

// The graphs of the "graph" parameter (their pictures are in doc.go).
const (
	GraphTriangle = "triangle"
	GraphSquare   = "square"
	GraphFive     = "five"
	GraphSix      = "six"
	GraphCube     = "cube"
)

// Graphs are the graphs of the "graph" parameter, the default first. All
// weights are distinct, as GHS requires.
var Graphs = []Graph{
	{Name: GraphTriangle, N: 3, Edges: []Edge{{0, 1, 1}, {1, 2, 2}, {0, 2, 3}}},
	{Name: GraphSquare, N: 4, Edges: []Edge{{0, 1, 1}, {2, 3, 2}, {0, 2, 3}, {1, 2, 4}, {3, 0, 5}}},
	{Name: GraphFive, N: 5, Edges: []Edge{{0, 1, 1}, {3, 4, 2}, {0, 3, 3}, {1, 4, 4}, {0, 2, 5}, {2, 3, 6}, {2, 4, 7}}},
	{Name: GraphSix, N: 6, Edges: []Edge{{0, 1, 1}, {2, 3, 2}, {4, 5, 3}, {3, 4, 4}, {2, 5, 5}, {1, 2, 6},
		{0, 3, 7}, {1, 4, 8}, {5, 0, 9}}},
	{Name: GraphCube, N: 8, Edges: []Edge{{0, 1, 1}, {2, 3, 2}, {4, 5, 3}, {6, 7, 4}, {0, 2, 5}, {1, 3, 6},
		{1, 5, 7}, {4, 6, 8}, {5, 7, 9}, {0, 4, 10}, {2, 6, 11}, {3, 7, 12}}},
}

// GraphNames lists the names of Graphs, the default first.
func GraphNames() []string {
	out := make([]string, len(Graphs))
	for i, g := range Graphs {
		out[i] = g.Name
	}
	return out
}

// GraphNamed returns the graph of that name.
func GraphNamed(name string) (Graph, bool) {
	i := slices.IndexFunc(Graphs, func(g Graph) bool { return g.Name == name })
	if i < 0 {
		return Graph{}, false
	}
	return Graphs[i], true
}

// Bounds of a graph.
const (
	MaxDeg    = 4   // edges at one node
	MaxWeight = 63  // weights are 1..MaxWeight (a set of weights is a uint64)
	Inf       = 255 // the infinite weight of GHS's best-wt and Report(∞)
)

// A half is an edge as one endpoint sees it: the neighbour and the weight.
type half struct {
	To actor.ID
	W  uint8
}

// adjacency returns, for every node, its edges sorted by increasing weight:
// a node's local edge index k names its k-th lightest edge, so GHS's
// "minimum-weight adjacent edge in state Basic" is the first Basic one.
func (g Graph) adjacency() [][]half {
	adj := make([][]half, g.N)
	for _, e := range g.Edges {
		adj[e.U] = append(adj[e.U], half{actor.ID(e.V), uint8(e.W)})
		adj[e.V] = append(adj[e.V], half{actor.ID(e.U), uint8(e.W)})
	}
	for _, a := range adj {
		slices.SortFunc(a, func(x, y half) int { return cmp.Compare(x.W, y.W) })
	}
	return adj
}

// validate checks that g is connected, simple, with distinct weights in
// 1..MaxWeight and degrees up to MaxDeg. With distinct weights the minimum
// spanning tree is unique, and so are fragment names.
func (g Graph) validate() error {
	if g.N < 2 || g.N > actor.MaxProcs {
		return fmt.Errorf("%w: graph %q has %d nodes", ErrConfig, g.Name, g.N)
	}
	var weights uint64
	deg := make([]int, g.N)
	seen := map[[2]int]bool{}
	for _, e := range g.Edges {
		u, v := min(e.U, e.V), max(e.U, e.V)
		switch {
		case u < 0 || v >= g.N || u == v || seen[[2]int{u, v}]:
			return fmt.Errorf("%w: graph %q: edge %v is a loop, repeated or out of range", ErrConfig, g.Name, e)
		case e.W < 1 || e.W > MaxWeight:
			return fmt.Errorf("%w: graph %q: edge %v: weight out of 1..%d", ErrConfig, g.Name, e, MaxWeight)
		case weights&(1<<e.W) != 0:
			return fmt.Errorf("%w: graph %q: weight %d used twice (GHS needs distinct weights)", ErrConfig, g.Name, e.W)
		}
		seen[[2]int{u, v}] = true
		weights |= 1 << e.W
		deg[e.U]++
		deg[e.V]++
	}
	if slices.Max(deg) > MaxDeg {
		return fmt.Errorf("%w: graph %q: a node has degree %d > %d", ErrConfig, g.Name, slices.Max(deg), MaxDeg)
	}
	if len(Kruskal(g.N, g.Edges)) != g.N-1 {
		return fmt.Errorf("%w: graph %q is not connected", ErrConfig, g.Name)
	}
	return nil
}
