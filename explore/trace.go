package explore

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// ErrReplay is wrapped by every error about a path that does not replay:
// an index out of range, or a step that does not reach the state recorded.
var ErrReplay = errors.New("explore: replay diverged")

// replayHint explains the usual cause of a path that does not replay.
const replayHint = "the model is not deterministic: Init/Next must yield steps in the same order every time " +
	"(never range over a map to produce steps or keys) and must not mutate their input"

func replay[S, A any](m model.Model[S, A], path []int) (*model.Trace, error) {
	if len(path) == 0 {
		return nil, fmt.Errorf("%w: empty path", ErrReplay)
	}
	inits := collectInit(m)
	if path[0] < 0 || path[0] >= len(inits) {
		return nil, fmt.Errorf("%w: initial state %d of %d", ErrReplay, path[0], len(inits))
	}
	s := inits[path[0]]
	tr := &model.Trace{Path: append([]int(nil), path...), Loop: -1, Steps: []model.Step{{State: s}}}
	var acts []A
	var nexts []S
	for i, idx := range path[1:] {
		acts, nexts = collectNext(m, s, acts[:0], nexts[:0])
		if idx < 0 || idx >= len(nexts) {
			return tr, fmt.Errorf("%w: step %d: index %d of %d enabled steps", ErrReplay, i+1, idx, len(nexts))
		}
		s = nexts[idx]
		tr.Steps = append(tr.Steps, model.Step{Action: fmt.Sprint(acts[idx]), State: s})
	}
	return tr, nil
}

func collectInit[S, A any](m model.Model[S, A]) []S {
	var inits []S
	m.Init(func(s S) { inits = append(inits, s) })
	return inits
}

func collectNext[S, A any](m model.Model[S, A], s S, acts []A, nexts []S) ([]A, []S) {
	m.Next(s, func(a A, t S) {
		acts = append(acts, a)
		nexts = append(nexts, t)
	})
	return acts, nexts
}

// traceByFingerprints rebuilds a trace through the states whose
// fingerprints are fps (an initial state first): at each step it takes the
// first enabled step that reaches the next fingerprint, so the result is
// deterministic.
func traceByFingerprints[S, A any](m model.Model[S, A], k *keyer[S], fps []uint64) (*model.Trace, error) {
	inits := collectInit(m)
	tr := &model.Trace{Loop: -1}
	start := -1
	for i, s := range inits {
		if k.fp(s) == fps[0] {
			start = i
			tr.Steps = append(tr.Steps, model.Step{State: s})
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("%w: no initial state has fingerprint %#x; %s", ErrReplay, fps[0], replayHint)
	}
	tr.Path = append(tr.Path, start)
	s := inits[start]
	var acts []A
	var nexts []S
	for i, want := range fps[1:] {
		acts, nexts = collectNext(m, s, acts[:0], nexts[:0])
		j := -1
		for n, t := range nexts {
			if k.fp(t) == want {
				j = n
				break
			}
		}
		if j < 0 {
			return tr, fmt.Errorf("%w: step %d: no successor has fingerprint %#x; %s", ErrReplay, i+1, want, replayHint)
		}
		s = nexts[j]
		tr.Path = append(tr.Path, j)
		tr.Steps = append(tr.Steps, model.Step{Action: fmt.Sprint(acts[j]), State: s})
	}
	return tr, nil
}

// chain walks parents back from fp to an initial state and returns the
// fingerprints from the initial state to fp.
func (t *fpSet) chain(fp uint64) ([]uint64, error) {
	var back []uint64
	for {
		back = append(back, fp)
		p, ok := t.parent(fp)
		if !ok {
			return nil, fmt.Errorf("explore: fingerprint %#x missing from the visited set", fp)
		}
		if p == fp {
			break
		}
		if len(back) > 1<<24 {
			return nil, fmt.Errorf("explore: parent chain of %#x does not end", fp)
		}
		fp = p
	}
	for i, j := 0, len(back)-1; i < j; i, j = i+1, j-1 {
		back[i], back[j] = back[j], back[i]
	}
	return back, nil
}
