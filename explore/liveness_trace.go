package explore

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model"
)

// treePath returns the index in Init's order of the initial state the BFS
// tree leads from to v, and the edges from there to v.
func (g *lgraph) treePath(v int32) (init int, edges []int32) {
	for g.parent.at(v) >= 0 {
		e := g.parent.at(v)
		edges = append(edges, e)
		v = g.rowOf(e)
	}
	slices.Reverse(edges)
	return int(-g.parent.at(v) - 1), edges
}

// pathTo returns the region edges from a source to member v, and the source.
func (r *liveRegion) pathTo(v int32) (source int32, edges []int32) {
	for r.par[v] >= 0 {
		e := r.par[v]
		edges = append(edges, e)
		v = r.g.rowOf(e)
	}
	slices.Reverse(edges)
	return v, edges
}

// within returns the shortest edge path from u to v inside component c
// (nil when u == v). par is scratch space filled with outside, restored on
// return.
func (g *lgraph) within(comp []int32, c, u, v int32, par []int32) []int32 {
	if u == v {
		return nil
	}
	queue := []int32{u}
	par[u] = -1
	defer func() {
		for _, w := range queue {
			par[w] = outside
		}
	}()
	for i := 0; i < len(queue); i++ {
		x := queue[i]
		lo, hi := g.out(x)
		for e := lo; e < hi; e++ {
			w := g.dst.at(e)
			if comp[w] != c || par[w] != outside {
				continue
			}
			par[w] = e
			queue = append(queue, w)
			if w != v {
				continue
			}
			var path []int32
			for ; w != u; w = g.rowOf(par[w]) {
				path = append(path, par[w])
			}
			slices.Reverse(path)
			return path
		}
	}
	panic(fmt.Sprintf("explore: liveness: state %d does not reach %d inside component %d", u, v, c))
}

// loop returns the edges of a fair cycle from end.entry back to itself
// inside end's component. Waypoints are visited in turn by shortest paths,
// then the entry again: first the witness edges (one per class enabled in
// every state of the component). A class enabled in every state the loop
// visits but not taken on it is not enabled everywhere in the component, so
// a state disabling it is added as a waypoint and the loop rebuilt; each
// round settles one class for good, so at most one round per class.
func (g *lgraph) loop(end liveEnd) []int32 {
	// an edge e as e >= 0, a state v as -(v+1)
	ways := append([]int32(nil), end.witness...)
	if len(ways) == 0 { // any internal edge out of the entry closes a cycle
		lo, hi := g.out(end.entry)
		for e := lo; e < hi && len(ways) == 0; e++ {
			if end.compOf[g.dst.at(e)] == end.comp {
				ways = append(ways, e)
			}
		}
	}
	par := make([]int32, g.states())
	for i := range par {
		par[i] = outside
	}
	for {
		var path []int32
		cur := end.entry
		for _, w := range ways {
			to := -w - 1
			if w >= 0 {
				to = g.rowOf(w)
			}
			path = append(path, g.within(end.compOf, end.comp, cur, to, par)...)
			cur = to
			if w >= 0 {
				path, cur = append(path, w), g.dst.at(w)
			}
		}
		path = append(path, g.within(end.compOf, end.comp, cur, end.entry, par)...)
		c, unfair := g.unfairOn(path)
		if !unfair {
			return path
		}
		ways = append(ways, -g.disabling(end, c)-1)
	}
}

// unfairOn returns a class enabled in every state a closed loop visits but
// never taken on it, and false if the loop is weakly fair.
func (g *lgraph) unfairOn(loop []int32) (int32, bool) {
	if !g.fair {
		return 0, false
	}
	visited := map[int32]bool{}
	count := map[int32]int{}
	taken := map[int32]bool{}
	for _, e := range loop {
		taken[g.cls.at(e)] = true
		v := g.rowOf(e)
		if visited[v] {
			continue
		}
		visited[v] = true
		here := map[int32]bool{}
		lo, hi := g.out(v)
		for f := lo; f < hi; f++ {
			if k := g.cls.at(f); k != unfairClass && !here[k] {
				here[k] = true
				count[k]++
			}
		}
	}
	best, found := int32(-1), false
	for k, n := range count {
		if n == len(visited) && !taken[k] && (!found || k < best) {
			best, found = k, true
		}
	}
	return best, found
}

