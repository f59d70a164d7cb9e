package explore

import (
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/protocheck/protocheck/model"
)

// onePass is Check for a model with liveness properties: one breadth-first
// exploration, on opts.Workers goroutines, that checks the safety
// properties, deadlocks and step properties as BFS does and records the
// state graph the liveness analysis needs (see liveness.go), instead of a
// BFS pass followed by a second, sequential exploration.
//
// Each level is expanded in three phases:
//
//  1. In parallel, chunks of the level are expanded: Next, fingerprints,
//     fairness classes, step properties, deadlocks and the Visit callback.
//     A successor already in the graph's index (a state of an earlier
//     level, or of this one) becomes its state number at once; the index
//     is only read during this phase.
//  2. Sequentially, in the level's order, the chunks' rows are appended to
//     the graph, and the successors not found in phase 1 are looked up
//     again and numbered if new. States are therefore numbered exactly as
//     the sequential liveness engine numbers them, whatever the number of
//     workers, so its lasso traces are unchanged.
//  3. In parallel, the new states' predicates are recorded and their
//     safety properties checked.
//
// Safety traces follow the BFS engine's parent rule (the smallest
// fingerprint among a state's parents on the previous level), found by
// scanning the stored rows of that level, so they equal BFS's traces too.
//
// With symmetry and fairness together Check keeps its two passes: the
// liveness graph is then the full one (fairness classes are not permuted
// with states), while BFS reduces.
func onePass[S, A any](m model.Model[S, A], opts Options, visit func(S, Visited)) (*Result, error) {
	return runPass(m, opts, visit, true)
}

// runPass is onePass, or with safety false the liveness engine alone
// (Liveness): the same exploration without the safety checks, whose
// properties it reports not checked.
func runPass[S, A any](m model.Model[S, A], opts Options, visit func(S, Visited), safety bool) (*Result, error) {
	if err := prepare(m, &opts); err != nil {
		return nil, err
	}
	b := &liveBuilder[S, A]{m: m, opts: opts, start: time.Now()}
	props := m.Properties()
	checks, err := b.predicates(props)
	if err != nil {
		return nil, err
	}
	note := b.configure()
	r := &passRun[S, A]{b: b, v: newVerdicts(m), visit: visit, safety: safety, classProv: map[string]int32{},
		store: newStore[S](m, passChunkLen)} // the linker fills blocks to passChunkLen
	if !safety {
		r.v.open, r.v.stepOpen, r.v.deadlock = nil, nil, false
	}
	r.mo = newMonitor(&b.opts)
	g := r.explore()
	r.next.free()
	defer g.free()
	complete := r.stop == "" && !r.lost
	res := &Result{
		Engine: "bfs+liveness", Workers: b.opts.Workers, Complete: complete, StopReason: r.stop,
		Generated: r.mo.generated.Load(), Distinct: int64(g.states()), MaxDepth: r.maxDepth,
		Collision: collision(int64(g.states())),
	}
	if r.lost && res.StopReason == "" {
		res.StopReason = "panic"
	}
	res.Properties = r.v.results(complete, "bfs", r.traceOf)
	b.index.free() // the analysis needs no index
	if slices.ContainsFunc(props, func(p model.Property[S]) bool { return p.Expect.Liveness() }) && !r.stopAtFirst {
		// Nor the frontier's and the chunks' buffers: hand them and the
		// heap they took back, so that the analysis's arrays (outside
		// the heap) do not come on top of them (twopc, 4 participants,
		// crash=1,drop=1: 466 MB peak before, 418 after).
		r.store, r.chunks = nil, chunkPool[S]{}
		debug.FreeOSMemory()
	}
	if !safety {
		res.Engine = "liveness"
		notLiveness(res)
	}
	for i, p := range props {
		if !p.Expect.Liveness() {
			continue
		}
		pr := PropertyResult{Name: p.Name, Expect: p.Expect}
		if r.stopAtFirst {
			pr.Message = "not checked: BFS stopped at the first violation"
		} else if err := b.verdict(&pr, checks[i], complete); err != nil {
			return nil, err
		}
		if note != "" {
			pr.Message = note + "; " + pr.Message
		}
		j := slices.IndexFunc(res.Properties, func(q PropertyResult) bool { return q.Name == p.Name })
		res.Properties[j] = pr
	}
	res.Elapsed = r.mo.finish()
	res.PeakRSS = peakRSS()
	return res, nil
}

