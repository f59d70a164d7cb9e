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
	"slices"
	"syscall"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

// baseContext is the context a run starts from; tests replace it to
// simulate Ctrl-C.
var baseContext = context.Background

// A job is one `check run` invocation after its flags are resolved.
type job struct {
	info  *catalog.Info
	flags runFlags
	cfg   catalog.Config
	opts  explore.Options
	inst  *protocols.Instance
	props []string         // the properties selected with -props; nil: all
	graph *protocols.Graph // the state graph, for -dot (dot.go)
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	var f runFlags
	name := findProtocol(args)
	var info *catalog.Info
	if name != "" {
		e, err := protocols.Lookup(name)
		if err != nil {
			return usageErr(stderr, "run: %v (see %s list)", err, progName)
		}
		info = e.Info()
	}
	fs := newRunFlagSet(&f, info)
	if info == nil && !slices.ContainsFunc(args, isHelp) {
		return usageErr(stderr, "run: want one protocol (see %s list)", progName)
	}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fmt.Fprintf(stdout, "usage: %s run <protocol> [flags]  (flags may come before or after the protocol)\n", progName)
		if info == nil {
			fmt.Fprintf(stdout, "(give a protocol to see its own parameters: %s run <protocol> -h)\n", progName)
		}
		fs.PrintDefaults()
		return exitOK
	}
	if err != nil {
		return usageErr(stderr, "run: %v (see %s run -h)", err, progName)
	}
	if len(pos) != 1 || info == nil {
		return usageErr(stderr, "run: want one protocol, got %d arguments %q (see %s list)", len(pos), pos, progName)
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	f.args = args
	j, err := newJob(info, f)
	if err != nil {
		return usageErr(stderr, "run %s: %v", info.Name, err)
	}
	return j.execute(stdout, stderr)
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// newJob resolves the flags against the protocol and builds its model.
// Every error it returns is bad usage (exit 2), found before the run.
func newJob(info *catalog.Info, f runFlags) (*job, error) {
	req, err := f.request()
	if err != nil {
		return nil, err
	}
	j := &job{info: info, flags: f}
	if j.cfg, err = info.Resolve(req); err != nil {
		return nil, err
	}
	if j.opts, err = f.options(); err != nil {
		return nil, err
	}
	if err := j.setDiskMeta(); err != nil {
		return nil, err
	}
	e, err := protocols.Lookup(info.Name)
	if err != nil {
		return nil, err
	}
	if j.inst, err = e.Build(j.cfg); err != nil {
		return nil, err
	}
	if f.symmetry && !j.inst.Symmetric {
		return nil, fmt.Errorf("-symmetry: %s declares no symmetry, so there is nothing to reduce", info.Name)
	}
	if j.props, err = j.inst.Select(f.props); err != nil {
		return nil, err
	}
	for _, o := range []struct{ flag, name string }{{"-o", j.outName("x")}, {"-viz", f.viz}, {"-mermaid", f.mermaid}, {"-dot", f.dot}, {"-report", f.report}} {
		if o.name == "" {
			continue
		}
		if err := writable(o.name); err != nil {
			return nil, fmt.Errorf("%s: %v", o.flag, err)
		}
	}
	if err := j.buildGraph(); err != nil {
		return nil, err
	}
	return j, nil
}

// writable checks, before a run, that a file can be written at name: its
// directory exists or can be made, and accepts the file.
func writable(name string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	_, statErr := os.Stat(name)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	f.Close()
	if os.IsNotExist(statErr) {
		return os.Remove(name) // leave no empty file behind if the run writes nothing
	}
	return nil
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
	sr := j.startShard() // nil unless -shard
	res, err := j.inst.Check(j.flags.engine, j.opts, j.props)
	prog.done()
	if err != nil {
		return usageErr(stderr, "run %s: %v", j.info.Name, err)
	}
	if ctx.Err() != nil && res.StopReason == "" && !res.Complete {
		res.StopReason = "interrupted"
	}
	shown := res.Shortest()
	code := res.ExitCode()

	var file *counterexamples.File
	if shown != nil {
		file = j.traceFile(res, shown)
	}
	if j.flags.json {
		write := writeJSON
		if sr != nil {
			write = sr.writeJSON // a shard prints its report (shard.go)
		}
		if err := write(stdout, j, res); err != nil {
			return usageErr(stderr, "run %s: %v", j.info.Name, err)
		}
	} else {
		writeSummary(stdout, j, res, shown)
		if file != nil {
			fmt.Fprintf(stdout, "\nshortest counterexample: %q, %d steps\n\n", shown.Name, shown.Trace.Len())
			if err := counterexamples.Write(stdout, file); err != nil {
				fmt.Fprintf(stderr, "%s: cannot render the trace: %v\n", progName, err)
			}
		}
		fmt.Fprintln(stdout, verdict(res, j.engineName()))
	}
	j.writeOutputs(stderr, file, shown)
	j.writeDot(stderr, shown)
	if j.flags.checkpoint != "" && !res.Complete && (res.StopReason == "time limit" || res.StopReason == "interrupted") {
		fmt.Fprintf(stderr, "%s: checkpointed at the last level boundary; continue with: %s resume %s\n",
			progName, progName, j.flags.checkpoint)
	}
	if sr != nil {
		if err := sr.finish(j, res, stderr); err != nil {
			return usageErr(stderr, "run %s: %v", j.info.Name, err)
		}
	}
	return code
}

// writeOutputs writes -o, -viz and -mermaid, or says why nothing was
// written.
func (j *job) writeOutputs(stderr io.Writer, file *counterexamples.File, shown *explore.PropertyResult) {
	for _, o := range []struct{ flag, name string }{{"-o", j.flags.out}, {"-viz", j.flags.viz}, {"-mermaid", j.flags.mermaid}} {
		if o.name != "" && shown == nil {
			fmt.Fprintf(stderr, "%s: no counterexample: %s wrote nothing\n", progName, o.flag)
		}
	}
	if shown == nil {
		return
	}
	if j.flags.out != "" {
		name := j.outName(shown.Name)
		file.Header.Replay = progName + " replay " + filepath.ToSlash(name)
		if err := counterexamples.Save(name, file); err != nil { // JSON for .json
			fmt.Fprintf(stderr, "%s: -o: %v\n", progName, err)
		} else {
			fmt.Fprintf(stderr, "%s: saved %s\n", progName, name)
		}
	}
	if j.flags.viz != "" {
		j.writeViz(stderr, shown)
	}
	if j.flags.mermaid != "" {
		writeMermaid(stderr, file, j.flags.mermaid)
	}
}
