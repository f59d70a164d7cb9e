package explore

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/protocheck/protocheck/model"
)

// random runs seeded random walks. Walk w uses the seed opts.Seed+w, so
// `-seed <that> -walks 1` replays walk w alone. Every state of every walk
// is checked (not only states new to the visited set), so with a fixed
// number of walks the discoveries, and the walk each is reported from (the
// lowest-numbered; in a swarm the shallowest discovery, then the
// lowest-numbered walk), do not depend on the number of workers. Under a
// time limit the walks that ran depend on speed. In a swarm
// (opts.Shard.Count > 0) the shard's plan (planShard) sets the seeds, the
// walk depth and the choice among enabled steps.
func random[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	if err := prepare(m, &opts); err != nil {
		return nil, err
	}
	if err := validShard(opts.Shard); err != nil {
		return nil, err
	}
	if opts.Walks == 0 && opts.Time == 0 && opts.MaxStates == 0 {
		opts.Walks = 1000
	}
	plan, swarm := planShard(&opts), opts.Shard.Count > 0
	mo := newMonitor(&opts) // the clock counts mapping in a presized set
	set := newFPSet(opts.Memory, opts.Workers, opts.expected())
	defer set.free()
	v := newVerdicts(m)
	var walks, done atomic.Int64
	var deepest atomic.Int64
	var wg sync.WaitGroup
	inits := collectInit(m)
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &walker[S, A]{m: m, opts: &opts, plan: &plan, swarm: swarm, set: set, v: v, mo: mo, inits: inits,
				deepest: &deepest, k: newKeyer[S](m, opts.Symmetry), within: constraintOf(m)}
			for !mo.stopped() {
				n := walks.Add(1) - 1
				if opts.Walks > 0 && n >= opts.Walks {
					return
				}
				w.walk(uint64(n))
				mo.depth.Store(done.Add(1))
				if overBudget(opts.Memory) {
					mo.stop("memory budget")
				}
			}
		}()
	}
	wg.Wait()
	res := &Result{Engine: "random", Workers: opts.Workers, Seed: opts.Seed}
	res.Elapsed = mo.finish()
	if opts.Shard.Report != nil {
		opts.Shard.Report(shardReport(plan, done.Load(), v, set, swarm))
	}
	res.StopReason = mo.stopReason()
	if res.StopReason == "" {
		res.StopReason = fmt.Sprintf("random simulation of %d walks", done.Load())
	}
	for i := range v.found {
		if d := &v.found[i]; d.ok {
			d.msg = strings.TrimPrefix(d.msg+"; ", "; ") + where(walkOf(d.order, swarm), opts.Seed, opts.Shard)
		}
	}
	res.Generated = mo.generated.Load()
	res.Distinct = set.len()
	res.MaxDepth = int(deepest.Load())
	res.PeakRSS = peakRSS()
	res.Collision = collision(res.Distinct)
	res.Properties = v.results(false, "random", nil)
	return res, nil
}

// walker runs walks on one goroutine, reusing its step buffers.
type walker[S, A any] struct {
	m       model.Model[S, A]
	opts    *Options
	plan    *ShardPlan // seeds, walk depth and step choice (a plain run: shard 0's)
	swarm   bool       // rank discoveries by depth, then walk (see order)
	set     *fpSet
	v       *verdicts[S, A]
	mo      *monitor
	k       keyer[S]
	within  func(S) bool // the state constraint; nil: none
	inits   []S
	deepest *atomic.Int64 // the longest walk so far, in steps
	acts    []A
	nexts   []S
	path    []int // the walk so far: index path, labels and states
	labels  []A
	states  []S
}

