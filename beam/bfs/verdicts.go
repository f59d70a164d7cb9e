package bfs

import (
	"fmt"

	"github.com/protocheck/protocheck/beam/store"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Engine is the engine name in reports and trace headers.
const Engine = "beam"

// livenessMessage is the verdict text of every liveness property: this
// engine does not check them, and never says they hold.
const livenessMessage = "liveness is not checked by the beam engine (it checks safety, reachability, step properties and deadlocks); " +
	"use check run, whose liveness engine runs in memory"

// discovery is the state that decides a slot: the shallowest, then the
// smallest fingerprint (explore's rule).
type discovery struct {
	ok    bool
	depth int
	fp    uint64
}

// verdicts tracks which checks are open and what decided the others, level
// by level, as explore.BFS does.
type verdicts struct {
	w     *worker
	found []discovery // by slot
	open  Open
}

func newVerdicts(w *worker) *verdicts {
	v := &verdicts{w: w, found: make([]discovery, w.slots())}
	for i, p := range w.props {
		if p.Expect == model.ExpectAlways || p.Expect == model.ExpectSometimes {
			v.open.Props = append(v.open.Props, i)
		}
	}
	v.open.Deadlock = w.finals != nil
	for j := range w.steps {
		v.open.Steps = append(v.open.Steps, j)
	}
	return v
}

// apply records the discoveries of committed level d: property hits among
// its states (depth d), deadlocks among the states of level d-1 and steps
// from them (depth d-1 and d).
func (v *verdicts) apply(d store.Done) error {
	for _, f := range d.Finds {
		if f.Slot < 0 || f.Slot >= len(v.found) {
			return fmt.Errorf("bfs: level %d records a discovery for slot %d of %d: the run directory is not this model's", d.Level, f.Slot, len(v.found))
		}
		depth := d.Level
		if f.Slot == v.w.deadlockSlot() || f.Slot == v.w.expandPanicSlot() {
			depth-- // found on a state of the level expanded
		}
		if old := v.found[f.Slot]; !old.ok || depth < old.depth || (depth == old.depth && f.FP < old.fp) {
			v.found[f.Slot] = discovery{ok: true, depth: depth, fp: f.FP}
		}
	}
	return nil
}

// panicked returns the slot of the panic discovery the run reports (the
// shallowest, then smallest fingerprint, of a panic while expanding and
// one while checking), and false when model code has not panicked.
func (v *verdicts) panicked() (int, bool) {
	e, c := v.w.expandPanicSlot(), v.w.checkPanicSlot()
	de, dc := v.found[e], v.found[c]
	switch {
	case !de.ok && !dc.ok:
		return 0, false
	case !de.ok:
		return c, true
	case !dc.ok:
		return e, true
	case dc.depth < de.depth || (dc.depth == de.depth && dc.fp < de.fp):
		return c, true
	}
	return e, true
}

// settle closes the checks decided so far and reports whether none is
// left open.
func (v *verdicts) settle() bool {
	var props, steps []int
	for _, i := range v.open.Props {
		if !v.found[i].ok {
			props = append(props, i)
		}
	}
	for _, j := range v.open.Steps {
		if !v.found[v.w.stepSlot(j)].ok {
			steps = append(steps, j)
		}
	}
	v.open.Props, v.open.Steps = props, steps
	if v.found[v.w.deadlockSlot()].ok {
		v.open.Deadlock = false
	}
	return len(props) == 0 && len(steps) == 0 && !v.open.Deadlock
}

// results turns the discoveries into property results, in explore's order:
// the model's properties, its step properties, then the deadlock check
// when the model declares final states. trace rebuilds a discovery's path.
func (v *verdicts) results(complete bool, trace func(slot int, d discovery) (*model.Trace, error)) []explore.PropertyResult {
	var out []explore.PropertyResult
	attach := func(r *explore.PropertyResult, slot int) {
		d := v.found[slot]
		if !d.ok {
			return
		}
		tr, err := trace(slot, d)
		if err != nil {
			r.Message += fmt.Sprintf(" (trace unavailable: %v)", err)
		}
		r.Trace = tr
	}
	for i, p := range v.w.props {
		r := explore.PropertyResult{Name: p.Name, Expect: p.Expect}
		d := v.found[i]
		switch {
		case p.Expect.Liveness():
			r.Message = livenessMessage
		case d.ok && p.Expect == model.ExpectAlways:
			r.Status = explore.Violated
		case d.ok:
			r.Status = explore.Holds
		case complete && p.Expect == model.ExpectAlways:
			r.Status = explore.Holds
		case complete:
			r.Status = explore.Violated
			r.Message = "no reachable state satisfies it"
		default:
			r.Message = "the exploration is incomplete"
		}
		attach(&r, i)
		out = append(out, r)
	}
	// check is the result of a check that a discovery in slot violates.
	check := func(name string, expect model.Expectation, slot int, violation string) {
		r := explore.PropertyResult{Name: name, Expect: expect}
		switch {
		case v.found[slot].ok:
			r.Status = explore.Violated
			r.Message = violation
		case complete:
			r.Status = explore.Holds
		default:
			r.Message = "the exploration is incomplete"
		}
		attach(&r, slot)
		out = append(out, r)
	}
	for j, p := range v.w.steps {
		check(p.Name, model.ExpectAlwaysStep, v.w.stepSlot(j), "the last step violates it")
	}
	if v.w.finals != nil {
		check(explore.DeadlockProperty, model.ExpectAlways, v.w.deadlockSlot(), "no step is enabled and the state is not final")
	}
	if slot, ok := v.panicked(); ok {
		r := explore.PropertyResult{Name: explore.PanicProperty, Expect: model.ExpectAlways, Status: explore.Violated}
		attach(&r, slot)
		r.Message = v.panicMessage(r.Trace) + r.Message
		out = append(out, r)
	}
	return out
}

// panicMessage says what panicked, found by running the model code on the
// trace's last state again (explore.Reproduce), as the workers' panic
// values do not reach the driver.
func (v *verdicts) panicMessage(tr *model.Trace) string {
	if tr == nil {
		return "model code panicked"
	}
	rep, err := explore.Reproduce(v.w.m, explore.Claim{Property: explore.PanicProperty, Expect: model.ExpectAlways}, tr)
	switch {
	case err != nil:
		return fmt.Sprintf("model code panicked on the last state (not reproduced here: %v)", err)
	case !rep.Reproduces:
		return "model code panicked on the last state (not reproduced here: " + rep.Reason + ")"
	}
	return rep.Reason
}
