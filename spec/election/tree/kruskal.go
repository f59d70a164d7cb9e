package tree

import (
	"cmp"
	"slices"
)

// Kruskal returns a minimum spanning forest of the graph with nodes
// 0..n-1 and the given edges (Kruskal 1956): the edges in order of
// increasing weight, each kept when it joins two different components
// (union-find). Equal weights keep the order given. For a connected graph
// the result has n-1 edges, sorted by weight; with distinct weights it is
// the unique minimum spanning tree. Kruskal is independent of the GHS
// model: the properties compare the model's Branch edges with it.
func Kruskal(n int, edges []Edge) []Edge {
	sorted := slices.Clone(edges)
	slices.SortStableFunc(sorted, func(a, b Edge) int { return cmp.Compare(a.W, b.W) })
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	var tree []Edge
	for _, e := range sorted {
		a, b := find(e.U), find(e.V)
		if a != b {
			parent[a] = b
			tree = append(tree, e)
		}
	}
	return tree
}

// weightSet returns the set of the edges' weights, a bit set by weight
// (weights are at most MaxWeight).
func weightSet(edges []Edge) uint64 {
	var s uint64
	for _, e := range edges {
		s |= 1 << e.W
	}
	return s
}
