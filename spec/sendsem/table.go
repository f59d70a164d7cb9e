package sendsem

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/protocheck/protocheck/catalog"
)

// Cell verdicts of the guarantee table.
const (
	CellHolds   = "holds"
	CellFails   = "fails"
	CellUnknown = "unknown" // the run stopped early or left the property undecided
)

// guaranteeTable runs the checker once per primitive and guarantee, each
// time claiming that guarantee (-claim) besides the primitive's own at
// the honest variant's defaults, and reads the guarantee's verdict: a
// cell says "holds" only after a complete run in which the property
// holds, "fails" when the run found a counterexample.
func guaranteeTable(r catalog.Runner) (*catalog.TableData, error) {
	if len(r.Args()) > 0 {
		keys := slices.Sorted(maps.Keys(r.Args()))
		return nil, fmt.Errorf("unknown option -%s (the %s table takes none)", keys[0], Name)
	}
	in := r.Spec(Name)
	if in == nil {
		return nil, fmt.Errorf("%s: not in the catalogue", Name)
	}
	base, err := in.Defaults(VariantHonest)
	if err != nil {
		return nil, err
	}
	t := &catalog.TableData{
		Title: "What a sender knows when it is released, per send primitive (faults " + base.Faults.String() +
			"; every cell a complete run of the checker)",
		Columns: []string{"primitive", "steps"},
	}
	for _, g := range Guarantees() {
		t.Columns = append(t.Columns, g.Column())
	}
	t.Columns = append(t.Columns, "states")
	var failing []string
	for _, p := range Primitives() {
		row := []string{p.String(), p.Text()}
		var states []int64
		for _, g := range Guarantees() {
			c, err := in.Validate(base.With("primitive", p.String()).With("claim", g.Claim()))
			if err != nil {
				return nil, err
			}
			out, err := r.Run(Name, c)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", Name, c, err)
			}
			cell := cellOf(out, g.Prop())
			row = append(row, cell)
			states = append(states, out.Distinct)
			if cell == CellFails {
				failing = append(failing, fmt.Sprintf("  %s, %s: %q (check run %s -primitive %s -claim %s -o auto)",
					p, g.Column(), g.Prop(), Name, p, g.Claim()))
			}
		}
		row = append(row, statesText(states))
		t.Rows = append(t.Rows, row)
	}
	t.Notes = []string{
		"A cell is the verdict on its guarantee's property in a run that claims it (-claim), beside the primitive's own claims.",
		`"never blocks" is the liveness property "sender eventually released" (or crashed) under the faults; the others hold at the step that releases the sender.`,
		"Failing cells, with the property violated and the run that saves its trace:",
	}
	t.Notes = append(t.Notes, failing...)
	return t, nil
}

// cellOf returns the cell for property prop in out.
func cellOf(out *catalog.Outcome, prop string) string {
	v, ok := out.Verdict(prop)
	switch {
	case !ok:
		return CellUnknown
	case v.Status == "violated":
		return CellFails
	case v.Status == "holds" && out.Complete:
		return CellHolds
	}
	return CellUnknown
}

// statesText prints the distinct-state counts of a row's runs: one number
// when they agree (claims change properties, not the state space).
func statesText(states []int64) string {
	s := slices.Clone(states)
	slices.Sort(s)
	s = slices.Compact(s)
	if len(s) == 1 {
		return strconv.FormatInt(s[0], 10)
	}
	out := ""
	for i, n := range states {
		if i > 0 {
			out += "/"
		}
		out += strconv.FormatInt(n, 10)
	}
	return out
}
