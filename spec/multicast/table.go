package multicast

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
)

// verdictTable is `check table multicast`: the verdict of every property
// for each scenario x (reliability, ordering), from real runs.
var verdictTable = catalog.Table{
	Name: "multicast",
	Summary: "verdicts per scenario x (reliability, ordering), each under no fault, dup=1, drop=1 and crash=1 " +
		"(-scenario a,b for some scenarios; -pairs all for all 20 pairs, or a list such as dedup/fifo,atomic/global)",
	Compute: computeTable,
}

// A tableFault is one of the fault budgets every cell of the table runs
// under: one kind at a time, which keeps each run to seconds.
type tableFault struct {
	name   string
	faults actor.Faults
}

var tableFaults = []tableFault{
	{"no fault", actor.Faults{}},
	{"dup", actor.Faults{Dup: 1}},
	{"drop", actor.Faults{Drop: 1}},
	{"crash", actor.Faults{Crash: 1}},
}

// A pair is one (reliability, ordering) column of the table.
type pair struct{ rel, ord string }

// DefaultPairs are the (reliability, ordering) pairs the table runs by
// default: the two raw levels without order, the orderings over duplicate
// detection (their failures need no fault), the reliability levels under
// FIFO order, and the strongest combination. The other pairs (-pairs all)
// add runs of millions of states: total order per group over recovered
// links in (d-L) and (d-R).
func DefaultPairs() []string {
	return []string{
		BestEffort + "/" + OrderNone, Dedup + "/" + OrderNone,
		Dedup + "/" + OrderFIFO, Dedup + "/" + OrderCausal, Dedup + "/" + OrderTotal, Dedup + "/" + OrderGlobal,
		Recovery + "/" + OrderFIFO, Atomic + "/" + OrderFIFO, Atomic + "/" + OrderGlobal,
	}
}

// TableMsgs returns the multicasts per sender the table uses in a
// scenario: two for the single-sender scenarios (FIFO needs two messages,
// and the sender of (c-L) sends one to each group), one otherwise.
func TableMsgs(scenario string) int {
	if scenario == "a" || scenario == "c-L" {
		return 2
	}
	return 1
}

// computeTable runs every cell and formats the table.
func computeTable(r catalog.Runner) (*catalog.TableData, error) {
	scens, pairs, err := tableOptions(r.Args())
	if err != nil {
		return nil, err
	}
	in := r.Spec(Name)
	if in == nil {
		return nil, fmt.Errorf("multicast table: the runner does not know %q", Name)
	}
	t := &catalog.TableData{
		Title:   "Group multicast: verdicts per scenario x (reliability, ordering), from complete runs",
		Columns: []string{"scenario", "reliability", "ordering", "states", "verdict"},
	}
	for _, sc := range scens {
		for _, p := range pairs {
			row, err := tableRow(r, in, sc, p.rel, p.ord)
			if err != nil {
				return nil, err
			}
			t.Rows = append(t.Rows, row)
		}
	}
	t.Notes = tableNotes(scens)
	return t, nil
}

// tableOptions reads the table's options: -scenario, a comma-separated
// list (all scenarios when absent), and -pairs: "all", or a
// comma-separated list of reliability/ordering (DefaultPairs when absent).
func tableOptions(args map[string]string) ([]string, []pair, error) {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if k != "scenario" && k != "pairs" {
			return nil, nil, fmt.Errorf("multicast table: unknown option -%s (it takes -scenario and -pairs)", k)
		}
	}
	scens := ScenarioNames()
	if v, ok := args["scenario"]; ok {
		scens = nil
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if !slices.Contains(ScenarioNames(), s) {
				return nil, nil, fmt.Errorf("multicast table: -scenario %q: want some of %s", s, strings.Join(ScenarioNames(), ","))
			}
			scens = append(scens, s)
		}
	}
	names := DefaultPairs()
	switch v := args["pairs"]; v {
	case "":
	case "all":
		names = nil
		for _, rel := range Reliabilities() {
			for _, ord := range Orderings() {
				names = append(names, rel+"/"+ord)
			}
		}
	default:
		names = strings.Split(v, ",")
	}
	var pairs []pair
	for _, n := range names {
		rel, ord, _ := strings.Cut(strings.TrimSpace(n), "/")
		if !slices.Contains(Reliabilities(), rel) || !slices.Contains(Orderings(), ord) {
			return nil, nil, fmt.Errorf("multicast table: -pairs: %q is not reliability/ordering (%s / %s)", n,
				strings.Join(Reliabilities(), "|"), strings.Join(Orderings(), "|"))
		}
		pairs = append(pairs, pair{rel, ord})
	}
	return scens, pairs, nil
}

