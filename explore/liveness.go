// Liveness checking: "eventually P" and "P leads-to Q" under weak fairness.
//
// # Behaviours
//
// A behaviour of a model is a path through its state graph from an initial
// state that is either infinite or finite; a finite behaviour is read as
// stuttering forever in its last state. Where a behaviour may stop is the
// semantic choice, made by Options.Stutter:
//
//   - Stutter false (the default, SPIN's semantics): a behaviour may stop
//     only in a terminal state (one where Next yields nothing). A behaviour
//     never stops while a step is enabled: an implicit weak fairness of the
//     system as a whole, which holds even for a model that declares no
//     fairness. A terminal state ends a behaviour whether or not the model's
//     Final accepts it; deadlocks themselves are the BFS engine's check.
//   - Stutter true (TLA+'s semantics): a behaviour may stop, stuttering
//     forever, in any state where no weakly fair step is enabled. Without
//     model.Fair that is every state, so "eventually P" fails unless P holds
//     in every initial state, as in TLA+ without fairness conditions.
//
// A property can hold under the default and fail under Stutter: in the
// graph 0 -> 1 with no fairness, "eventually 1" holds by default and fails
// under Stutter (stay in 0 forever); declaring the step weakly fair makes
// it hold under both.
//
// # Fairness
//
// When the model is a model.Fair, every step has a weak-fairness class, or
// none (FairClass reports false: a fault such as a loss or a crash, which may
// be taken or not). A behaviour is fair when, for every class c, if c is
// enabled in every state from some point on, a c-step is taken infinitely
// often; "c is enabled in s" means some step of s (to any state) has class c.
// A finite behaviour is fair: under both semantics no weakly fair class is
// enabled in its last state. Without model.Fair every behaviour is fair (no
// fairness is assumed).
//
// # Properties
//
// "Eventually P" fails when some fair behaviour never passes a P state.
// "P leads-to Q" fails when some fair behaviour reaches a state where P holds
// and, from there on (that state included), never passes a Q state.
//
// # Algorithm
//
// The engine explores the reachable graph breadth first, in parallel (see
// onePass, which Check also uses to check the safety properties in the same
// pass), and stores it densely outside the Go heap (see lgraph): per state
// an 8-byte fingerprint (the BFS engine's fixed-seed xxh3 of the key), a
// 4-byte row offset and a 4-byte BFS parent edge, plus one bit per
// predicate; per edge a 4-byte target and, with fairness, an interned
// class in one, two or four bytes (classPages). While building, an
// open-addressing index adds 16 to 24 bytes a state (fpIndex); it is freed
// before the analysis, which needs about 30 bytes a
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
// state equals its Loop state. A terminal ending, or with Stutter a state
// where no weakly fair class is enabled, gives a finite trace (Loop = -1)
// whose last state is where the behaviour stutters forever: CanStop tells a
// replayer whether such an ending is legitimate under the run's semantics.
//
// # Limits and symmetry
//
// Limits (MaxStates, MaxDepth, Time, Memory, Context) leave a frontier of
// unexpanded states. Time, Memory (the whole process's, see overBudget)
// and Context are checked every 256 expanded states. Only expanded states
// are searched, so a violation found is genuine, but when none is found in
// an incomplete run the verdict is Unknown, never Holds.
//
// With Options.Symmetry and no fairness the graph is the quotient by the
// model's symmetry (keys of model.Symmetric's Canonical). That is exact for
// liveness when P and Q are symmetric, as model.Symmetric requires: a cycle
// of canonical states lifts to a path that returns to a permutation of its
// start, and repeating it as often as the permutation's order closes a
// concrete cycle (the trace is replayed that way).
//
// With fairness the quotient is not sound, so the engine explores the full
// graph instead and says so in the properties' messages (Check then keeps
// BFS reduced and runs this engine unreduced). A fairness class names
// processes ("deliver p1->p2 Prepare", "p2"), and an edge of the quotient
// is labelled in the frame of its canonical source, which changes along a
// cycle as Canonical permutes processes. Two symmetric processes that step
// in turn, p1, p2, p1, p2, ..., form a fair behaviour; if Canonical swaps
// them after every step, each quotient edge is the step of the process in
// slot 1, so the quotient cycle takes class "p1" only while "p2" stays
// enabled: reading classes in canonical frames would call the fair
// behaviour unfair and miss a real violation. Deciding fairness on the
// quotient needs each edge's permutation and a search over the product of
// the quotient with the permutation group, which in the worst case is the
// full graph again.
//
// (This is a file comment, kept apart from the package clause so that it does
// not join the package documentation in doc.go.)

