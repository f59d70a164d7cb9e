package explore

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/protocheck/protocheck/model"
)

// Partial-order reduction (Options.POR).
//
// The model offers ample sets (model.Reducer): in a state s, a subset T of
// the enabled steps that satisfies C0 (not empty), C1 (every step of T
// commutes with any path of steps outside T, and the key steps of T stay
// enabled along every such path) and C2 (unless T is every step, no step
// of T changes a state predicate). The engine adds a proviso against
// ignoring a step forever (C3), in a breadth-first form: a state at depth
// d is expanded with T only when some key step of T leads to a state at
// depth d+1 of the reduced graph (absent from the visited set, or inserted
// during the level being expanded: its slot carries the current level's
// freshness tag); otherwise s is expanded with all its steps.
//
// What is preserved, and why. Take a path w of the full graph from a state
// s of the reduced graph to a state z. If s is fully expanded, the reduced
// graph takes w's first step. If w takes a step of T, the first one
// commutes to the front (C1): the reduced graph takes it and the rest of w
// is shorter. If it takes none, the key step k that leads one level deeper
// stays enabled along w and commutes with all of it (C1): the reduced
// graph takes k, and w leads from s.k to z.k, which no state predicate
// tells apart from z (C2). In that case w is no shorter, but the depth
// grows, which it cannot do forever in a finite graph. So some reduced
// path ends in a state with the predicates' values of z: Always and
// Sometimes keep their verdicts (Peled's C0-C3 give a reduced graph
// stuttering-equivalent over the predicates, which preserves LTL without
// next; invariants and reachability are the part used here). A state with
// no step is reached itself, since a deferred key step would still be
// enabled in it: deadlocks are preserved, and so is every terminal state
// (persistent sets alone preserve deadlocks; C2 and C3 add the rest). The
// classic BFS proviso (every step of T leads one level deeper: every cycle
// of the reduced graph holds a fully expanded state) implies this one; on
// spaces where many interleavings meet, it falls back to full expansion
// far more often.
//
// What is not. Liveness properties are Unknown under POR ("not checked
// under -por"): preserving them needs a stronger proviso and visibility of
// the fairness the liveness engine assumes, which a model does not
// declare; Check with POR runs BFS alone, never the liveness engine. Step
// properties are refused: a reduced graph leaves out steps, the violating
// one among them. Symmetry is refused with POR (the ample sets of a
// permuted state would have to be the permuted ample sets), and so are the
// disk engine (it has no hook) and a state constraint (a commuted path may
// leave it). DFS, Random and Liveness ignore POR and explore the full
// graph; the CLI refuses -por with them.
//
// Parallel BFS and determinism. The proviso asks only whether a successor
// was in the visited set before the level began, which depends on the
// reduced graph up to depth d and not on which worker inserted what during
// the level: a state another worker inserted in this level carries the
// current tag, like one not yet inserted. So the reduced graph, the counts
// and the traces (rebuilt from fingerprints by replaying the full model's
// Next, of which the ample steps are a subset) are the same for 1 and N
// workers.

// cycleProviso switches C3 off in a test that shows it matters. It is
// never false outside it.
var cycleProviso atomic.Bool

func init() { cycleProviso.Store(true) }

// checkPOR rejects Options.POR for a model that declares no reduction, and
// with what a reduction does not preserve or the engine cannot combine
// with it.
func checkPOR[S, A any](m model.Model[S, A], opts Options) error {
	if !opts.POR {
		return nil
	}
	var why string
	switch {
	case !model.HasReduction(m):
		why = "the model declares none (model.Reducer, model.Declarer)"
	case opts.Symmetry:
		why = "it does not combine with symmetry reduction"
	case opts.Disk != nil:
		why = "the disk engine does not reduce"
	case len(model.StepProperties(m)) > 0:
		why = "the model has step properties, and a reduced graph leaves out steps"
	case constraintOf(m) != nil:
		why = "the model has a state constraint, which commuted steps may leave"
	default:
		return nil
	}
	return fmt.Errorf("%w: partial-order reduction asked for, but %s", ErrOptions, why)
}

// porCheck is Check under Options.POR: BFS over the reduced graph, the
// liveness properties left Unknown.
func porCheck[S, A any](m model.Model[S, A], opts Options, visit func(S, Visited)) (*Result, error) {
	res, err := bfs(m, opts, visit)
	if err != nil {
		return nil, err
	}
	res.Engine = "bfs+por"
	for i := range res.Properties {
		if res.Properties[i].Expect.Liveness() {
			res.Properties[i].Message = "not checked under -por: partial-order reduction preserves safety and reachability only"
		}
	}
	return res, nil
}

// ampleSteps holds one state's ample steps while the proviso is checked.
type ampleSteps[S, A any] struct {
	acts  []A
	nexts []S
	keys  []bool
}

// amplePool recycles ampleSteps of whatever types a run has.
var amplePool sync.Pool

// expandAmple expands the state of it with its ample set when the model
// offers one and the cycle proviso allows it, and reports whether it did;
// when it reports false it has yielded nothing and the caller expands the
// state fully. Called by expandBlock under the set's read lock.
func (w *bfsWorker[S, A]) expandAmple(it *item[S]) bool {
	r, ok := w.e.m.(model.Reducer[S, A])
	if !ok {
		return false
	}
	sc, _ := amplePool.Get().(*ampleSteps[S, A])
	if sc == nil {
		sc = new(ampleSteps[S, A])
	}
	defer func() {
		clear(sc.acts)
		clear(sc.nexts)
		sc.acts, sc.nexts, sc.keys = sc.acts[:0], sc.nexts[:0], sc.keys[:0]
		amplePool.Put(sc)
	}()
	ample := r.Ample(it.s, func(a A, t S, key bool) {
		sc.acts = append(sc.acts, a)
		sc.nexts = append(sc.nexts, t)
		sc.keys = append(sc.keys, key)
	})
	if !ample || len(sc.nexts) == 0 || (cycleProviso.Load() && !w.deeper(sc)) {
		return false
	}
	for i := range sc.nexts {
		w.yield(sc.acts[i], sc.nexts[i])
	}
	return true
}

// deeper reports whether a key step of sc leads to a state at depth
// w.depth+1 (the proviso).
func (w *bfsWorker[S, A]) deeper(sc *ampleSteps[S, A]) bool {
	for i, key := range sc.keys {
		if key && w.nextLevel(w.k.fp(sc.nexts[i])) {
			return true
		}
	}
	return false
}

// nextLevel reports whether the state with fingerprint fp is at depth
// w.depth+1: absent from the visited set, or inserted during this level
// (its slot's tag is w.tag, or its parent is still being written). Every
// state at depth w.depth or less was inserted before the level began and
// carries another tag or none.
func (w *bfsWorker[S, A]) nextLevel(fp uint64) bool {
	if fp == w.curFP {
		return false // a step back to the same state: a cycle of one
	}
	sl := w.e.set.find(fp)
	if sl == nil {
		return true
	}
	p := atomic.LoadUint64(&sl.parent)
	return p == 0 || tagOf(atomic.LoadUint64(&sl.fp), p) == w.tag
}
