// Liveness checking: "eventually P" and "P leads-to Q" under weak fairness.
//
// # Behaviours
//
// A behaviour of a model is a maximal path through its state graph from an
// initial state: either infinite, or finite and ending in a terminal state
// (one where Next yields nothing), which is read as stuttering there forever.
// Maximal means a behaviour never stops while a step is enabled: there is no
// stuttering except in terminal states (SPIN's semantics, not TLA+'s). A
// terminal state ends a behaviour whether or not the model's Final accepts it;
// deadlocks themselves are the BFS engine's check.
//
// # Fairness
//
// When the model is a model.Fair, every step has a weak-fairness class, or
// none (FairClass reports false: a fault such as a loss or a crash, which may
// be taken or not). A behaviour is fair when, for every class c, if c is
// enabled in every state from some point on, a c-step is taken infinitely
// often; "c is enabled in s" means some step of s (to any state) has class c.
// A finite behaviour is fair: nothing is enabled in its last state. Without
// model.Fair every behaviour is fair (no fairness is assumed).
//
// # Properties
//
// "Eventually P" fails when some fair behaviour never passes a P state.
// "P leads-to Q" fails when some fair behaviour reaches a state where P holds
// and, from there on (that state included), never passes a Q state.
//
// # Algorithm
//
// The engine explores the reachable graph breadth first and stores it densely
// (see lgraph): per state an 8-byte fingerprint (the BFS engine's fixed-seed
// xxh3 of the key), a 4-byte row offset and a 4-byte BFS parent edge, plus one
// bit per predicate; per edge a 4-byte target and, with fairness, a 4-byte
// interned class. While building, an open-addressing index adds 32 to 64 bytes
// a state; it is freed before the analysis, which needs about 30 bytes a
// state of scratch space per property, one property at a time. For each
// property it takes the region of states reachable from the sources without
// passing the goal (for eventually P: from the initial states through ¬P
// states), splits it into strongly connected components (iterative Tarjan)
// and looks for a terminal state, or a component with a cycle in which every
// class enabled in all its states has an edge inside it (see
// fairScan.fairCycle for why this is exact under weak fairness). The
// counterexample is a lasso: a shortest prefix to the component, then a loop
// through an edge of every such class and back (with a detour to a state
// disabling any other class the loop would keep enabled); the trace's last
// state equals its Loop state. A terminal ending gives a finite trace (Loop = -1).
//
// # Limits and symmetry
//
// Limits (MaxStates, MaxDepth, Time, Context) leave a frontier of unexpanded
// states. Only expanded states are searched, so a violation found is genuine,
// but when none is found in an incomplete run the verdict is Unknown, never
// Holds.
//
// With Options.Symmetry and no fairness the graph is the quotient by the
// model's symmetry (keys of model.Symmetric's Canonical). That is exact for
// liveness when P and Q are symmetric, as model.Symmetric requires: a cycle
// of canonical states lifts to a path that returns to a permutation of its
// start, and repeating it as often as the permutation's order closes a
// concrete cycle (the trace is replayed that way). With fairness, a
// component's classes (which name processes) would have to be permuted
// along with the states, so the engine explores the full graph instead and
// says so in the properties' messages.
//
// (This is a file comment, kept apart from the package clause so that it does
// not join the package documentation in doc.go.)

package explore

import (
	"fmt"
	"time"

	"github.com/protocheck/protocheck/model"
)

// livenessCheck is one property's predicates, as indices into g.bits.
type livenessCheck struct {
	p, q int // eventually: p = -1, q = the goal; leads-to: p ~> q
}

// Liveness explores the whole reachable graph of m and checks its liveness
// properties (model.ExpectEventually and model.ExpectLeadsTo) under the
// weak fairness m declares as a model.Fair. It reports the other
// properties Unknown: Check runs BFS for those and merges the two. A
// violation's trace is a lasso (or a finite path to a terminal state) that
// replays with Replay. Each liveness verdict's Message gives the memory the
// graph takes.
func Liveness[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	if err := prepare(m, &opts); err != nil {
		return nil, err
	}
	b := &liveBuilder[S, A]{m: m, opts: opts, start: time.Now(), budget: opts.Memory}
	props := m.Properties()
	checks, err := b.predicates(props)
	if err != nil {
		return nil, err
	}
	note := b.configure()
	g := b.build()
	res := &Result{
		Engine: "liveness", Workers: 1, Complete: g.stop == "", StopReason: g.stop,
		Generated: int64(len(g.dst)), Distinct: int64(g.states()), MaxDepth: g.depth,
		Collision: collision(int64(g.states())),
	}
	for i, p := range props {
		pr := PropertyResult{Name: p.Name, Expect: p.Expect}
		if !p.Expect.Liveness() {
			pr.Message = "not checked by the liveness engine (see Check)"
		} else if err := b.verdict(&pr, checks[i], res.Complete); err != nil {
			return nil, err
		}
		if note != "" && p.Expect.Liveness() {
			pr.Message = note + "; " + pr.Message
		}
		res.Properties = append(res.Properties, pr)
	}
	if g.panicked != nil {
		res.Properties = append(res.Properties, b.panicResult())
	}
	res.Elapsed = time.Since(b.start)
	return res, nil
}

