package explore

import (
	"fmt"
	"sync"

	"github.com/protocheck/protocheck/model"
)

// verdicts tracks, for one run, the properties still to decide and the best
// discovery for each: a counterexample for Always (and the engine's own
// deadlock and panic checks), a witness for Sometimes. "Best" means
// shallowest, then smallest fingerprint, so the choice does not depend on
// the order in which workers found them.
type verdicts[S any] struct {
	props    []model.Property[S]
	finals   model.Finaler[S] // nil: no deadlock check
	mu       sync.Mutex
	found    []discovery // len(props)+2: then deadlock, then panic
	open     []int       // indices of undecided safety/sometimes properties; fixed during a level
	deadlock bool        // deadlock check still open
}

const (
	extraDeadlock = iota
	extraPanic
	extraCount
)

// discovery is a state (or path) that decides a property.
type discovery struct {
	ok    bool
	depth int
	fp    uint64       // BFS: the state's fingerprint
	trace *model.Trace // DFS and random: the path itself
	order uint64       // random: walk number, DFS: 0
	msg   string
}

func (d *discovery) better(depth int, fp, order uint64) bool {
	if !d.ok {
		return true
	}
	if order != d.order {
		return order < d.order
	}
	if depth != d.depth {
		return depth < d.depth
	}
	return fp < d.fp
}

func newVerdicts[S, A any](m model.Model[S, A]) *verdicts[S] {
	v := &verdicts[S]{props: m.Properties()}
	if f, ok := m.(model.Finaler[S]); ok {
		v.finals = f
		v.deadlock = true
	}
	v.found = make([]discovery, len(v.props)+extraCount)
	for i, p := range v.props {
		if p.Expect == model.ExpectAlways || p.Expect == model.ExpectSometimes {
			v.open = append(v.open, i)
		}
	}
	return v
}

// check evaluates the open properties on a newly found state s and records
// what it decides. It returns true if anything was recorded.
func (v *verdicts[S]) check(s S, depth int, fp uint64, order uint64, path func() *model.Trace) bool {
	hit := false
	for _, i := range v.open {
		p := &v.props[i]
		if p.Holds(s) == (p.Expect == model.ExpectSometimes) {
			v.record(i, depth, fp, order, path, "")
			hit = true
		}
	}
	return hit
}

// record keeps a discovery for property index i if it beats the one held.
func (v *verdicts[S]) record(i, depth int, fp, order uint64, path func() *model.Trace, msg string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	d := &v.found[i]
	if !d.better(depth, fp, order) {
		return
	}
	*d = discovery{ok: true, depth: depth, fp: fp, order: order, msg: msg}
	if path != nil {
		d.trace = path()
	}
}

// recordDeadlock records s as deadlocked if the model declares final states
// and s is not one.
func (v *verdicts[S]) recordDeadlock(s S, depth int, fp, order uint64, path func() *model.Trace) {
	if v.deadlock && !v.finals.Final(s) {
		v.record(len(v.props)+extraDeadlock, depth, fp, order, path, "no step is enabled and the state is not final")
	}
}

// recordPanic records a panic of model code while handling the state at
// the end of path.
func (v *verdicts[S]) recordPanic(r any, what string, depth int, fp, order uint64, path func() *model.Trace) {
	v.record(len(v.props)+extraPanic, depth, fp, order, path, fmt.Sprintf("panic in %s: %v", what, r))
}

// settle closes the properties decided so far (called between BFS levels,
// or after each discovery in single-threaded engines). It reports whether
// nothing is left to decide.
func (v *verdicts[S]) settle() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	open := v.open[:0:0]
	for _, i := range v.open {
		if !v.found[i].ok {
			open = append(open, i)
		}
	}
	v.open = open
	if v.found[len(v.props)+extraDeadlock].ok {
		v.deadlock = false
	}
	return len(v.open) == 0 && !v.deadlock
}

// anyViolation reports whether some Always property, deadlock or panic was
// found.
func (v *verdicts[S]) anyViolation() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, p := range v.props {
		if p.Expect == model.ExpectAlways && v.found[i].ok {
			return true
		}
	}
	return v.found[len(v.props)+extraDeadlock].ok || v.found[len(v.props)+extraPanic].ok
}

// results turns the discoveries into property results. traceOf rebuilds a
// BFS discovery's trace from its fingerprint; engines that keep paths pass
// nil.
func (v *verdicts[S]) results(complete bool, engine string, traceOf func(d discovery) (*model.Trace, error)) []PropertyResult {
	out := make([]PropertyResult, 0, len(v.found))
	for i, p := range v.props {
		r := PropertyResult{Name: p.Name, Expect: p.Expect}
		d := v.found[i]
		switch {
		case p.Expect.Liveness():
			r.Message = "liveness is checked by the liveness engine (explore.Check), not by " + engine
		case d.ok && p.Expect == model.ExpectAlways:
			r.Status = Violated
		case d.ok:
			r.Status = Holds
		case complete && p.Expect == model.ExpectAlways:
			r.Status = Holds
		case complete:
			r.Status = Violated
			r.Message = "no reachable state satisfies it"
		default:
			r.Message = "the exploration is incomplete"
		}
		v.attach(&r, d, traceOf)
		out = append(out, r)
	}
	if v.finals != nil {
		r := PropertyResult{Name: DeadlockProperty, Expect: model.ExpectAlways}
		d := v.found[len(v.props)+extraDeadlock]
		switch {
		case d.ok:
			r.Status = Violated
		case complete:
			r.Status = Holds
		}
		v.attach(&r, d, traceOf)
		out = append(out, r)
	}
	if d := v.found[len(v.props)+extraPanic]; d.ok {
		r := PropertyResult{Name: PanicProperty, Expect: model.ExpectAlways, Status: Violated}
		v.attach(&r, d, traceOf)
		out = append(out, r)
	}
	return out
}

func (v *verdicts[S]) attach(r *PropertyResult, d discovery, traceOf func(d discovery) (*model.Trace, error)) {
	if !d.ok {
		return
	}
	if d.msg != "" {
		r.Message = d.msg
	}
	r.Trace = d.trace
	if r.Trace == nil && traceOf != nil {
		t, err := traceOf(d)
		if err != nil {
			r.Message += fmt.Sprintf(" (trace unavailable: %v)", err)
		}
		r.Trace = t
	}
}
