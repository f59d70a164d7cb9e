package explore

import (
	"fmt"
	"runtime/debug"
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
	m     model.Model[S, A]
	opts  Options
	set   *fpSet
	pool  blockPool[S]
	v     *verdicts[S]
	mo    *monitor
	level [][]item[S] // blocks of the level being expanded
	next  atomic.Int64
	lost  atomic.Bool // states were dropped (memory budget, panic): never complete
}

func bfs[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	if err := prepare(m, &opts); err != nil {
		return nil, err
	}
	e := &bfsRun[S, A]{m: m, opts: opts, v: newVerdicts(m)}
	e.set = newFPSet(opts.Memory)
	defer e.set.free()
	e.mo = newMonitor(&e.opts)
	res := &Result{Engine: "bfs", Workers: opts.Workers}

	w0 := e.newWorker()
	e.initLevel(w0)
	depth := 0
	for len(e.level) > 0 && !e.mo.stopped() {
		if e.v.settle() || (opts.StopAtFirst && e.v.anyViolation()) {
			e.mo.stop("every property decided")
			break
		}
		if opts.MaxDepth > 0 && depth >= opts.MaxDepth {
			e.mo.stop("max depth")
			break
		}
		e.mo.depth.Store(int64(depth))
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
	res.Properties = e.v.results(res.Complete, "bfs", func(d discovery) (*model.Trace, error) {
		if d.fp == 0 {
			return nil, nil
		}
		fps, err := e.set.chain(d.fp)
		if err != nil {
			return nil, err
		}
		return traceByFingerprints(m, &k, fps)
	})
	return res, nil
}

// prepare validates opts, filling in defaults, for a run of m.
func prepare[S, A any](m model.Model[S, A], opts *Options) error {
	if err := opts.validate(); err != nil {
		return err
	}
	return checkSymmetry(m, *opts)
}

// checkSymmetry rejects Options.Symmetry for a model that declares none.
func checkSymmetry[S, A any](m model.Model[S, A], opts Options) error {
	if !opts.Symmetry {
		return nil
	}
	if _, ok := m.(model.Symmetric[S]); !ok {
		return fmt.Errorf("%w: symmetry reduction asked for, but the model declares no symmetry (model.Symmetric)", ErrOptions)
	}
	return nil
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
	var next [][]item[S]
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

// newWorker returns a worker with its own key buffer and batch.
func (e *bfsRun[S, A]) newWorker() *bfsWorker[S, A] {
	w := &bfsWorker[S, A]{e: e, k: newKeyer[S](e.m, e.opts.Symmetry)}
	w.batch = make([]succ[S], 0, batchLen)
	w.out = e.pool.get()
	w.yield = w.onSuccessor
	return w
}

// bfsWorker expands blocks of states. Its counters are published to the
// monitor once per block.
type bfsWorker[S, A any] struct {
	e         *bfsRun[S, A]
	k         keyer[S]
	depth     int    // depth of the states expanded
	tag       uint64 // freshness tag of the states inserted (depth+1)
	curFP     uint64
	nsucc     int
	checking  *succ[S] // the new state whose properties are being evaluated
	batch     []succ[S]
	out       []item[S]
	outBlocks [][]item[S]
	pending   []succ[S] // inserts refused by a full segment, retried after growing
	generated int64
	distinct  int64
	counts    [segCount]int32 // new entries per segment, not yet added to the set
	yield     func(A, S)
}

func (w *bfsWorker[S, A]) run() {
	e := w.e
	for !e.mo.stopped() {
		bi := int(e.next.Add(1) - 1)
		if bi >= len(e.level) {
			return
		}
		b := e.level[bi]
		w.expandBlock(b)
		e.set.addCounts(&w.counts)
		e.mo.generated.Add(w.generated)
		e.mo.distinct.Add(w.distinct)
		e.mo.queue.Add(w.distinct - int64(len(b)))
		w.generated, w.distinct = 0, 0
		e.pool.put(b)
		w.settleSet()
		if e.opts.MaxStates > 0 && e.mo.distinct.Load() >= e.opts.MaxStates {
			e.mo.stop("max states")
		}
	}
}

// expandBlock expands the states of b under the set's read lock.
func (w *bfsWorker[S, A]) expandBlock(b []item[S]) {
	e := w.e
	e.set.mu.RLock()
	defer e.set.mu.RUnlock()
	defer w.recoverPanic()
	w.settleBlock(b)
	for i := range b {
		it := &b[i]
		w.curFP = it.fp
		w.nsucc = 0
		e.m.Next(it.s, w.yield)
		if w.nsucc == 0 {
			e.v.recordDeadlock(it.s, w.depth, it.fp, 0, nil)
		}
	}
	w.flush()
}

// settleBlock fixes the parents of the states about to be expanded: no
// more parents can come for them. The look-ups are issued in batches.
func (w *bfsWorker[S, A]) settleBlock(b []item[S]) {
	set := w.e.set
	for lo := 0; lo < len(b); lo += batchLen {
		hi := min(lo+batchLen, len(b))
		for i := lo; i < hi; i++ {
			set.prefetch(b[i].fp)
		}
		for i := lo; i < hi; i++ {
			set.settle(b[i].fp)
		}
	}
}

func (w *bfsWorker[S, A]) recoverPanic() {
	r := recover()
	if r == nil {
		return
	}
	msg := fmt.Sprintf("%v\n%s", r, debug.Stack())
	if w.checking != nil {
		w.e.v.recordPanic(msg, "a property of the last state", w.depth+1, w.checking.fp, 0, nil)
	} else {
		w.e.v.recordPanic(msg, "Next, AppendKey or Canonical from the last state", w.depth, w.curFP, 0, nil)
	}
	w.batch, w.checking = w.batch[:0], nil
	w.e.lost.Store(true)
	w.e.mo.stop("panic")
}

func (w *bfsWorker[S, A]) onSuccessor(_ A, t S) {
	w.nsucc++
	w.generated++
	fp := w.k.fp(t)
	if fp == w.curFP {
		return // a step back to the same state: nothing to look up
	}
	w.batch = append(w.batch, succ[S]{fp: fp, parent: w.curFP, s: t})
	w.e.set.prefetch(fp)
	if len(w.batch) == batchLen {
		w.flush()
	}
}

// flush looks up and inserts the batched successors.
func (w *bfsWorker[S, A]) flush() {
	set := w.e.set
	for i := range w.batch {
		it := &w.batch[i]
		switch set.insert(it.fp, it.parent, w.tag) {
		case insertNew:
			w.counts[segOf(it.fp)]++
			w.emit(it, w.depth+1)
		case insertFull:
			w.pending = append(w.pending, *it)
		}
	}
	clear(w.batch)
	w.batch = w.batch[:0]
}

// emit checks a new state's properties and appends it to the next level.
func (w *bfsWorker[S, A]) emit(it *succ[S], depth int) {
	w.distinct++
	if len(w.e.v.open) > 0 {
		w.checking = it
		w.e.v.check(it.s, depth, it.fp, 0, nil)
		w.checking = nil
	}
	w.out = append(w.out, item[S]{fp: it.fp, s: it.s})
	if len(w.out) == blockLen {
		w.outBlocks = append(w.outBlocks, w.out)
		w.out = w.e.pool.get()
	}
}

// settleSet grows the set if a segment asked for it and retries the inserts
// a full segment refused.
func (w *bfsWorker[S, A]) settleSet() {
	e := w.e
	for (e.set.needGrow.Load() || len(w.pending) > 0) && !e.mo.stopped() {
		if err := e.set.grow(); err != nil {
			e.lost.Store(true)
			e.mo.stop("memory budget")
			return
		}
		pending := w.pending
		w.pending = nil
		w.batch = w.batch[:0]
		for _, it := range pending {
			w.batch = append(w.batch, it)
			if len(w.batch) == batchLen {
				w.flushLocked()
			}
		}
		w.flushLocked()
		e.set.addCounts(&w.counts)
		e.mo.distinct.Add(w.distinct)
		w.distinct = 0
	}
}

func (w *bfsWorker[S, A]) flushLocked() {
	w.e.set.mu.RLock()
	defer w.e.set.mu.RUnlock()
	defer w.recoverPanic()
	w.flush()
}

// closeOut moves the partly filled output block to the finished ones.
func (w *bfsWorker[S, A]) closeOut() {
	if len(w.out) > 0 {
		w.outBlocks = append(w.outBlocks, w.out)
		w.out = nil
	}
}
