package explore

import (
	"math"
)

// newWorker returns a worker with its own key buffer and batch.
func (e *bfsRun[S, A]) newWorker() *bfsWorker[S, A] {
	w := &bfsWorker[S, A]{e: e, k: newKeyer[S](e.m, e.opts.Symmetry)}
	w.batch = make([]succ[S], 0, batchLen)
	w.out = e.store.get()
	w.yield = w.onSuccessor
	w.steps = len(e.v.stepOpen) > 0 // stepOpen changes only between levels, and workers live one level
	if e.opts.MaxStates == 0 {
		w.grant = math.MaxInt64
	}
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
	from      *S   // the state being expanded, for step properties
	steps     bool // step properties are still open
	nsucc     int
	batch     []succ[S]
	in        []item[S] // the block being expanded, unpacked (see store.open)
	out       []item[S]
	outBlocks []block[S]
	pending   []succ[S] // inserts refused by a full segment, retried after growing
	generated int64
	distinct  int64
	grant     int64           // new states this worker may add under MaxStates (see draw)
	added     int64           // new states added since the last grant
	counts    [segCount]int32 // new entries per segment, not yet added to the set
	yield     func(A, S)
}

func (w *bfsWorker[S, A]) run() {
	e := w.e
	if e.opts.MaxStates > 0 {
		defer func() { e.tickets.Add(w.grant - w.added) }() // give back what is left of the share
	}
	defer func() { e.store.put(w.in) }()
	for !e.mo.stopped() {
		bi := int(e.next.Add(1) - 1)
		if bi >= len(e.level) {
			return
		}
		b := e.level[bi]
		states := e.store.open(b, &w.in)
		more := w.expandBlock(states)
		e.set.addCounts(&w.counts)
		e.mo.generated.Add(w.generated)
		e.mo.distinct.Add(w.distinct)
		e.mo.queue.Add(w.distinct - int64(len(states)))
		w.generated, w.distinct = 0, 0
		e.store.done(b)
		w.settleSet()
		if overBudget(e.opts.Memory) {
			e.mo.stop("memory budget")
		}
		if !more {
			return
		}
	}
}

// expandBlock expands the states of b under the set's read lock. Before
// each state it checks the worker's share of MaxStates, counting the
// successors still batched or pending as new, so the worker adds fewer
// than one state's successors beyond its share. It reports false when
// MaxStates allows no more states: the rest of b stays unexpanded.
func (w *bfsWorker[S, A]) expandBlock(b []item[S]) bool {
	e := w.e
	e.set.mu.RLock()
	defer e.set.mu.RUnlock()
	defer w.recoverPanic()
	for i := range b {
		it := &b[i]
		w.curFP, w.from = it.fp, &it.s
		if e.within != nil && !w.inside(it) {
			continue // outside the state constraint (or Within panicked): not expanded, not a deadlock
		}
		if w.added+int64(len(w.batch)+len(w.pending)) >= w.grant && !w.regrant() {
			e.lost.Store(true) // the rest of the block stays unexpanded
			w.from = nil
			return false
		}
		w.expandOne(it)
	}
	w.from = nil
	w.flush()
	return true
}

// inside reports whether the state is within the state constraint. A
// panic in Within is recorded for the state (which is then not expanded),
// as for a panic in Next.
func (w *bfsWorker[S, A]) inside(it *item[S]) (in bool) {
	defer w.recoverState()
	if in = w.e.within(it.s); !in && w.e.visit != nil {
		w.e.visitState(it.s, w.depth, -1)
	}
	return in
}

// expandOne expands one state. A panic in model code is recorded for the
// state, and the level goes on: the run stops at its end (see expandLevel).
func (w *bfsWorker[S, A]) expandOne(it *item[S]) {
	e := w.e
	defer w.recoverState()
	w.nsucc = 0
	if !e.opts.POR || !w.expandAmple(it) { // partial-order reduction: por.go
		e.m.Next(it.s, w.yield)
	}
	if w.nsucc == 0 {
		e.v.recordDeadlock(it.s, w.depth, it.fp, 0, nil)
	}
	if e.visit != nil {
		e.visitState(it.s, w.depth, w.nsucc)
	}
}

// recoverState records a panic in Next, AppendKey, Canonical, Within or a
// step property on the state being expanded. The successors it yielded
// before stay batched; the rest are lost, so the run is incomplete.
func (w *bfsWorker[S, A]) recoverState() {
	r := recover()
	if r == nil {
		return
	}
	w.e.modelPanicked(r, inExpanding, w.depth, w.curFP)
}

// regrant settles a used-up share of MaxStates: it inserts the batched
// successors, charges what the share overdrew (or gives back what it did
// not use), and draws a new share. It reports false when MaxStates allows
// no more states. The run then stops at the end of the level, once the
// other workers have used their shares (see expandLevel).
func (w *bfsWorker[S, A]) regrant() bool {
	e := w.e
	w.flush()
	e.tickets.Add(w.grant - w.added - int64(len(w.pending)))
	w.grant, w.added = e.draw(), 0
	if w.grant == 0 {
		e.exhausted.Store(true)
		return false
	}
	return true
}

// recoverPanic reports a panic that expandOne, inside and checkNew did not
// catch (one of the engine's own) and stops the run.
func (w *bfsWorker[S, A]) recoverPanic() {
	r := recover()
	if r == nil {
		return
	}
	w.e.v.recordPanic(panicText(r), inEngine, w.depth, w.curFP, 0, nil)
	w.batch, w.from = w.batch[:0], nil
	w.e.lost.Store(true)
	w.e.mo.stop("panic")
}

func (w *bfsWorker[S, A]) onSuccessor(a A, t S) {
	w.nsucc++
	w.generated++
	if w.steps {
		w.e.v.checkStep(*w.from, a, t, w.depth+1, w.curFP, 0, nil)
	}
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
	w.added++
	if len(w.e.v.open) > 0 {
		w.checkNew(it, depth)
	}
	w.out = append(w.out, item[S]{fp: it.fp, s: it.s})
	if len(w.out) == blockLen {
		w.outBlocks = append(w.outBlocks, w.e.store.seal(&w.out))
	}
}

// checkNew checks a new state's properties. A panic in one is recorded for
// the state, which stays in the level: the run stops at the level's end.
func (w *bfsWorker[S, A]) checkNew(it *succ[S], depth int) {
	defer func() {
		if r := recover(); r != nil {
			w.e.modelPanicked(r, inChecking, depth, it.fp)
		}
	}()
	w.e.v.check(it.s, depth, it.fp, 0, nil)
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

// closeOut moves the partly filled output block to the finished ones and
// hands back the output buffer.
func (w *bfsWorker[S, A]) closeOut() {
	if w.out == nil {
		return
	}
	if len(w.out) > 0 {
		w.outBlocks = append(w.outBlocks, w.e.store.seal(&w.out))
	}
	w.e.store.put(w.out)
	w.out = nil
}
