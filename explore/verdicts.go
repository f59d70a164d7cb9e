package explore

import (
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/protocheck/protocheck/model"
)

// verdicts tracks, for one run, the properties still to decide and the best
// discovery for each: a counterexample for Always, step properties (and the
// engine's own deadlock and panic checks), a witness for Sometimes. "Best"
// means shallowest, then smallest fingerprint, so the choice does not
// depend on the order in which workers found them. A step property's
// discovery is the state its violating step starts from, at the depth of
// the state the step reaches.
type verdicts[S, A any] struct {
	props    []model.Property[S]
	steps    []model.StepProperty[S, A]
	finals   model.Finaler[S] // nil: no deadlock check (the model declares no final states)
	mu       sync.Mutex
	found    []discovery // props, then deadlock and panic (extraCount), then steps
	open     []int       // indices of undecided safety/sometimes properties; fixed during a level
	stepOpen []int       // indices into steps of undecided step properties; fixed during a level
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

func newVerdicts[S, A any](m model.Model[S, A]) *verdicts[S, A] {
	v := &verdicts[S, A]{props: m.Properties(), steps: model.StepProperties(m)}
	if model.HasFinal(m) {
		v.finals = m.(model.Finaler[S])
		v.deadlock = true
	}
	v.found = make([]discovery, len(v.props)+extraCount+len(v.steps))
	for i, p := range v.props {
		if p.Expect == model.ExpectAlways || p.Expect == model.ExpectSometimes {
			v.open = append(v.open, i)
		}
	}
	for i := range v.steps {
		v.stepOpen = append(v.stepOpen, i)
	}
	return v
}

// stepIndex returns the index in found of step property i.
func (v *verdicts[S, A]) stepIndex(i int) int { return len(v.props) + extraCount + i }

// check evaluates the open properties on a newly found state s and records
// what it decides. It returns true if anything was recorded.
func (v *verdicts[S, A]) check(s S, depth int, fp uint64, order uint64, path func() *model.Trace) bool {
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

// checkStep evaluates the open step properties on the step a from s to t.
// depth is t's depth (one more than s's), fp identifies s (BFS), and path
// returns the trace ending with the step (DFS, random). It returns true if
// anything was recorded.
func (v *verdicts[S, A]) checkStep(s S, a A, t S, depth int, fp, order uint64, path func() *model.Trace) bool {
	hit := false
	for _, i := range v.stepOpen {
		if !v.steps[i].Holds(s, a, t) {
			v.record(v.stepIndex(i), depth, fp, order, path, "")
			hit = true
		}
	}
	return hit
}

// record keeps a discovery for property index i if it beats the one held.
func (v *verdicts[S, A]) record(i, depth int, fp, order uint64, path func() *model.Trace, msg string) {
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
func (v *verdicts[S, A]) recordDeadlock(s S, depth int, fp, order uint64, path func() *model.Trace) {
	if v.deadlock && !v.finals.Final(s) {
		v.record(len(v.props)+extraDeadlock, depth, fp, order, path, "no step is enabled and the state is not final")
	}
}

// The code a PanicProperty message says panicked: model code, or the
// engine's own (a bug, which stops the run at once).
const (
	inExpanding = "Next, AppendKey, Canonical, Within or a step property from the last state"
	inChecking  = "a property of the last state"
	inEngine    = "the engine, expanding the last state"
)

// panicText is a recovered panic value with the stack of the goroutine that
// panicked: call it from the deferred function that recovered.
func panicText(r any) string { return fmt.Sprintf("%v\n%s", r, debug.Stack()) }

// recordPanic records a panic of model code while handling the state at
// the end of path.
func (v *verdicts[S, A]) recordPanic(r any, what string, depth int, fp, order uint64, path func() *model.Trace) {
	v.record(len(v.props)+extraPanic, depth, fp, order, path, fmt.Sprintf("panic in %s: %v", what, r))
}

// settle closes the properties decided so far (called between BFS levels,
// or after each discovery in single-threaded engines). It reports whether
// nothing is left to decide.
func (v *verdicts[S, A]) settle() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	open := v.open[:0:0]
	for _, i := range v.open {
		if !v.found[i].ok {
			open = append(open, i)
		}
	}
	v.open = open
	stepOpen := v.stepOpen[:0:0]
	for _, i := range v.stepOpen {
		if !v.found[v.stepIndex(i)].ok {
			stepOpen = append(stepOpen, i)
		}
	}
	v.stepOpen = stepOpen
	if v.found[len(v.props)+extraDeadlock].ok {
		v.deadlock = false
	}
	return len(v.open) == 0 && len(v.stepOpen) == 0 && !v.deadlock
}

// anyViolation reports whether some Always or step property, deadlock or
// panic was found.
func (v *verdicts[S, A]) anyViolation() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, p := range v.props {
		if p.Expect == model.ExpectAlways && v.found[i].ok {
			return true
		}
	}
	for i := range v.steps {
		if v.found[v.stepIndex(i)].ok {
			return true
		}
	}
	return v.found[len(v.props)+extraDeadlock].ok || v.found[len(v.props)+extraPanic].ok
}

// A traceFunc rebuilds a BFS discovery's trace from its fingerprint. For a
// step property's discovery, step is its predicate and the trace must end
// with a step from the discovered state that violates it; otherwise step
// is nil.
type traceFunc[S, A any] func(d discovery, step func(S, A, S) bool) (*model.Trace, error)

// results turns the discoveries into property results: the model's state
// properties in order, then its step properties, then the engine's own
// checks (deadlock when the model declares final states, panic when one
// happened). Engines that keep paths pass a nil traceOf.
func (v *verdicts[S, A]) results(complete bool, engine string, traceOf traceFunc[S, A]) []PropertyResult {
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
		v.attach(&r, d, traceOf, nil)
		out = append(out, r)
	}
	for i, p := range v.steps {
		r := PropertyResult{Name: p.Name, Expect: model.ExpectAlwaysStep}
		d := v.found[v.stepIndex(i)]
		switch {
		case d.ok:
			r.Status = Violated
			r.Message = "the last step violates it"
		case complete:
			r.Status = Holds
		default:
			r.Message = "the exploration is incomplete"
		}
		v.attach(&r, d, traceOf, p.Holds)
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
		v.attach(&r, d, traceOf, nil)
		out = append(out, r)
	}
	if d := v.found[len(v.props)+extraPanic]; d.ok {
		r := PropertyResult{Name: PanicProperty, Expect: model.ExpectAlways, Status: Violated}
		v.attach(&r, d, traceOf, nil)
		out = append(out, r)
	}
	return out
}

func (v *verdicts[S, A]) attach(r *PropertyResult, d discovery, traceOf traceFunc[S, A], step func(S, A, S) bool) {
	if !d.ok {
		return
	}
	if d.msg != "" {
		r.Message = d.msg
	}
	r.Trace = d.trace
	if r.Trace == nil && traceOf != nil {
		t, err := traceOf(d, step)
		if err != nil {
			r.Message += fmt.Sprintf(" (trace unavailable: %v)", err)
		}
		r.Trace = t
	}
}
