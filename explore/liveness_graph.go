package explore

import (
	"math"
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
// within its row is its index in the trace's Path.
type lgraph struct {
	off     []int32    // row starts, len nExp+1
	dst     []int32    // edge targets
	cls     []int32    // edge fairness classes (index into classes) or unfairClass; nil without fairness
	classes []string   // interned fairness class names
	fps     []uint64   // state fingerprints (of the canonical key with symmetry)
	parent  []int32    // BFS tree: the edge that found the state, or -(k+1) for Init's k-th state
	bits    [][]uint64 // one bitset per predicate: bit i set when it holds in state i
	nExp    int        // states [0, nExp) are expanded
	depth   int        // deepest BFS level stored

	stop     string // why exploration stopped early; "" when complete
	panicked any    // the value a model panic carried, nil if none
	panicAt  int32  // the state whose expansion panicked
}

// states returns the number of stored states.
func (g *lgraph) states() int { return len(g.fps) }

// out returns the edge id range of expanded state v.
func (g *lgraph) out(v int32) (int32, int32) { return g.off[v], g.off[v+1] }

// has reports whether predicate p holds in state v.
func (g *lgraph) has(p int, v int32) bool { return g.bits[p][v>>6]&(1<<(v&63)) != 0 }

// rowOf returns the state whose out-edges contain edge e.
func (g *lgraph) rowOf(e int32) int32 {
	lo, hi := 0, g.nExp // invariant: off[lo] <= e < off[hi]
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if g.off[mid] <= e {
			lo = mid
		} else {
			hi = mid
		}
	}
	return int32(lo)
}

// A liveBuilder explores a model breadth first into an lgraph.
type liveBuilder[S, A any] struct {
	m       model.Model[S, A]
	opts    Options
	sym     model.Symmetric[S] // nil: no symmetry reduction
	fair    model.Fair[A]      // nil: no fairness
	within  func(S) bool       // the state constraint; nil: none
	preds   []func(S) bool     // the predicates recorded in g.bits
	g       *lgraph
	index   fpIndex
	classID map[string]int32
	k       keyer[S] // fingerprints, with symmetry iff sym is set
	start   time.Time
	full    bool // the MaxStates limit (or int32 range) was hit during an expansion
}

// fingerprint returns the 64-bit fingerprint of s (of its canonical
// representative with symmetry), as the BFS engine computes it.
func (b *liveBuilder[S, A]) fingerprint(s S) uint64 { return b.k.fp(s) }

// add stores a new state found by edge parent (or as an initial state) and
// returns its number, or -1 when the state limit is reached.
func (b *liveBuilder[S, A]) add(s S, fp uint64, parent int32) int32 {
	g := b.g
	n := len(g.fps)
	if (b.opts.MaxStates > 0 && int64(n) >= b.opts.MaxStates) || n >= math.MaxInt32-1 {
		b.full = true
		return -1
	}
	g.fps = append(g.fps, fp)
	g.parent = append(g.parent, parent)
	if n%64 == 0 {
		for p := range g.bits {
			g.bits[p] = append(g.bits[p], 0)
		}
	}
	for p, pred := range b.preds {
		if pred(s) {
			g.bits[p][n>>6] |= 1 << (n & 63)
		}
	}
	b.index.insert(g.fps, int32(n))
	return int32(n)
}

// classOf interns the fairness class of action a.
func (b *liveBuilder[S, A]) classOf(a A) int32 {
	c, ok := b.fair.FairClass(a)
	if !ok {
		return unfairClass
	}
	id, seen := b.classID[c]
	if !seen {
		id = int32(len(b.g.classes))
		b.g.classes = append(b.g.classes, c)
		b.classID[c] = id
	}
	return id
}

// expand stores the out-edges of state v (concrete state s) and appends the
// new successors to next. It reports false when the state limit cut the
// expansion short; the partial row and the states it added are then undone.
func (b *liveBuilder[S, A]) expand(v int32, s S, next []S) ([]S, bool) {
	g := b.g
	n0, e0, q0 := len(g.fps), len(g.dst), len(next)
	if b.within != nil && !b.within(s) { // outside the constraint: a terminal state
		g.off = append(g.off, int32(len(g.dst)))
		g.nExp = int(v) + 1
		return next, true
	}
	b.m.Next(s, func(a A, t S) {
		if b.full {
			return
		}
		if len(g.dst) >= math.MaxInt32-1 {
			b.full = true
			return
		}
		fp := b.fingerprint(t)
		w, ok := b.index.find(fp)
		if !ok {
			if w = b.add(t, fp, int32(len(g.dst))); w < 0 {
				return
			}
			next = append(next, t)
		}
		g.dst = append(g.dst, w)
		if b.fair != nil {
			g.cls = append(g.cls, b.classOf(a))
		}
	})
	if b.full { // NB: the index keeps the undone states, but building stops here
		g.fps, g.parent = g.fps[:n0], g.parent[:n0]
		g.dst = g.dst[:e0]
		if g.cls != nil {
			g.cls = g.cls[:e0]
		}
		return next[:q0], false
	}
	g.off = append(g.off, int32(len(g.dst)))
	g.nExp = int(v) + 1
	return next, true
}

