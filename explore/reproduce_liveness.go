package explore

import (
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model"
)

// reproduceLiveness decides a counterexample to an Eventually or LeadsTo
// property (see Reproduce).
func reproduceLiveness[S, A any](m model.Model[S, A], c Claim, p *model.Property[S], states []S, acts []A, loop int) Reproduction {
	ending, why := behaviourEnding(m, c, states, acts, loop)
	if why != "" {
		return Reproduction{false, why}
	}
	if p.Expect == model.ExpectEventually {
		if i := slices.IndexFunc(states, p.Holds); i >= 0 {
			return Reproduction{false, fmt.Sprintf("the predicate holds in the state after step %d", i)}
		}
		return Reproduction{true, ending + ", and the predicate never holds"}
	}
	for i, s := range states {
		from := i
		if loop >= 0 {
			from = min(i, loop) // the loop repeats forever after i
		}
		if p.Holds(s) && !slices.ContainsFunc(states[from:], p.Then) {
			return Reproduction{true, fmt.Sprintf("%s, the premise holds after step %d and the consequence never does from there", ending, i)}
		}
	}
	return Reproduction{false, "no state of the trace has the premise without the consequence from there on"}
}

// behaviourEnding checks that the trace ends as a behaviour does (see
// Reproduce) and describes the ending, or says why it does not (why != "").
func behaviourEnding[S, A any](m model.Model[S, A], c Claim, states []S, acts []A, loop int) (ending, why string) {
	last := states[len(states)-1]
	if loop < 0 {
		return finiteEnding(m, c, last)
	}
	fair, isFair := m.(model.Fair[A])
	isFair = isFair && model.HasFairness(m)
	switch {
	case sameKey(m, last, states[loop]):
	case c.Symmetry && !isFair && closesUpToSymmetry(m, last, states[loop]):
		// Repeating the loop as often as the order of the permutation
		// closes it concretely; without fairness nothing else matters.
		return fmt.Sprintf("the loop back to step %d closes up to symmetry", loop), ""
	default:
		return "", fmt.Sprintf("the loop does not close: the last state differs from the state after step %d", loop)
	}
	if !isFair {
		return fmt.Sprintf("the loop back to step %d closes", loop), ""
	}
	if class, ok := loopUnfairClass(m, fair, states, acts, loop); ok {
		return "", fmt.Sprintf("the loop back to step %d is not weakly fair: %q is enabled in every state of the loop and never taken", loop, class)
	}
	return fmt.Sprintf("the loop back to step %d closes and is weakly fair", loop), ""
}

// finiteEnding checks that a behaviour may stop in last, the end of a
// finite trace: outside the state constraint (the engines give such a
// state no successors), or where CanStop allows under the claim's
// semantics.
func finiteEnding[S, A any](m model.Model[S, A], c Claim, last S) (ending, why string) {
	if within := constraintOf(m); within != nil && !within(last) {
		return "the trace ends outside the state constraint", ""
	}
	stops := CanStop(m, last, c.Stutter)
	switch {
	case stops && c.Stutter:
		return "the trace ends where no weakly fair step is enabled (stuttering semantics)", ""
	case stops:
		return "the trace ends in a terminal state", ""
	case c.Stutter:
		return "", "the trace ends where a weakly fair step is enabled: a behaviour may not stop there, even stuttering"
	}
	return "", fmt.Sprintf("the trace ends in a state with %d enabled steps: neither a terminal state nor a loop", successors(m, last))
}

// closesUpToSymmetry reports whether s and t have the same canonical key
// under the model's symmetry.
func closesUpToSymmetry[S, A any](m model.Model[S, A], s, t S) bool {
	sym, ok := m.(model.Symmetric[S])
	return ok && model.HasSymmetry(m) && sameKey(m, sym.Canonical(s), sym.Canonical(t))
}

// loopUnfairClass returns the first (in sorted order) fairness class enabled
// in every state of the loop states[loop:len-1] and the class of none of
// its steps acts[loop+1:], and false when the loop is weakly fair.
func loopUnfairClass[S, A any](m model.Model[S, A], f model.Fair[A], states []S, acts []A, loop int) (string, bool) {
	always := enabledClasses(m, f, states[loop])
	for _, s := range states[loop+1 : len(states)-1] {
		here := enabledClasses(m, f, s)
		always = slices.DeleteFunc(always, func(c string) bool { _, found := slices.BinarySearch(here, c); return !found })
	}
	taken := map[string]bool{}
	for _, a := range acts[loop+1:] {
		if c, ok := f.FairClass(a); ok {
			taken[c] = true
		}
	}
	for _, c := range always {
		if !taken[c] {
			return c, true
		}
	}
	return "", false
}

// enabledClasses returns the sorted fairness classes of the steps enabled
// in s.
func enabledClasses[S, A any](m model.Model[S, A], f model.Fair[A], s S) []string {
	var out []string
	m.Next(s, func(a A, _ S) {
		if c, ok := f.FairClass(a); ok {
			out = append(out, c)
		}
	})
	slices.Sort(out)
	return slices.Compact(out)
}