// disabling returns the first state of end's component in which class c is
// not enabled. It panics if there is none: then c is enabled throughout the
// component, and fairCycle would have required (and the loop taken) it.
func (g *lgraph) disabling(end liveEnd, c int32) int32 {
	for v := int32(0); int(v) < g.nExp; v++ {
		if end.compOf[v] != end.comp {
			continue
		}
		enabled := false
		lo, hi := g.out(v)
		for e := lo; e < hi; e++ {
			enabled = enabled || g.cls.at(e) == c
		}
		if !enabled {
			return v
		}
	}
	panic(fmt.Sprintf("explore: liveness: class %q enabled throughout component %d but not required", g.classes[c], end.comp))
}

// maxLoopRepeats bounds how often a loop found on canonical states is
// replayed until the concrete states close it (the order of the
// permutation the loop applies, at most the group's exponent).
const maxLoopRepeats = 64

// trace replays an edge path from Init's init-th state on the concrete model
// and returns it as a model.Trace. loopAt is the number of edges before the
// loop (-1 for a finite path); the loop edges are replayed again while the
// concrete state does not equal the loop's first state (with symmetry a
// loop on canonical states may close only up to a permutation). It also
// returns a note when the loop could not be closed concretely.
func (b *liveBuilder[S, A]) trace(init int, edges []int32, loopAt int) (*model.Trace, string, error) {
	var cur S
	k := 0
	b.m.Init(func(s S) {
		if k == init {
			cur = s
		}
		k++
	})
	t := &model.Trace{Path: []int{init}, Steps: []model.Step{{State: cur}}, Loop: loopAt}
	states := []S{cur}
	var err error
	for _, e := range edges {
		if cur, err = b.replayEdge(t, cur, e); err != nil {
			return nil, "", err
		}
		states = append(states, cur)
	}
	if loopAt < 0 {
		return t, "", nil
	}
	want := b.m.AppendKey(nil, states[loopAt])
	for r := 1; !bytes.Equal(b.m.AppendKey(nil, cur), want); r++ {
		if r == maxLoopRepeats {
			return t, "the loop closes only up to symmetry", nil
		}
		for _, e := range edges[loopAt:] {
			if cur, err = b.replayEdge(t, cur, e); err != nil {
				return nil, "", err
			}
		}
	}
	return t, "", nil
}

// replayEdge takes from concrete state s the step that edge e of the graph
// stands for, appends it to t and returns the state reached. Without
// symmetry that is the step at e's index among Next's yields; with symmetry
// the first step reaching e's target orbit (preferring the same index).
func (b *liveBuilder[S, A]) replayEdge(t *model.Trace, s S, e int32) (S, error) {
	g := b.g
	u := g.rowOf(e)
	idx := int(e - g.off.at(u))
	want := g.fps.at(g.dst.at(e))
	var acts []A
	var nexts []S
	b.m.Next(s, func(a A, n S) {
		acts = append(acts, a)
		nexts = append(nexts, n)
	})
	pick := -1
	if idx < len(nexts) && b.fingerprint(nexts[idx]) == want {
		pick = idx
	}
	for i := 0; pick < 0 && b.sym != nil && i < len(nexts); i++ {
		if b.fingerprint(nexts[i]) == want {
			pick = i
		}
	}
	if pick < 0 {
		return s, fmt.Errorf("%w: liveness trace step %d (index %d); %s", ErrReplay, len(t.Path), idx, replayHint)
	}
	t.Path = append(t.Path, pick)
	t.Steps = append(t.Steps, model.Step{Action: fmt.Sprint(acts[pick]), State: nexts[pick]})
	return nexts[pick], nil
}
