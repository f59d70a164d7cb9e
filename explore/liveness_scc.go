package explore

// outside marks a state outside a region in region.par.
const outside = -2

// A liveRegion is the part of the graph one liveness check searches: the
// expanded states reachable from the sources through expanded states where
// the avoided predicate is false. For "eventually P" the sources are the
// initial states and P is avoided; for "P leads-to Q" the sources are the
// states where P holds and Q does not, and Q is avoided.
//
// Frontier states (never expanded because a limit stopped the run) are left
// out: their steps are unknown, so nothing found in a region can depend on
// them, and every violation found is genuine even in an incomplete run.
type liveRegion struct {
	g       *lgraph
	par     []int32  // the region edge that found a member, -1 for a source, outside for non-members
	order   []int32  // members in BFS order from the sources
	scratch []func() // frees the arrays of one value per state, outside the Go heap
}

// int32s returns n zeroed values outside the Go heap, released by release:
// a check's arrays of one value per state are hundreds of megabytes on a
// large graph, and on the heap they and the previous check's would count
// twice in the collector's pacing. Pages never written take no memory.
func (r *liveRegion) int32s(n int) []int32 { return regionArray[int32](r, n) }

func regionArray[T any](r *liveRegion, n int) []T {
	s := allocOff[T](n)
	r.scratch = append(r.scratch, func() { freeOff(s) })
	return s
}

// release frees the region's arrays: nothing read from it (par, order, a
// liveEnd's compOf) may be used afterwards.
func (r *liveRegion) release() {
	for _, free := range r.scratch {
		free()
	}
	r.scratch = nil
}

// newLiveRegion computes the region of g from sources avoiding predicate avoid.
func newLiveRegion(g *lgraph, sources []int32, avoid int) *liveRegion {
	r := &liveRegion{g: g}
	r.par, r.order = r.int32s(g.states()), r.int32s(g.nExp)[:0]
	for i := range r.par {
		r.par[i] = outside
	}
	member := func(v int32) bool {
		return int(v) < g.nExp && !g.has(avoid, v) && r.par[v] == outside
	}
	for _, s := range sources {
		if member(s) {
			r.par[s] = -1
			r.order = append(r.order, s)
		}
	}
	for i := 0; i < len(r.order); i++ {
		lo, hi := g.out(r.order[i])
		for e := lo; e < hi; e++ {
			if w := g.dst.at(e); member(w) {
				r.par[w] = e
				r.order = append(r.order, w)
			}
		}
	}
	return r
}

// in reports whether state v is a member of the region.
func (r *liveRegion) in(v int32) bool { return r.par[v] != outside }

// sccs computes the strongly connected components of the subgraph induced
// by the region, with Tarjan's algorithm run on an explicit stack (no
// recursion, so no depth limit). comp[v] is v's component, -1 outside the
// region; components are numbered in the order Tarjan completes them. Each
// component is judged as it completes, while its members lie together on
// the stack: bit c of fair says whether component c contains a fair cycle
// (see fairCycle).
func (r *liveRegion) sccs() (comp []int32, fair []uint64) {
	n, m := r.g.states(), len(r.order)
	t := &tarjan{r: r, comp: r.int32s(n), index: r.int32s(n), low: r.int32s(n),
		calls: regionArray[tarjanFrame](r, m)[:0], stack: r.int32s(m)[:0],
		scan: newFairScan(len(r.g.classes)), fair: make([]uint64, m/64+1)}
	for i := range t.comp {
		t.comp[i] = -1
	}
	for _, root := range r.order {
		if t.index[root] != 0 {
			continue
		}
		t.visit(root)
		for len(t.calls) > 0 {
			t.step()
		}
	}
	return t.comp, t.fair
}

// tarjan is the state of one iterative run of Tarjan's algorithm. The call
// and member stacks hold at most the region's members, so they never grow
// past the capacity sccs gives them.
type tarjan struct {
	r       *liveRegion
	comp    []int32 // component, -1 while unassigned (on the stack or unvisited)
	index   []int32 // 0: unvisited; else visit number + 1
	low     []int32 // least index reachable through the DFS subtree and one back edge
	calls   []tarjanFrame
	stack   []int32
	counter int32
	ncomp   int32
	scan    *fairScan
	fair    []uint64 // bit c: component c has a fair cycle
}

// A tarjanFrame is a DFS call: the state and its next edge to explore.
type tarjanFrame struct{ v, e int32 }

func (t *tarjan) visit(v int32) {
	t.counter++
	t.index[v], t.low[v] = t.counter, t.counter
	t.stack = append(t.stack, v)
	t.calls = append(t.calls, tarjanFrame{v, t.r.g.off.at(v)})
}

