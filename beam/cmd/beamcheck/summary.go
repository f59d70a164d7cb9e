package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/protocheck/protocheck/beam/bfs"
	"github.com/protocheck/protocheck/beam/load"
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/internal/count"
	"github.com/protocheck/protocheck/protocols"
)

// A job is a resolved invocation: the protocol, its complete configuration
// and the Spec the workers build the model from.
type job struct {
	info      *catalog.Info
	cfg       catalog.Config
	spec      bfs.Spec
	maxStates int64
}

func newJob(c config) (*job, error) {
	if c.protocol == "" {
		return nil, errors.New("-protocol is required")
	}
	if c.out == "" {
		return nil, errors.New("-out is required: the run directory")
	}
	maxStates, err := count.Parse(c.maxStates)
	if err != nil {
		return nil, fmt.Errorf("-max-states: %v", err)
	}
	switch {
	case c.timeLimit < 0:
		return nil, fmt.Errorf("-time %v: want >= 0", c.timeLimit)
	case c.maxDepth < 0:
		return nil, fmt.Errorf("-max-depth %d: want >= 0", c.maxDepth)
	}
	e, err := protocols.Lookup(c.protocol)
	if err != nil {
		return nil, err
	}
	line, err := load.Canonical(c.protocol, c.line)
	if err != nil {
		return nil, fmt.Errorf("-config: %w", err)
	}
	cfg, err := catalog.ParseConfig(line)
	if err != nil {
		return nil, err
	}
	in, err := e.Build(cfg)
	if err != nil {
		return nil, fmt.Errorf("-config: %w", err)
	}
	if c.symmetry && !in.Symmetric {
		return nil, fmt.Errorf("-symmetry: %s declares no symmetry, so there is nothing to reduce", c.protocol)
	}
	return &job{info: e.Info(), cfg: in.Config, spec: bfs.Spec{Protocol: c.protocol, Config: line, Symmetry: c.symmetry}, maxStates: maxStates}, nil
}

// report prints the summary and the shortest counterexample, writes -o,
// and returns the exit code.
func (j *job) report(rep *bfs.Report, c config, runner string, stdout, stderr io.Writer) int {
	res := rep.Result
	shown := res.Shortest()
	fmt.Fprintf(stdout, "protocol:   %s %s\n", j.info.Name, j.cfg)
	status := "complete"
	if !res.Complete {
		status = "INCOMPLETE (" + res.Stop() + ")"
	}
	sym := ""
	if j.spec.Symmetry {
		sym = ", symmetry reduction"
	}
	fmt.Fprintf(stdout, "engine:     beam on %s, %d shards%s, %s\n", runner, c.shards, sym, status)
	fmt.Fprintf(stdout, "run:        %s (%d of %d levels read back from its checkpoints)\n", c.out, rep.Resumed(), len(rep.Levels))
	fmt.Fprintf(stdout, "states:     %d distinct, %d successors generated, %d BFS levels (longest shortest path %d steps)\n",
		res.Distinct, res.Generated, res.MaxDepth+1, res.MaxDepth)
	fmt.Fprintf(stdout, "speed:      %.0f states/s, elapsed %v, collision probability %.3g\n",
		res.StatesPerSecond(), res.Elapsed.Round(time.Millisecond), res.Collision)
	if c.levels {
		writeLevels(stdout, rep.Levels)
	}
	fmt.Fprintln(stdout, "properties:")
	for _, p := range res.Properties {
		fmt.Fprintln(stdout, p.Line(shown == nil || p.Name != shown.Name))
	}
	if shown != nil {
		file := j.traceFile(res, shown)
		fmt.Fprintf(stdout, "\nshortest counterexample: %q, %d steps\n\n", shown.Name, shown.Trace.Len())
		if err := counterexamples.Write(stdout, file); err != nil {
			fmt.Fprintf(stderr, "%s: cannot render the trace: %v\n", progName, err)
		}
		if c.traceOut != "" {
			if err := counterexamples.WriteFile(c.traceOut, file); err != nil {
				fmt.Fprintf(stderr, "%s: -o: %v\n", progName, err)
			} else {
				fmt.Fprintf(stderr, "%s: wrote %s\n", progName, c.traceOut)
			}
		}
	} else if c.traceOut != "" {
		fmt.Fprintf(stderr, "%s: no counterexample: -o wrote nothing\n", progName)
	}
	fmt.Fprintln(stdout, verdict(res))
	return res.ExitCode()
}

// traceFile is the trace file of a violation. Its reproduce line is the
// in-memory check's command: the same search, the same trace.
func (j *job) traceFile(res *explore.Result, pr *explore.PropertyResult) *counterexamples.File {
	r := &protocols.Run{Info: j.info, Config: j.cfg, Engine: "bfs", Prog: "check", Opts: explore.Options{Symmetry: j.spec.Symmetry}}
	return r.TraceFile(res, pr)
}

func writeLevels(w io.Writer, levels []bfs.Level) {
	fmt.Fprintln(w, "levels:     depth       new   generated      time")
	for _, l := range levels {
		how := l.Elapsed.Round(time.Millisecond).String()
		if l.Resumed {
			how += " (read back)"
		}
		fmt.Fprintf(w, "            %5d %9d %11d %9s\n", l.Depth, l.New, l.Generated, how)
	}
}

// verdict is the summary's last line, as check's (explore.Result.Verdict).
func verdict(res *explore.Result) string { return "\n" + res.Verdict("beam") }