// tableRow runs one cell under each of tableFaults and returns its row:
// a property fails when some run violates it, and is followed by the runs
// that do ("no fault" alone when it fails without any fault); the cell
// says "holds" only when every property holds in every run.
func tableRow(r catalog.Runner, in *catalog.Info, sc, rel, ord string) ([]string, error) {
	c, err := in.Defaults(VariantReliable)
	if err != nil {
		return nil, err
	}
	c = c.With("scenario", sc).With("reliability", rel).With("ordering", ord).With("msgs", strconv.Itoa(TableMsgs(sc)))
	var states int64
	failed := map[string][]string{}
	undecided := map[string]bool{}
	for _, tf := range tableFaults {
		c.Faults = tf.faults
		if c, err = in.Validate(c); err != nil {
			return nil, err
		}
		out, err := r.Run(Name, c)
		if err != nil {
			return nil, fmt.Errorf("multicast table: %v: %w", c, err)
		}
		states += out.Distinct
		for _, v := range out.Verdicts {
			switch v.Status {
			case "violated":
				failed[v.Name] = append(failed[v.Name], tf.name)
			case "holds":
			default:
				undecided[v.Name] = true
			}
		}
	}
	return []string{sc, rel, ord, strconv.FormatInt(states, 10), verdictText(failed, undecided)}, nil
}

// verdictText formats a cell: "holds", or the failing properties in model
// order with the runs that violate them, then any undecided ones.
func verdictText(failed map[string][]string, undecided map[string]bool) string {
	var fails, unknown []string
	for _, p := range PropertyNames() {
		switch runs := failed[p]; {
		case len(runs) == 0 && undecided[p]:
			unknown = append(unknown, p)
		case len(runs) > 0 && runs[0] == tableFaults[0].name:
			fails = append(fails, p+" ("+tableFaults[0].name+")")
		case len(runs) > 0:
			fails = append(fails, p+" ("+strings.Join(runs, ", ")+")")
		}
	}
	var parts []string
	if len(fails) > 0 {
		parts = append(parts, "fails: "+strings.Join(fails, "; "))
	}
	if len(unknown) > 0 {
		parts = append(parts, "undecided: "+strings.Join(unknown, "; "))
	}
	if len(parts) == 0 {
		return "holds"
	}
	return strings.Join(parts, "; ")
}

// tableNotes explains the runs and the scenarios shown.
func tableNotes(scens []string) []string {
	notes := []string{
		"Each cell is four complete runs (breadth-first search, liveness in the same pass) on an unordered network: no fault, dup=1, drop=1, crash=1",
		"(one fault kind at a time); states adds up their distinct states. After a failing property, the runs that violate it.",
		"Multicasts per sender: 2 in (a) and (c-L), 1 elsewhere. total: a sequencer per group, no cross-group mechanism;",
		"global: one sequencer for every group. none: no ordering, delivery on receipt.",
	}
	for _, s := range scenarios {
		if slices.Contains(scens, s.name) {
			notes = append(notes, fmt.Sprintf("(%s) %s", s.name, s.summary))
		}
	}
	return notes
}
