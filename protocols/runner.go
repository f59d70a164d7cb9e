package protocols

import (
	"sort"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
)

// A Runner runs the checker for tables (catalog.Runner): every run is one
// exploration (BFS with liveness in one pass) with the given options, at most
// DefaultTableStates distinct states unless Opts.MaxStates says otherwise,
// whose BFS pass also gathers the spec's measures over the final states
// (kept only when the run was complete).
type Runner struct {
	Opts      explore.Options   // limits and workers of every run
	TableArgs map[string]string // the table's own options, as given
}

var _ catalog.Runner = (*Runner)(nil)

// Spec implements catalog.Runner.
func (r *Runner) Spec(name string) *catalog.Info {
	e, err := Lookup(name)
	if err != nil {
		return nil
	}
	return e.Info()
}

// Args implements catalog.Runner.
func (r *Runner) Args() map[string]string { return r.TableArgs }

// Run implements catalog.Runner.
func (r *Runner) Run(spec string, c catalog.Config) (*catalog.Outcome, error) {
	e, err := Lookup(spec)
	if err != nil {
		return nil, err
	}
	inst, err := e.Build(c)
	if err != nil {
		return nil, err
	}
	var res *explore.Result
	var stats []catalog.Stat
	if len(inst.measures) == 0 {
		res, err = inst.Check("bfs", r.opts(), nil)
	} else {
		res, stats, err = inst.measure(r.opts()) // the check and the measures in one exploration
	}
	if err != nil {
		return nil, err
	}
	out := &catalog.Outcome{Config: inst.Config, Complete: res.Complete, Distinct: res.Distinct}
	for _, p := range res.Properties {
		out.Verdicts = append(out.Verdicts, catalog.Verdict{Name: p.Name, Expect: p.Expect, Status: p.Status.String(), Trace: p.Trace})
	}
	if res.Complete { // no measures over an incomplete run
		out.Measures = stats
	}
	return out, nil
}

// DefaultTableStates bounds every run of a table (-max-states): a
// configuration larger than this is reported as stopped, not explored.
const DefaultTableStates = 1_000_000

// opts returns the options of one table run.
func (r *Runner) opts() explore.Options {
	o := r.Opts
	if o.MaxStates == 0 {
		o.MaxStates = DefaultTableStates
	}
	return o
}

// A NamedTable is a table with the spec it belongs to ("" for a table over
// several specs).
type NamedTable struct {
	Spec string
	catalog.Table
}

// Tables lists every table: the specs' own and the catalogue-wide ones
// (tables.go), sorted by name.
func Tables() []NamedTable {
	var out []NamedTable
	for _, e := range all {
		for _, t := range e.Tables() {
			out = append(out, NamedTable{Spec: e.Info().Name, Table: t})
		}
	}
	for _, t := range crossTables {
		out = append(out, NamedTable{Table: t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// crossTables are tables over several specs (the DME message counts).
var crossTables []catalog.Table
