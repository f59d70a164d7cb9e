package exploretest

import (
	"fmt"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// A Runner is a catalog.Runner over one spec, for a spec's table tests
// (the CLI's runner, in package protocols, cannot be imported there):
// every Run is a real, complete explore.Check of the configuration.
type Runner[S, A any] struct {
	Entry   catalog.Spec[S, A] // the one spec it runs
	Options map[string]string  // what Args returns: the table's own options
	// Measure, unless nil, computes the outcome's Measures from the model
	// of the configuration run.
	Measure func(m model.Model[S, A]) ([]catalog.Stat, error)
	Runs    []catalog.Config // every configuration Run was asked for, in order
	_       struct{}         // forbids positional literals
}

// Spec returns the description of r.Entry, nil for any other name.
func (r *Runner[S, A]) Spec(name string) *catalog.Info {
	if name != r.Entry.Name {
		return nil
	}
	return &r.Entry.Info
}

// Args returns r.Options.
func (r *Runner[S, A]) Args() map[string]string { return r.Options }

// Run validates c, builds its model, explores it completely and returns
// the verdicts, the distinct states and, with Measure, the measures. It
// runs only r.Entry.
func (r *Runner[S, A]) Run(name string, c catalog.Config) (*catalog.Outcome, error) {
	if name != r.Entry.Name {
		return nil, fmt.Errorf("exploretest: runner of %q asked to run %q", r.Entry.Name, name)
	}
	r.Runs = append(r.Runs, c)
	c, err := r.Entry.Validate(c)
	if err != nil {
		return nil, err
	}
	m, err := r.Entry.Build(c)
	if err != nil {
		return nil, err
	}
	res, err := explore.Check(m, explore.Options{Workers: 2})
	if err != nil {
		return nil, err
	}
	out := &catalog.Outcome{Config: c, Complete: res.Complete, Distinct: res.Distinct}
	for _, p := range res.Properties {
		out.Verdicts = append(out.Verdicts, catalog.Verdict{Name: p.Name, Expect: p.Expect, Status: p.Status.String(), Trace: p.Trace})
	}
	if r.Measure != nil {
		if out.Measures, err = r.Measure(m); err != nil {
			return nil, err
		}
	}
	return out, nil
}

var _ catalog.Runner = (*Runner[int, string])(nil)
