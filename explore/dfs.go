package explore

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// dfsFrame is one state on the DFS stack with its enabled steps.
type dfsFrame[S, A any] struct {
	s     S
	acts  []A
	nexts []S
	next  int // index of the next step to try
	via   int // index of the step (or initial state) that reached s
}

// dfsRun is one depth-first exploration: a single goroutine, a stack of
// frames whose step slices are reused level by level, and the same visited
// set as BFS. Traces come straight from the stack, so they are not shortest.
type dfsRun[S, A any] struct {
	m         model.Model[S, A]
	opts      Options
	set       *fpSet
	v         *verdicts[S, A]
	mo        *monitor
	k         keyer[S]
	within    func(S) bool // the state constraint; nil: none
	stack     []*dfsFrame[S, A]
	depth     int // frames in use
	cut       bool
	maxDepth  int
	generated int64
	distinct  int64
}

func dfs[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	if err := prepare(m, &opts); err != nil {
		return nil, err
	}
	e := &dfsRun[S, A]{m: m, opts: opts, v: newVerdicts(m), k: newKeyer[S](m, opts.Symmetry), within: constraintOf(m)}
	e.mo = newMonitor(&e.opts) // the clock counts mapping in a presized set
	e.set = newFPSet(opts.Memory, 1, opts.expected())
	defer e.set.free()
	panicked := e.explore()
	res := &Result{Engine: "dfs", Workers: 1}
	res.Elapsed = e.mo.finish()
	res.Complete = !e.cut && !panicked && !e.mo.stopped()
	if !res.Complete {
		res.StopReason = e.mo.stopReason()
		if res.StopReason == "" && e.cut {
			res.StopReason = "max depth"
		}
	}
	res.Generated = e.generated
	res.Distinct = e.set.len()
	res.MaxDepth = e.maxDepth
	res.PeakRSS = peakRSS()
	res.Collision = collision(res.Distinct)
	res.Properties = e.v.results(res.Complete, "dfs", nil)
	return res, nil
}

// explore runs the search and reports whether model code panicked.
func (e *dfsRun[S, A]) explore() (panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			e.v.recordPanic(panicText(r), "the model at the end of the trace", e.depth, 0, 0, e.path)
			panicked = true
		}
	}()
	inits := collectInit(e.m)
	for i, s := range inits {
		if e.visit(s, i) {
			e.search()
		}
		if e.mo.stopped() {
			return false
		}
	}
	return false
}

// visit records s, reached by step via, and pushes it if it is new.
func (e *dfsRun[S, A]) visit(s S, via int) bool {
	isNew, err := e.set.insertOne(e.k.fp(s))
	if err != nil {
		e.mo.stop("memory budget")
	}
	if !isNew {
		return false
	}
	e.distinct++
	e.push(s, via)
	e.v.check(s, e.depth-1, 0, 0, e.path)
	n := e.distinct
	if n%memCheckEvery == 0 {
		e.mo.distinct.Store(n)
		e.mo.generated.Store(e.generated)
		e.mo.depth.Store(int64(e.depth))
		if overBudget(e.opts.Memory) {
			e.mo.stop("memory budget")
		}
	}
	if e.opts.MaxStates > 0 && n >= e.opts.MaxStates {
		e.mo.stop("max states")
	}
	return true
}

func (e *dfsRun[S, A]) push(s S, via int) {
	if e.depth == len(e.stack) {
		e.stack = append(e.stack, &dfsFrame[S, A]{})
	}
	f := e.stack[e.depth]
	f.s, f.via, f.next = s, via, 0
	f.acts, f.nexts = f.acts[:0], f.nexts[:0]
	e.depth++
	e.maxDepth = max(e.maxDepth, e.depth-1)
}

// search explores depth first from the frame on top of the stack until the
// stack is back below it.
func (e *dfsRun[S, A]) search() {
	base := e.depth - 1
	e.expand()
	for e.depth > base && !e.mo.stopped() {
		f := e.stack[e.depth-1]
		if f.next == len(f.nexts) {
			e.depth--
			continue
		}
		i := f.next
		f.next++
		if e.visit(f.nexts[i], i) {
			e.expand()
		}
	}
	e.depth = base
}

// expand fills the top frame's steps, unless its state is outside the
// state constraint or at the depth bound, and checks the step properties
// on every step.
func (e *dfsRun[S, A]) expand() {
	f := e.stack[e.depth-1]
	if e.within != nil && !e.within(f.s) {
		return // outside the state constraint: no successors, not a deadlock
	}
	if e.opts.MaxDepth > 0 && e.depth-1 >= e.opts.MaxDepth {
		e.cut = true
		return
	}
	f.acts, f.nexts = collectNext(e.m, f.s, f.acts[:0], f.nexts[:0])
	e.generated += int64(len(f.nexts))
	if len(f.nexts) == 0 {
		e.v.recordDeadlock(f.s, e.depth-1, 0, 0, e.path)
	}
	if len(e.v.stepOpen) > 0 {
		for i := range f.nexts {
			e.v.checkStep(f.s, f.acts[i], f.nexts[i], e.depth, 0, 0, func() *model.Trace { return e.pathThrough(f, i) })
		}
	}
}

// pathThrough returns the trace of the current stack, whose top frame is
// f, extended by f's step i.
func (e *dfsRun[S, A]) pathThrough(f *dfsFrame[S, A], i int) *model.Trace {
	tr := e.path()
	tr.Path = append(tr.Path, i)
	tr.Steps = append(tr.Steps, model.Step{Action: fmt.Sprint(f.acts[i]), State: f.nexts[i]})
	return tr
}

// path returns the trace of the current stack.
func (e *dfsRun[S, A]) path() *model.Trace {
	tr := &model.Trace{Loop: -1}
	for d := 0; d < e.depth; d++ {
		f := e.stack[d]
		tr.Path = append(tr.Path, f.via)
		step := model.Step{State: f.s}
		if d > 0 {
			step.Action = fmt.Sprint(e.stack[d-1].acts[f.via])
		}
		tr.Steps = append(tr.Steps, step)
	}
	return tr
}