package explore

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// livenessCheck is one property's predicates, as indices into g.bits.
type livenessCheck struct {
	p, q int // eventually: p = -1, q = the goal; leads-to: p ~> q
}

// Liveness explores the whole reachable graph of m and checks its liveness
// properties (model.ExpectEventually and model.ExpectLeadsTo) under the
// weak fairness m declares as a model.Fair. It reports the other
// properties Unknown: Check runs BFS for those and merges the two.
//
// A state outside the model's state constraint (model.Constrained) is not
// expanded: it is a terminal state, where a behaviour may stop (as TLC
// treats states outside its CONSTRAINT).
//
// Where a behaviour may stop is set by opts.Stutter. By default (SPIN's
// semantics) a behaviour stops only in a terminal state, where no step is
// enabled; with Stutter (TLA+'s semantics) it may stop, stuttering forever,
// in any state where no weakly fair step is enabled (any state at all when
// m declares no fairness). A property can hold under the first and fail
// under the second.
//
// A violation's trace replays with Replay. It is a lasso (model.Trace.Loop
// >= 0: the loop repeats forever and takes a step of every class enabled
// all along it), or a finite path (Loop = -1) whose last state is where
// the behaviour stops: a terminal state, or with Stutter a state where no
// weakly fair step is enabled (CanStop checks it).
func Liveness[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	return runPass(m, opts, nil, false)
}

// CanStop reports whether a behaviour of m may stop in s, stuttering there
// forever, under the semantics stutter selects (Options.Stutter): without
// it, only when no step is enabled in s; with it, when no step enabled in
// s has a weak-fairness class (every state, for a model that is not a
// model.Fair). A replayer checks a finite liveness counterexample's last
// state with it.
func CanStop[S, A any](m model.Model[S, A], s S, stutter bool) bool {
	if within := constraintOf(m); within != nil && !within(s) {
		return true // outside the state constraint: not expanded, so a behaviour ends there
	}
	f, fair := m.(model.Fair[A])
	fair = fair && model.HasFairness(m)
	if stutter && !fair {
		return true
	}
	stops := true
	m.Next(s, func(a A, _ S) {
		if !stutter {
			stops = false
		} else if _, weak := f.FairClass(a); weak {
			stops = false
		}
	})
	return stops
}

// configure picks up the model's fairness and symmetry and returns a note
// for the reports when symmetry is turned off.
func (b *liveBuilder[S, A]) configure() string {
	if f, ok := b.m.(model.Fair[A]); ok && model.HasFairness(b.m) {
		b.fair = f
	}
	b.within = constraintOf(b.m)
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
		case c.p < 0 && g.parent.at(v) < 0:
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
	defer r.release()
	end, found := r.fairEnding(b.opts.Stutter)
	switch {
	case !found && complete:
		pr.Status, pr.Message = Holds, b.semantics()
		return nil
	case !found:
		pr.Message = fmt.Sprintf("no violation among the %d expanded states, but the run stopped early (%s)",
			g.nExp, g.stop)
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
	lo, hi := g.out(end.entry)
	pr.Message = describe(t, c.p >= 0, from, g.fair, lo == hi)
	if note != "" {
		pr.Message += " (" + note + ")"
	}
	return nil
}

// semantics says, for a property that holds, which behaviours were
// checked.
func (b *liveBuilder[S, A]) semantics() string {
	fairness := "without fairness"
	if b.fair != nil {
		fairness = "under the model's weak fairness"
	}
	if b.opts.Stutter {
		return "holds on every behaviour " + fairness + ", stuttering allowed where no weakly fair step is enabled"
	}
	return "holds on every behaviour " + fairness + " that stops only where no step is enabled"
}

// describe explains a liveness counterexample in one sentence. terminal
// says whether a finite trace's last state has no step at all (otherwise
// the behaviour stutters there, which Options.Stutter allows).
func describe(t *model.Trace, leadsTo bool, from int, fair, terminal bool) string {
	claim := "it never holds on a behaviour that "
	if leadsTo {
		claim = fmt.Sprintf("P holds at step %d, and Q never from there on, on a behaviour that ", from)
	}
	switch {
	case !t.Lasso() && terminal:
		return claim + fmt.Sprintf("stops in a terminal state after %d steps", t.Len())
	case !t.Lasso():
		return claim + fmt.Sprintf("stutters forever after %d steps, where no weakly fair step is enabled", t.Len())
	}
	claim += fmt.Sprintf("repeats steps %d..%d forever", t.Loop+1, t.Len())
	if fair {
		claim += ", a weakly fair loop: it takes a step of every class enabled all along it"
	}
	return claim
}