// build explores the reachable graph level by level, honouring the limits
// in b.opts. A panic in model code stops the run and is recorded.
func (b *liveBuilder[S, A]) build() (g *lgraph) {
	g = &lgraph{off: []int32{0}, bits: make([][]uint64, len(b.preds)), panicAt: -1}
	if b.fair != nil {
		g.cls = []int32{}
	}
	b.g, b.classID = g, map[string]int32{}
	defer func() {
		if r := recover(); r != nil {
			g.panicked, g.stop = r, "panic"
			g.panicAt = int32(g.nExp)
		}
		b.index = fpIndex{} // the analysis needs no index: free it
	}()
	var cur []S
	k := 0
	b.m.Init(func(s S) {
		fp := b.fingerprint(s)
		if _, dup := b.index.find(fp); !dup && b.add(s, fp, int32(-(k+1))) >= 0 {
			cur = append(cur, s)
		}
		k++
	})
	if b.full {
		g.stop = "max states"
		return g
	}
	b.levels(cur)
	return g
}

// levels expands the BFS levels starting with cur (the initial states).
func (b *liveBuilder[S, A]) levels(cur []S) {
	g := b.g
	lastReport := b.start
	for depth := 0; len(cur) > 0; depth++ {
		g.depth = depth
		if b.opts.MaxDepth > 0 && depth >= b.opts.MaxDepth {
			g.stop = "max depth"
			return
		}
		var next []S
		for _, s := range cur {
			v := int32(g.nExp)
			if v%256 == 0 {
				if g.stop = b.interrupted(); g.stop != "" {
					return
				}
				if b.opts.Progress != nil && time.Since(lastReport) >= b.opts.ProgressTime {
					lastReport = time.Now()
					b.opts.Progress(Progress{Generated: int64(len(g.dst)), Distinct: int64(len(g.fps)),
						Queue: int64(len(g.fps) - g.nExp), Depth: depth, Elapsed: time.Since(b.start)})
				}
			}
			var ok bool
			if next, ok = b.expand(v, s, next); !ok {
				g.stop = "max states"
				return
			}
		}
		cur = next
	}
}

// interrupted returns why the run must stop now ("time", "interrupted",
// "memory budget"), or "" to go on. The memory budget is the whole
// process's (see overBudget), so the graph, the index, the states of the
// level being expanded and whatever else the process holds all count.
func (b *liveBuilder[S, A]) interrupted() string {
	if b.opts.Context != nil && b.opts.Context.Err() != nil {
		return "interrupted"
	}
	if b.opts.Time > 0 && time.Since(b.start) > b.opts.Time {
		return "time"
	}
	if overBudget(b.opts.Memory) {
		return "memory budget"
	}
	return ""
}

// An fpIndex maps fingerprints to state numbers while the graph is built:
// an open-addressing table (linear probing, load at most 1/2) of
// fingerprint and state number pairs, 16 bytes a slot, so 32 to 64 bytes a
// state. Keeping the fingerprint in the slot makes a lookup one cache miss;
// fingerprints are never 0 (see fingerprint), so 0 marks an empty slot.
type fpIndex struct {
	slots []fpSlot
	used  int
}

type fpSlot struct {
	fp uint64
	v  int32
}

// find returns the state whose fingerprint is fp.
func (x *fpIndex) find(fp uint64) (int32, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(x.slots) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch x.slots[i].fp {
		case fp:
			return x.slots[i].v, true
		case 0:
			return 0, false
		}
	}
}

// insert adds state v (fingerprint fps[v], not yet present).
func (x *fpIndex) insert(fps []uint64, v int32) {
	if 2*(x.used+1) > len(x.slots) {
		old := x.slots
		x.slots, x.used = make([]fpSlot, max(64, 2*len(old))), 0
		for _, sl := range old {
			if sl.fp != 0 {
				x.put(sl.fp, sl.v)
			}
		}
	}
	x.put(fps[v], v)
}

func (x *fpIndex) put(fp uint64, v int32) {
	mask := uint64(len(x.slots) - 1)
	i := fp & mask
	for x.slots[i].fp != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = fpSlot{fp, v}
	x.used++
}