// step explores the next edge of the innermost call, or returns from it.
func (t *tarjan) step() {
	g := t.r.g
	f := &t.calls[len(t.calls)-1]
	v := f.v
	if f.e < g.off.at(v+1) {
		w := g.dst.at(f.e)
		f.e++
		switch {
		case !t.r.in(w):
		case t.index[w] == 0:
			t.visit(w)
		case t.comp[w] < 0: // on the stack
			t.low[v] = min(t.low[v], t.index[w])
		}
		return
	}
	t.calls = t.calls[:len(t.calls)-1]
	if len(t.calls) > 0 {
		p := t.calls[len(t.calls)-1].v
		t.low[p] = min(t.low[p], t.low[v])
	}
	if t.low[v] != t.index[v] {
		return
	}
	k := len(t.stack) - 1 // v is a root: pop its component
	for t.stack[k] != v {
		k--
	}
	c := t.ncomp
	for _, w := range t.stack[k:] {
		t.comp[w] = c
	}
	if ok, _ := t.scan.fairCycle(g, t.comp, c, t.stack[k:]); ok {
		t.fair[c>>6] |= 1 << (c & 63)
	}
	t.stack = t.stack[:k]
	t.ncomp++
}

// A fairScan holds per-class scratch space for fairness checks.
type fairScan struct {
	count  []int32 // states of the component where the class is enabled
	seenAt []int32 // last state that counted the class
	takeAt []int32 // last component with an internal edge of the class
	first  []int32 // that internal edge (the first one found)
}

func newFairScan(classes int) *fairScan {
	f := &fairScan{count: make([]int32, classes), seenAt: make([]int32, classes),
		takeAt: make([]int32, classes), first: make([]int32, classes)}
	for k := range f.seenAt {
		f.seenAt[k], f.takeAt[k] = -1, -1
	}
	return f
}

// fairCycle reports whether component c (members mem) contains a cycle
// that a weakly fair behaviour can follow forever, and returns witness
// edges: one internal edge for every fairness class enabled in all of c's
// states. A loop through all of c that takes every witness edge is fair.
//
// Why the whole component is the right candidate under weak fairness: let a
// behaviour end in a loop visiting exactly the states C ⊆ c. A class enabled
// in every state of c is enabled in every state of C, so a fair loop on C
// takes one of its edges, and that edge is internal to c. Hence if any fair
// loop lies inside c, every class enabled throughout c has an internal edge
// in c, and the loop through all of c taking those edges is fair (classes
// not enabled throughout c are disabled infinitely often on it). No
// refinement into sub-components is needed; that is only required for
// strong (Streett) fairness.
func (f *fairScan) fairCycle(g *lgraph, comp []int32, c int32, mem []int32) (bool, []int32) {
	cyclic := len(mem) > 1
	var touched []int32
	for _, v := range mem {
		lo, hi := g.out(v)
		for e := lo; e < hi; e++ {
			internal := comp[g.dst.at(e)] == c
			cyclic = cyclic || internal
			if !g.fair || g.cls.at(e) == unfairClass {
				continue
			}
			k := g.cls.at(e)
			if f.seenAt[k] != v {
				if f.count[k] == 0 {
					touched = append(touched, k)
				}
				f.seenAt[k] = v
				f.count[k]++
			}
			if internal && f.takeAt[k] != c {
				f.takeAt[k], f.first[k] = c, e
			}
		}
	}
	fair := cyclic
	var witness []int32
	for _, k := range touched {
		if f.count[k] == int32(len(mem)) {
			if f.takeAt[k] != c {
				fair = false
			}
			witness = append(witness, f.first[k])
		}
		f.count[k] = 0
	}
	if !fair {
		return false, nil
	}
	return true, witness
}

// A liveEnd is the end of a fair behaviour inside a region: a state where
// the behaviour stops (comp < 0: terminal, or with Options.Stutter one
// where no weakly fair class is enabled) or a fair component entered at
// entry.
type liveEnd struct {
	entry   int32   // the first state of the ending in BFS order
	comp    int32   // the component, -1 for a terminal state
	witness []int32 // edges the loop must take (fairness)
	compOf  []int32 // the component of every state
}

// fairEnding finds the ending of a fair behaviour in the region whose entry
// is nearest to the sources (first in BFS order), and false if the region
// has none: then every fair behaviour from the sources leaves the region.
// With stutter, a behaviour may also stop in any state where no weakly fair
// class is enabled (TLA+'s semantics; see Options.Stutter).
func (r *liveRegion) fairEnding(stutter bool) (liveEnd, bool) {
	g := r.g
	comp, fair := r.sccs()
	for _, v := range r.order {
		if lo, hi := g.out(v); lo == hi || (stutter && !g.fairEnabled(v)) {
			return liveEnd{entry: v, comp: -1, compOf: comp}, true
		}
		if c := comp[v]; fair[c>>6]&(1<<(c&63)) != 0 {
			return liveEnd{entry: v, comp: c, witness: r.witness(comp, c), compOf: comp}, true
		}
	}
	return liveEnd{}, false
}

// witness returns fairCycle's witness edges for fair component c, its
// members scanned in BFS order.
func (r *liveRegion) witness(comp []int32, c int32) []int32 {
	var mem []int32
	for _, v := range r.order {
		if comp[v] == c {
			mem = append(mem, v)
		}
	}
	_, w := newFairScan(len(r.g.classes)).fairCycle(r.g, comp, c, mem)
	return w
}

// fairEnabled reports whether some step of expanded state v has a weak
// fairness class (never, for a model without fairness).
func (g *lgraph) fairEnabled(v int32) bool {
	if !g.fair {
		return false
	}
	lo, hi := g.out(v)
	for e := lo; e < hi; e++ {
		if g.cls.at(e) != unfairClass {
			return true
		}
	}
	return false
}