// walk runs walk number n.
func (w *walker[S, A]) walk(n uint64) {
	seed := w.plan.Seed + n
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	w.path, w.labels, w.states = w.path[:0], w.labels[:0], w.states[:0]
	defer func() {
		if r := recover(); r != nil {
			w.v.recordPanic(panicText(r), "the model at the end of the trace", len(w.path)-1, 0, w.order(len(w.path)-1, n), w.tracePath)
			w.mo.stop("panic")
		}
	}()
	if len(w.inits) == 0 {
		return
	}
	i := rng.IntN(len(w.inits))
	var zero A
	w.step(i, zero, w.inits[i], n)
	for d := 0; d < w.plan.WalkDepth && !w.mo.stopped(); d++ {
		s := w.states[len(w.states)-1]
		if w.within != nil && !w.within(s) {
			return // outside the state constraint: the walk ends here, not a deadlock
		}
		w.acts, w.nexts = collectNext(w.m, s, w.acts[:0], w.nexts[:0])
		w.mo.generated.Add(int64(len(w.nexts)))
		if len(w.nexts) == 0 {
			w.v.recordDeadlock(s, d, 0, w.order(d, n), w.tracePath)
			return
		}
		if len(w.v.stepOpen) > 0 {
			for j := range w.nexts {
				w.v.checkStep(s, w.acts[j], w.nexts[j], d+1, 0, w.order(d+1, n), func() *model.Trace { return w.pathThrough(j) })
			}
		}
		j := w.plan.pick(rng, len(w.nexts))
		w.step(j, w.acts[j], w.nexts[j], n)
	}
}

// step appends a state to the walk and checks it.
func (w *walker[S, A]) step(idx int, a A, s S, n uint64) {
	w.path = append(w.path, idx)
	w.labels = append(w.labels, a)
	w.states = append(w.states, s)
	fp := w.k.fp(s)
	isNew, err := w.set.insertOne(fp)
	if err != nil {
		w.mo.stop("memory budget")
	}
	if isNew {
		w.mo.distinct.Add(1)
	}
	depth := len(w.path) - 1
	for old := w.deepest.Load(); int64(depth) > old && !w.deepest.CompareAndSwap(old, int64(depth)); old = w.deepest.Load() {
	}
	w.v.check(s, depth, 0, w.order(depth, n), w.tracePath)
	if w.opts.MaxStates > 0 && w.mo.distinct.Load() >= w.opts.MaxStates {
		w.mo.stop("max states")
	}
}

// order is the rank of a discovery at depth in walk n (the smaller wins):
// the walk number, or in a swarm the depth and then the walk number.
func (w *walker[S, A]) order(depth int, n uint64) uint64 {
	if !w.swarm {
		return n
	}
	return uint64(min(depth, 1<<(64-shardOrderBits)-1))<<shardOrderBits | n&(1<<shardOrderBits-1)
}

// where names walk n of a run with base seed seed and how to replay it
// alone.
func where(n, seed uint64, sh Shard) string {
	if sh.Count == 0 {
		return fmt.Sprintf("walk %d, seed %d (replay it alone with -engine random -seed %d -walks 1 -workers 1)", n, seed+n, seed+n)
	}
	return fmt.Sprintf("walk %d of shard %d/%d, walk seed %d (replay it alone with -engine random -shard %d/%d -seed %d -walks 1 -workers 1)",
		n, sh.Index, sh.Count, seed+uint64(sh.Index)<<shardOrderBits+n, sh.Index, sh.Count, seed+n)
}

// pathThrough returns the walk so far extended by step j of its last state.
func (w *walker[S, A]) pathThrough(j int) *model.Trace {
	tr := w.tracePath()
	tr.Path = append(tr.Path, j)
	tr.Steps = append(tr.Steps, model.Step{Action: fmt.Sprint(w.acts[j]), State: w.nexts[j]})
	return tr
}

// tracePath returns the walk so far as a trace.
func (w *walker[S, A]) tracePath() *model.Trace {
	tr := &model.Trace{Loop: -1, Path: append([]int(nil), w.path...)}
	for i, s := range w.states {
		step := model.Step{State: s}
		if i > 0 {
			step.Action = fmt.Sprint(w.labels[i])
		}
		tr.Steps = append(tr.Steps, step)
	}
	return tr
}
