package bfs

import (
	"context"
	"fmt"

	"github.com/protocheck/protocheck/beam/store"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// traceOf rebuilds the shortest path to a discovery: it walks the parent
// records back from the state to an initial state, turns the fingerprints
// into an index path (at each step the first enabled step that reaches the
// next fingerprint, as explore does) and replays it. For a step property,
// the trace ends with the first step from the discovered state that
// violates it.
func traceOf(ctx context.Context, w *worker, dir string, shards, slot int, d discovery) (*model.Trace, error) {
	depth := d.depth
	if w.isStepSlot(slot) {
		depth-- // a step discovery is its source state, at the depth of the state the step reaches
	}
	fps, err := store.Chain(ctx, dir, depth, shards, d.fp)
	if err != nil {
		return nil, err
	}
	path, err := w.pathOf(fps)
	if err != nil {
		return nil, err
	}
	if w.isStepSlot(slot) {
		j, err := w.violatingStep(path, w.stepOf(slot))
		if err != nil {
			return nil, err
		}
		path = append(path, j)
	}
	return explore.Replay(w.m, path)
}

// pathOf turns a chain of fingerprints (an initial state first) into an
// index path.
func (w *worker) pathOf(fps []uint64) ([]int, error) {
	var inits []any
	w.m.Init(func(s any) { inits = append(inits, s) })
	path := []int{-1}
	var s any
	for i, t := range inits {
		if w.k.fp(t) == fps[0] {
			path[0], s = i, t
			break
		}
	}
	if path[0] < 0 {
		return nil, fmt.Errorf("%w: no initial state has fingerprint %#x", explore.ErrReplay, fps[0])
	}
	for i, want := range fps[1:] {
		j, ok := -1, false
		var next any
		w.m.Next(s, func(_, t any) {
			j++
			if !ok && w.k.fp(t) == want {
				next, ok = t, true
				path = append(path, j)
			}
		})
		if !ok {
			return nil, fmt.Errorf("%w: step %d: no successor has fingerprint %#x", explore.ErrReplay, i+1, want)
		}
		s = next
	}
	return path, nil
}

// violatingStep returns the index of the first step from the end of path
// that violates step property j.
func (w *worker) violatingStep(path []int, j int) (int, error) {
	tr, err := explore.Replay(w.m, path)
	if err != nil {
		return 0, err
	}
	s := tr.Steps[len(tr.Steps)-1].State
	idx, found := -1, -1
	w.m.Next(s, func(a, t any) {
		idx++
		if found < 0 && !w.steps[j].Holds(s, a, t) {
			found = idx
		}
	})
	if found < 0 {
		return 0, fmt.Errorf("%w: no step from the last state violates %q", explore.ErrReplay, w.steps[j].Name)
	}
	return found, nil
}