// notLiveness marks the safety properties of a liveness-only run not
// checked; a panic stays reported.
func notLiveness(res *Result) {
	for i := range res.Properties {
		p := &res.Properties[i]
		if p.Expect.Liveness() || p.Name == PanicProperty {
			continue
		}
		*p = PropertyResult{Name: p.Name, Expect: p.Expect,
			Message: "not checked: the liveness engine decides eventually and leads-to properties only"}
	}
	res.Properties = slices.DeleteFunc(res.Properties, func(p PropertyResult) bool { return p.Name == DeadlockProperty })
}

// passRun is one run of onePass.
type passRun[S, A any] struct {
	b      *liveBuilder[S, A]
	v      *verdicts[S, A]
	safety bool // check the safety properties too (onePass), not only record the graph (Liveness)
	mo     *monitor
	visit  func(S, Visited) // CheckVisit's callback; nil for Check

	levels      []int32 // levels[d] is the number of the first state at depth d
	nextStart   int32   // the number of the first state of the level after the last one in levels
	maxDepth    int
	visitMu     sync.Mutex
	stop        string      // why the run stopped early; "" when complete
	lost        bool        // a panic left a state unexpanded
	panicked    atomic.Bool // model code panicked in this level: stop at its end
	stopAtFirst bool        // Options.StopAtFirst ended the run

	// Fairness classes get a provisional id when a worker first meets
	// them and the canonical one (first seen in the level's order, as the
	// sequential engine numbers them) in phase 2.
	next      fpIndex // the states found by the level being linked; merged into the index after it
	store     *store[S]
	chunks    chunkPool[S]
	classMu   sync.Mutex
	classProv map[string]int32
	provNames []string // provisional id -> class name
	canon     []int32  // provisional id -> canonical id, or -1
}

// explore builds the graph level by level and returns it.
func (r *passRun[S, A]) explore() *lgraph {
	b := r.b
	g := &lgraph{bits: make([][]uint64, len(b.preds)), fair: b.fair != nil}
	g.off.push(0)
	b.g = g
	b.index.procs = b.opts.Workers
	b.index.presize(b.opts.expected(), b.opts.Memory)
	cur := r.initial()
	for depth := 0; len(cur) > 0 && r.stop == ""; depth++ {
		r.maxDepth = depth
		g.depth = depth
		r.levels = append(r.levels, int32(g.nExp))
		r.nextStart = int32(g.nExp + count(cur))
		r.v.settle()
		switch {
		case b.opts.StopAtFirst && r.v.anyViolation():
			r.stop, r.stopAtFirst = "first violation", true
		case b.opts.MaxDepth > 0 && depth >= b.opts.MaxDepth:
			r.stop = "max depth"
		}
		if r.stop != "" {
			break
		}
		r.mo.depth.Store(int64(depth))
		cur = r.level(cur, depth)
		if r.panicked.Load() {
			r.mo.stop("panic")
		}
		if r.mo.stopped() && r.stop == "" {
			r.stop = r.mo.stopReason()
			r.lost = r.lost || r.stop == "panic"
		}
	}
	r.v.settle()
	g.stop = r.stop
	return g
}

