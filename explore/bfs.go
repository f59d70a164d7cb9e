package explore

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/protocheck/protocheck/model"
)

// batchLen is the number of successors whose home slots are prefetched
// before they are looked up, so that the cache misses overlap.
const batchLen = 32

// bfsRun is one breadth-first exploration. Levels are processed one at a
// time: every worker expands blocks of the current level and writes new
// states into blocks of the next, and a level ends when all its blocks are
// expanded. Properties found during a level are settled at its end, which is
// what makes the reported traces shortest and independent of the number of
// workers (see fpSet for the parent rule).
type bfsRun[S, A any] struct {
	m         model.Model[S, A]
	opts      Options
	set       *fpSet
	store     *store[S]
	v         *verdicts[S, A]
	mo        *monitor
	within    func(S) bool // the state constraint; nil: none
	level     []block[S]   // blocks of the level being expanded
	next      atomic.Int64
	tickets   atomic.Int64 // states still allowed by MaxStates, not yet granted to a worker
	exhausted atomic.Bool  // a worker found no states left to draw: stop after this level
	panicked  atomic.Bool  // model code panicked: stop after this level
	lost      atomic.Bool  // states were dropped or left unexpanded (memory budget, max states, panic): never complete

	visit   func(S, Visited) // Visit's callback; nil for a plain BFS
	visitMu sync.Mutex       // serializes visit
}

func bfs[S, A any](m model.Model[S, A], opts Options, visit func(S, Visited)) (*Result, error) {
	if err := prepare(m, &opts); err != nil {
		return nil, err
	}
	e := &bfsRun[S, A]{m: m, opts: opts, v: newVerdicts(m), within: constraintOf(m), visit: visit, store: newStore[S](m, 0)}
	e.mo = newMonitor(&e.opts) // the clock counts mapping in a presized set
	e.set = newFPSet(opts.Memory, opts.Workers, opts.expected())
	defer e.set.free()
	res := &Result{Engine: "bfs", Workers: opts.Workers}

	w0 := e.newWorker()
	e.initLevel(w0)
	e.tickets.Store(opts.MaxStates - e.set.len())
	depth := 0
	for len(e.level) > 0 && !e.mo.stopped() {
		// Visit wants every state, even once nothing is left to decide.
		if (e.v.settle() && visit == nil) || (opts.StopAtFirst && e.v.anyViolation()) {
			e.mo.stop("every property decided")
			break
		}
		if opts.MaxDepth > 0 && depth >= opts.MaxDepth {
			e.mo.stop("max depth")
			break
		}
		e.mo.depth.Store(int64(depth))
		e.set.sweepBefore(depth + 1)
		e.expandLevel(depth)
		if len(e.level) > 0 {
			depth++
		}
		if opts.MaxStates > 0 && e.set.len() >= opts.MaxStates && len(e.level) > 0 {
			e.mo.stop("max states")
		}
	}
	e.v.settle()
	res.Elapsed = e.mo.finish()
	res.Complete = len(e.level) == 0 && !e.lost.Load() // a panic sets lost
	if !res.Complete {
		res.StopReason = e.mo.stopReason()
	}
	res.Generated = e.mo.generated.Load()
	res.Distinct = e.set.len()
	res.MaxDepth = depth
	res.PeakRSS = peakRSS()
	res.Collision = collision(res.Distinct)
	k := newKeyer[S](m, opts.Symmetry)
	res.Properties = e.v.results(res.Complete, "bfs", func(d discovery, step func(S, A, S) bool) (*model.Trace, error) {
		if d.fp == 0 {
			return nil, nil
		}
		fps, err := e.set.chain(d.fp)
		if err != nil {
			return nil, err
		}
		tr, err := traceByFingerprints(m, &k, fps)
		if err != nil || step == nil {
			return tr, err
		}
		return tr, extendByStep(m, tr, step)
	})
	return res, nil
}

