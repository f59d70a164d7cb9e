package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// baseContext is the context a run starts from; tests replace it to
// simulate Ctrl-C.
var baseContext = context.Background

// A job is one `check run` invocation after its flags are resolved.
type job struct {
	proto  *protocol
	flags  runFlags
	cfg    config
	opts   explore.Options
	runner *runner
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	var f runFlags
	fs := newRunFlagSet(&f)
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fmt.Fprintln(stdout, "usage: check run <protocol> [flags]  (flags may come before or after the protocol)")
		fs.PrintDefaults()
		return exitOK
	}
	if err != nil {
		return usageErr(stderr, "run: %v (see check run -h)", err)
	}
	if len(pos) != 1 {
		return usageErr(stderr, "run: want one protocol, got %d arguments %q (see check list)", len(pos), pos)
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	p, err := lookup(pos[0])
	if err != nil {
		return usageErr(stderr, "%v", err)
	}
	j := &job{proto: p, flags: f}
	if j.cfg, j.opts, err = f.resolve(p); err != nil {
		return usageErr(stderr, "run %s: %v", p.Name, err)
	}
	if j.runner, err = p.Build(j.cfg); err != nil {
		return usageErr(stderr, "run %s: %v", p.Name, err)
	}
	return j.execute(stdout, stderr)
}