// initial stores the initial states as level 0 and checks them.
func (r *passRun[S, A]) initial() (blocks []block[S]) {
	b := r.b
	defer func() {
		if p := recover(); p != nil {
			r.v.recordPanic(p, "Init", 0, 0, 0, nil)
			r.lost, r.stop, blocks = true, "panic", nil
		}
	}()
	var cur []item[S]
	k := 0
	b.m.Init(func(s S) {
		fp := b.fingerprint(s)
		if _, dup := b.index.find(fp); !dup {
			if b.addBare(fp, int32(-(k+1)), &b.index) < 0 {
				r.stop = "max states"
				return
			}
			cur = append(cur, item[S]{fp: fp, s: s})
		}
		k++
	})
	if r.stop != "" {
		return nil
	}
	for lo := 0; lo < len(cur); lo += passChunkLen {
		buf := append(r.store.get(), cur[lo:min(lo+passChunkLen, len(cur))]...)
		blocks = append(blocks, r.store.seal(&buf))
		r.store.put(buf)
	}
	r.record(blocks, 0, 0)
	return blocks
}

// addBare stores a new state's fingerprint and parent edge in the graph
// and in x, leaving its predicate bits to record; it returns its number, or
// -1 at the state limit.
func (b *liveBuilder[S, A]) addBare(fp uint64, parent int32, x *fpIndex) int32 {
	g := b.g
	n := g.fps.len()
	if (b.opts.MaxStates > 0 && int64(n) >= b.opts.MaxStates) || n >= maxGraphStates {
		return -1
	}
	g.fps.push(fp)
	g.parent.push(parent)
	x.insert(fp, int32(n))
	return int32(n)
}

// maxGraphStates bounds the state numbers (int32, with room for -1).
const maxGraphStates = 1<<31 - 2

// traceOf rebuilds a safety discovery's trace along the BFS engine's
// parents: from the discovered state back, at each level the parent with
// the smallest fingerprint.
func (r *passRun[S, A]) traceOf(d discovery, step func(S, A, S) bool) (*model.Trace, error) {
	b, g := r.b, r.b.g
	v, ok := b.index.find(d.fp)
	if !ok {
		return nil, fmt.Errorf("%w: state %#x is not in the graph", ErrReplay, d.fp)
	}
	fps := []uint64{d.fp}
	for depth := r.depthOf(v); depth > 0; depth-- {
		v = r.minParent(v, depth)
		fps = append(fps, g.fps.at(v))
	}
	slices.Reverse(fps)
	k := newKeyer[S](b.m, b.sym != nil)
	tr, err := traceByFingerprints(b.m, &k, fps)
	if err != nil || step == nil {
		return tr, err
	}
	return tr, extendByStep(b.m, tr, step)
}

// depthOf returns the BFS depth of state v.
func (r *passRun[S, A]) depthOf(v int32) int {
	if v >= r.nextStart {
		return len(r.levels)
	}
	d, _ := slices.BinarySearch(r.levels, v+1)
	return d - 1
}

// levelRange returns the numbers [lo, hi) of the states at depth d.
func (r *passRun[S, A]) levelRange(d int) (lo, hi int32) {
	if d+1 < len(r.levels) {
		return r.levels[d], r.levels[d+1]
	}
	return r.levels[d], r.nextStart
}

// minParent returns, among the states at depth-1 with an edge to v, the one
// with the smallest fingerprint.
func (r *passRun[S, A]) minParent(v int32, depth int) int32 {
	g := r.b.g
	best := int32(-1)
	lo, hi := r.levelRange(depth - 1)
	for u := lo; u < hi && int(u) < g.nExp; u++ {
		first, last := g.out(u)
		for e := first; e < last; e++ {
			if g.dst.at(e) == v && (best < 0 || g.fps.at(u) < g.fps.at(best)) {
				best = u
			}
		}
	}
	return best
}

// visitState calls the Visit callback for a state the level expanded;
// steps is its number of successors, or -1 outside the state constraint.
func (r *passRun[S, A]) visitState(s S, depth, steps int) {
	callVisit(&r.visitMu, r.visit, r.v.finals, s, depth, steps)
}