// configure picks up the model's fairness and symmetry and returns a note
// for the reports when symmetry is turned off.
func (b *liveBuilder[S, A]) configure() string {
	if f, ok := b.m.(model.Fair[A]); ok {
		b.fair = f
	}
	sym, _ := b.m.(model.Symmetric[S]) // checkSymmetry: present if asked for
	switch {
	case !b.opts.Symmetry:
		b.k = newKeyer[S](b.m, false)
		return ""
	case b.fair != nil:
		b.k = newKeyer[S](b.m, false)
		return "symmetry reduction off (fairness classes are not permuted with states)"
	}
	b.sym = sym
	b.k = newKeyer[S](b.m, true)
	return ""
}

// predicates lists the predicates of the liveness properties in b.preds and
// returns each property's check; it rejects malformed properties.
func (b *liveBuilder[S, A]) predicates(props []model.Property[S]) ([]livenessCheck, error) {
	checks := make([]livenessCheck, len(props))
	for i, p := range props {
		switch p.Expect {
		case model.ExpectEventually:
			if p.Holds == nil {
				return nil, fmt.Errorf("%w: property %q has no predicate", ErrOptions, p.Name)
			}
			checks[i] = livenessCheck{p: -1, q: len(b.preds)}
			b.preds = append(b.preds, p.Holds)
		case model.ExpectLeadsTo:
			if p.Holds == nil || p.Then == nil {
				return nil, fmt.Errorf("%w: leads-to property %q needs Holds and Then", ErrOptions, p.Name)
			}
			checks[i] = livenessCheck{p: len(b.preds), q: len(b.preds) + 1}
			b.preds = append(b.preds, p.Holds, p.Then)
		}
	}
	return checks, nil
}

// sources returns the states a check starts from: the initial states for
// eventually, the expanded states where P holds and Q does not for leads-to.
func (g *lgraph) sources(c livenessCheck) []int32 {
	var out []int32
	for v := int32(0); int(v) < g.states(); v++ {
		switch {
		case c.p < 0 && g.parent[v] < 0:
			out = append(out, v)
		case c.p >= 0 && int(v) < g.nExp && g.has(c.p, v) && !g.has(c.q, v):
			out = append(out, v)
		}
	}
	return out
}

// verdict decides one liveness property into pr.
func (b *liveBuilder[S, A]) verdict(pr *PropertyResult, c livenessCheck, complete bool) error {
	g := b.g
	r := newLiveRegion(g, g.sources(c), c.q)
	end, found := r.fairEnding()
	switch {
	case !found && complete:
		pr.Status, pr.Message = Holds, g.memString()
		return nil
	case !found:
		pr.Message = fmt.Sprintf("no violation among the %d expanded states, but the run stopped early (%s); %s",
			g.nExp, g.stop, g.memString())
		return nil
	}
	source, toEntry := r.pathTo(end.entry)
	init, edges := g.treePath(source)
	from := len(edges) // the step where P holds, for leads-to
	edges = append(edges, toEntry...)
	loopAt := -1
	if end.comp >= 0 {
		loopAt = len(edges)
		edges = append(edges, g.loop(end)...)
	}
	t, note, err := b.trace(init, edges, loopAt)
	if err != nil {
		return err
	}
	pr.Status, pr.Trace = Violated, t
	pr.Message = describe(t, c.p >= 0, from, g.cls != nil)
	if note != "" {
		pr.Message += " (" + note + ")"
	}
	pr.Message += "; " + g.memString()
	return nil
}

// describe explains a liveness counterexample in one sentence.
func describe(t *model.Trace, leadsTo bool, from int, fair bool) string {
	claim := "it never holds on a behaviour that "
	if leadsTo {
		claim = fmt.Sprintf("P holds at step %d, and Q never from there on, on a behaviour that ", from)
	}
	if !t.Lasso() {
		return claim + fmt.Sprintf("stops in a terminal state after %d steps", t.Len())
	}
	claim += fmt.Sprintf("loops forever from step %d (a %d-step loop)", t.Loop, t.Len()-t.Loop)
	if fair {
		claim += ", and is weakly fair: the loop takes a step of every class enabled all along it"
	}
	return claim
}

// panicResult reports a panic in model code with the path to the state
// whose expansion panicked.
func (b *liveBuilder[S, A]) panicResult() PropertyResult {
	g := b.g
	pr := PropertyResult{Name: PanicProperty, Expect: model.ExpectAlways, Status: Violated,
		Message: fmt.Sprint("model panicked: ", g.panicked)}
	if int(g.panicAt) < g.states() {
		init, edges := g.treePath(g.panicAt)
		if t, _, err := b.trace(init, edges, -1); err == nil {
			pr.Trace = t
		}
	}
	return pr
}
