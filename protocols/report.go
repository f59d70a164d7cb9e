package protocols

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
)

// A Run says how a result was obtained, for trace headers and reproduce
// lines.
type Run struct {
	Info   *catalog.Info
	Config catalog.Config
	Engine string // as given to -engine
	Opts   explore.Options
	Prog   string // the name the CLI was run by ("check")
}

// TraceFile builds the trace file of a violation found by run r.
func (r *Run) TraceFile(res *explore.Result, pr *explore.PropertyResult) *counterexamples.File {
	return &counterexamples.File{
		Header: counterexamples.Header{
			Protocol:  r.Info.Name,
			Params:    counterexamples.Params{Config: r.Config, Symmetry: r.Opts.Symmetry, Stutter: r.Opts.Stutter},
			Property:  pr.Name,
			Expect:    pr.Expect,
			Result:    counterexamples.ResultCounterexample,
			Engine:    res.Engine,
			Seed:      res.Seed,
			Generated: res.Generated,
			Distinct:  res.Distinct,
			MaxDepth:  res.MaxDepth,
			Reproduce: r.Reproduce(),
			Message:   pr.MessageLine(),
		},
		Trace: *pr.Trace,
	}
}

// Reproduce is the command line that reruns the search: the variant, and
// whatever differs from the variant's defaults.
func (r *Run) Reproduce() string {
	info, cfg, opts := r.Info, r.Config, r.Opts
	parts := []string{r.Prog, "run", info.Name}
	if len(info.Variants) > 0 {
		parts = append(parts, "-variant", cfg.Variant)
	}
	if def, err := info.Defaults(cfg.Variant); err == nil {
		for i, a := range cfg.Args {
			if i >= len(def.Args) || def.Args[i].Value != a.Value {
				parts = append(parts, "-"+a.Name, a.Value)
			}
		}
		if cfg.Network != def.Network {
			parts = append(parts, "-network", cfg.Network)
		}
		if cfg.Faults != def.Faults {
			parts = append(parts, "-faults", cfg.Faults.String())
		}
	}
	if r.Engine != "bfs" {
		parts = append(parts, "-engine", r.Engine)
	}
	if r.Engine == "random" {
		parts = append(parts, "-seed", fmt.Sprint(opts.Seed))
		if opts.Walks > 0 {
			parts = append(parts, "-walks", fmt.Sprint(opts.Walks))
		}
	}
	if opts.MaxDepth > 0 {
		parts = append(parts, "-max-depth", fmt.Sprint(opts.MaxDepth))
	}
	if opts.Symmetry {
		parts = append(parts, "-symmetry")
	}
	if opts.Stutter {
		parts = append(parts, "-stutter")
	}
	return strings.Join(parts, " ")
}