// execute runs the engine and reports; it returns the exit code.
func (j *job) execute(stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(baseContext(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	j.opts.Context = ctx
	prog := newProgress(stderr, j.flags.progress, j.flags.quiet)
	if prog != nil {
		j.opts.Progress = prog.report
	}
	res, err := j.runner.check(j.flags.engine, j.opts)
	prog.done()
	if err != nil {
		return usageErr(stderr, "run %s: %v", j.proto.Name, err)
	}
	if ctx.Err() != nil && res.StopReason == "" && !res.Complete {
		res.StopReason = "interrupted"
	}
	shown := shortestViolation(res)
	code := exitCode(res)

	var file *counterexamples.File
	if shown != nil {
		file = j.traceFile(res, shown)
	}
	if j.flags.json {
		if err := writeJSON(stdout, j, res); err != nil {
			return usageErr(stderr, "run %s: %v", j.proto.Name, err)
		}
	} else {
		writeSummary(stdout, j, res)
		if file != nil {
			fmt.Fprintf(stdout, "\nshortest counterexample: %q, %d steps\n\n", shown.Name, shown.Trace.Len())
			if err := counterexamples.Write(stdout, file); err != nil {
				fmt.Fprintf(stderr, "check: cannot render the trace: %v\n", err)
			}
			fmt.Fprintf(stdout, "\nreproduce: %s\n", file.Header.Reproduce)
		}
		fmt.Fprintln(stdout, verdict(res))
	}
	if file != nil && j.flags.out != "" {
		name := j.outName(shown.Name)
		file.Header.Replay = "go run ./cmd/check replay " + filepath.ToSlash(name)
		if err := counterexamples.WriteFile(name, file); err != nil {
			return usageErr(stderr, "run %s: saving the trace: %v", j.proto.Name, err)
		}
		fmt.Fprintf(stderr, "check: saved %s\n", name)
	} else if j.flags.out != "" {
		fmt.Fprintf(stderr, "check: no counterexample trace to save; %s not written\n", j.flags.out)
	}
	if shown != nil && j.flags.viz != "" {
		j.writeViz(stderr, shown)
	}
	if shown != nil && j.flags.mermaid != "" {
		writeMermaid(stderr, shown.Trace, j.flags.mermaid)
	}
	return code
}

// writeMermaid writes a trace's sequence diagram in a Markdown file.
func writeMermaid(stderr io.Writer, tr *model.Trace, name string) {
	var b strings.Builder
	b.WriteString("```mermaid\n")
	if err := counterexamples.WriteMermaid(&b, tr); err != nil {
		fmt.Fprintf(stderr, "check: -mermaid: %v\n", err)
		return
	}
	b.WriteString("```\n")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		fmt.Fprintf(stderr, "check: -mermaid: %v\n", err)
		return
	}
	fmt.Fprintf(stderr, "check: wrote %s\n", name)
}

// exitCode maps a result to the CLI's exit codes. A run the engine ended
// early because every property was decided Holds (it can happen with
// only Sometimes and liveness properties) exits 0 too.
func exitCode(res *explore.Result) int {
	switch {
	case len(res.Violations()) > 0:
		return exitViolation
	case !res.Complete && !allHold(res):
		return exitIncomplete
	}
	return exitOK
}

// allHold reports whether every property's verdict is Holds.
func allHold(res *explore.Result) bool {
	for _, p := range res.Properties {
		if p.Status != explore.Holds {
			return false
		}
	}
	return len(res.Properties) > 0
}

// shortestViolation returns the violated property with the shortest trace
// (the first in report order among equals), or nil when no violation has
// a trace.
func shortestViolation(res *explore.Result) *explore.PropertyResult {
	var best *explore.PropertyResult
	for i := range res.Properties {
		p := &res.Properties[i]
		if p.Status != explore.Violated || p.Trace == nil || len(p.Trace.Steps) == 0 {
			continue
		}
		if best == nil || p.Trace.Len() < best.Trace.Len() {
			best = p
		}
	}
	return best
}

// traceFile builds the file for a violation, header filled in.
func (j *job) traceFile(res *explore.Result, pr *explore.PropertyResult) *counterexamples.File {
	return &counterexamples.File{
		Header: counterexamples.Header{
			Protocol: j.proto.Name,
			Params: counterexamples.Params{
				N: j.cfg.N, Variant: j.cfg.Variant, Network: j.cfg.Network,
				Faults: j.cfg.Faults, Symmetry: j.cfg.Symmetry,
			},
			Property:  pr.Name,
			Expect:    pr.Expect,
			Result:    counterexamples.ResultCounterexample,
			Engine:    res.Engine,
			Seed:      res.Seed,
			Generated: res.Generated,
			Distinct:  res.Distinct,
			MaxDepth:  res.MaxDepth,
			Reproduce: j.reproduceCommand(),
			Message:   oneLine(pr.Message),
		},
		Trace: *pr.Trace,
	}
}

// reproduceCommand is the command line that reruns this search.
func (j *job) reproduceCommand() string {
	parts := []string{"go run ./cmd/check run", j.proto.Name, fmt.Sprintf("-n %d", j.cfg.N)}
	if j.cfg.Variant != "" {
		parts = append(parts, "-variant "+j.cfg.Variant)
	}
	if j.flags.engine != "bfs" {
		parts = append(parts, "-engine "+j.flags.engine)
	}
	if j.flags.engine == "random" {
		parts = append(parts, fmt.Sprintf("-seed %d", j.opts.Seed))
		if j.opts.Walks > 0 {
			parts = append(parts, fmt.Sprintf("-walks %d", j.opts.Walks))
		}
	}
	if j.opts.MaxDepth > 0 {
		parts = append(parts, fmt.Sprintf("-max-depth %d", j.opts.MaxDepth))
	}
	if len(j.proto.Networks) > 0 {
		parts = append(parts, "-network "+j.cfg.Network)
	}
	if len(j.cfg.Faults) > 0 {
		parts = append(parts, "-faults "+counterexamples.FormatFaults(j.cfg.Faults))
	}
	if j.cfg.Symmetry {
		parts = append(parts, "-symmetry")
	}
	return strings.Join(parts, " ")
}

// outName resolves -o: "auto" gives the default name under
// counterexamples/.
func (j *job) outName(prop string) string {
	if j.flags.out == "auto" {
		return defaultTraceName(j.proto, prop, j.cfg.Variant)
	}
	return j.flags.out
}

// defaultTraceName is counterexamples/<protocol>/<property-slug>[-<variant>].trace;
// the variant is left out when it is the protocol's default.
func defaultTraceName(p *protocol, prop, variant string) string {
	name := slug(prop)
	if variant != "" && variant != p.defaultVariant() {
		name += "-" + slug(variant)
	}
	return filepath.Join("counterexamples", p.Name, name+".trace")
}

// slug turns a property name into a file name part: "mutual exclusion"
// becomes "mutual-exclusion".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "property"
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// writeViz asks the protocol for an HTML view of the violation.
func (j *job) writeViz(stderr io.Writer, pr *explore.PropertyResult) {
	if j.runner.viz == nil {
		fmt.Fprintf(stderr, "check: %s has no visualization; -viz ignored\n", j.proto.Name)
		return
	}
	last := pr.Trace.Steps[len(pr.Trace.Steps)-1].State
	if err := j.runner.viz(pr.Name, last, j.flags.viz); err != nil {
		fmt.Fprintf(stderr, "check: -viz: %v\n", err)
		return
	}
	fmt.Fprintf(stderr, "check: wrote %s\n", j.flags.viz)
}