// initLevel stores the initial states as level 0.
func (e *bfsRun[S, A]) initLevel(w *bfsWorker[S, A]) {
	defer func() {
		if r := recover(); r != nil {
			e.v.recordPanic(r, "Init", 0, 0, 0, nil)
			e.lost.Store(true)
			e.mo.stop("panic")
		}
	}()
	e.m.Init(func(s S) {
		fp := w.k.fp(s)
		r := e.set.insert(fp, fp, 0)
		for r == insertFull {
			if err := e.set.grow(); err != nil {
				e.lost.Store(true)
				e.mo.stop("memory budget")
				return
			}
			r = e.set.insert(fp, fp, 0)
		}
		if r == insertNew {
			e.set.added(fp)
			w.emit(&succ[S]{fp: fp, parent: fp, s: s}, 0)
		}
	})
	w.distinct = 0
	w.closeOut()
	e.level = w.outBlocks
	e.mo.distinct.Store(e.set.len())
}

// expandLevel expands every state of e.level on opts.Workers goroutines and
// replaces e.level with the next level.
func (e *bfsRun[S, A]) expandLevel(depth int) {
	e.next.Store(0)
	e.mo.queue.Store(int64(len(e.level)) * blockLen)
	workers := make([]*bfsWorker[S, A], e.opts.Workers)
	var wg sync.WaitGroup
	for i := range workers {
		w := e.newWorker()
		w.depth, w.tag = depth, levelTag(depth+1)
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run()
		}()
	}
	wg.Wait()
	if e.exhausted.Load() {
		e.mo.stop("max states")
	}
	if e.panicked.Load() {
		// The level ran to its end, so every panic in it was recorded and
		// the one reported (the shallowest, then smallest fingerprint)
		// does not depend on the number of workers.
		e.mo.stop("panic")
	}
	var next []block[S]
	for _, w := range workers {
		w.closeOut()
		next = append(next, w.outBlocks...)
	}
	// Blocks left unexpanded by a stop stay where they are: the level is
	// incomplete and the run reports so.
	if e.mo.stopped() && int(e.next.Load()) < len(e.level) {
		return
	}
	e.level = next
}

// modelPanicked records a panic of model code on the state fp at depth
// (call it from the deferred function that recovered): the level runs to
// its end, and the run stops there, incomplete.
func (e *bfsRun[S, A]) modelPanicked(r any, what string, depth int, fp uint64) {
	e.v.recordPanic(panicText(r), what, depth, fp, 0, nil)
	e.lost.Store(true)
	e.panicked.Store(true)
}

// draw takes a share of the states MaxStates still allows: half of what is
// left divided among the workers (at least one state), so shares shrink as
// the limit nears. It returns 0 when nothing is left. Without a limit every
// share is unbounded.
func (e *bfsRun[S, A]) draw() int64 {
	if e.opts.MaxStates == 0 {
		return math.MaxInt64
	}
	for {
		left := e.tickets.Load()
		if left <= 0 {
			return 0
		}
		g := max(1, left/int64(2*e.opts.Workers))
		if e.tickets.CompareAndSwap(left, left-g) {
			return g
		}
	}
}

// visitState calls the Visit callback for a state the level expanded.
// steps is the number of steps enabled in s, or -1 when s is outside the
// state constraint and was not expanded.
func (e *bfsRun[S, A]) visitState(s S, depth, steps int) {
	callVisit(&e.visitMu, e.visit, e.v.finals, s, depth, steps)
}

// callVisit hands a state to a Visit callback, serialized by mu: steps is
// the number of steps enabled in s, or -1 outside the state constraint.
func callVisit[S any](mu *sync.Mutex, visit func(S, Visited), finals model.Finaler[S], s S, depth, steps int) {
	v := Visited{Depth: depth, Boundary: steps < 0, Terminal: steps == 0}
	v.Final = v.Terminal && (finals == nil || finals.Final(s))
	mu.Lock()
	defer mu.Unlock()
	visit(s, v)
}

// extendByStep appends to tr the first step from its last state that
// violates step, as Next orders them. Under symmetry the rebuilt state may
// be a permutation of the one whose step was found; a symmetric step
// property fails on the permuted step too.
func extendByStep[S, A any](m model.Model[S, A], tr *model.Trace, step func(S, A, S) bool) error {
	s := tr.Steps[len(tr.Steps)-1].State.(S)
	acts, nexts := collectNext(m, s, nil, nil)
	for j, t := range nexts {
		if !step(s, acts[j], t) {
			tr.Path = append(tr.Path, j)
			tr.Steps = append(tr.Steps, model.Step{Action: fmt.Sprint(acts[j]), State: t})
			return nil
		}
	}
	return fmt.Errorf("%w: no step from the last state violates the step property; %s", ErrReplay, replayHint)
}
