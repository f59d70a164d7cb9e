package explore

import (
	"time"

	"github.com/protocheck/protocheck/model"
)

// unfairClass marks an edge that carries no fairness (a fault, or any step of a
// model that is not a model.Fair).
const unfairClass = -1

// A lgraph is the explored state graph, stored densely for the liveness
// analysis. States are numbered in discovery (BFS) order; states
// [0, nExp) were expanded completely, the rest are a frontier whose edges
// are unknown. Edges are a CSR: the out-edges of state i are
// dst[off[i]:off[i+1]], in the order Next yields them, so an edge's position
// within its row is its index in the trace's Path. The arrays are pages
// outside the Go heap: they grow without copying and do not count in the
// collector's pacing.
type lgraph struct {
	off     pages[int32]  // row starts, nExp+1 of them
	dst     pages[int32]  // edge targets
	cls     classPages    // edge fairness classes (index into classes) or unfairClass; empty without fairness
	fair    bool          // edges have classes
	classes []string      // interned fairness class names
	fps     pages[uint64] // state fingerprints (of the canonical key with symmetry)
	parent  pages[int32]  // BFS tree: the edge that found the state, or -(k+1) for Init's k-th state
	bits    [][]uint64    // one bitset per predicate: bit i set when it holds in state i
	nExp    int           // states [0, nExp) are expanded
	depth   int           // deepest BFS level stored

	stop string // why exploration stopped early; "" when complete
}

// free releases the graph's pages.
func (g *lgraph) free() {
	g.off.free()
	g.dst.free()
	g.cls.free()
	g.fps.free()
	g.parent.free()
}

// states returns the number of stored states.
func (g *lgraph) states() int { return g.fps.len() }

// out returns the edge id range of expanded state v.
func (g *lgraph) out(v int32) (int32, int32) { return g.off.at(v), g.off.at(v + 1) }

// has reports whether predicate p holds in state v.
func (g *lgraph) has(p int, v int32) bool { return g.bits[p][v>>6]&(1<<(v&63)) != 0 }

// rowOf returns the state whose out-edges contain edge e.
func (g *lgraph) rowOf(e int32) int32 {
	lo, hi := 0, g.nExp // invariant: off[lo] <= e < off[hi]
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if g.off.at(int32(mid)) <= e {
			lo = mid
		} else {
			hi = mid
		}
	}
	return int32(lo)
}

// A liveBuilder explores a model breadth first into an lgraph.
type liveBuilder[S, A any] struct {
	m      model.Model[S, A]
	opts   Options
	sym    model.Symmetric[S] // nil: no symmetry reduction
	fair   model.Fair[A]      // nil: no fairness
	within func(S) bool       // the state constraint; nil: none
	preds  []func(S) bool     // the predicates recorded in g.bits
	g      *lgraph
	index  fpIndex
	k      keyer[S] // fingerprints, with symmetry iff sym is set
	start  time.Time
}

// fingerprint returns the 64-bit fingerprint of s (of its canonical
// representative with symmetry), as the BFS engine computes it.
func (b *liveBuilder[S, A]) fingerprint(s S) uint64 { return b.k.fp(s) }
