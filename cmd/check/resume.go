package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

// resumeFlags are the flags of `check resume`: what may change between
// sessions without changing the result.
type resumeFlags struct {
	workers   int
	mem       string
	timeLimit time.Duration
	progress  bool
	quiet     bool
	json      bool
	set       map[string]bool
}

// resumeCmd is `check resume [flags] DIR`: it continues the run that
// `check run -checkpoint DIR` checkpointed in DIR, from its last BFS level,
// and reports as that command would have: the counts, verdicts and traces
// of an uninterrupted run, the same output flags (-json, -o, ...; output
// paths are relative to the current directory) and exit code. A run that
// had ended is reported again.
func resumeCmd(args []string, stdout, stderr io.Writer) int {
	var rf resumeFlags
	fs := flag.NewFlagSet("check resume", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.IntVar(&rf.workers, "workers", 0, "goroutines (default: the run's -workers)")
	fs.StringVar(&rf.mem, "mem", "", "memory budget, e.g. 512MiB (default: the run's -mem)")
	fs.DurationVar(&rf.timeLimit, "time", 0, "wall-clock budget of this session, e.g. 30m (0: none; the run's -time is not carried over)")
	fs.BoolVar(&rf.progress, "progress", false, "print progress on stderr even when it is not a terminal")
	fs.BoolVar(&rf.quiet, "quiet", false, "no progress line")
	fs.BoolVar(&rf.json, "json", false, "print one JSON object on stdout (default: as the run did)")
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fmt.Fprintf(stdout, "usage: %s resume [flags] DIR  (DIR: a checkpoint of %s run -checkpoint DIR)\n", progName, progName)
		fs.PrintDefaults()
		return exitOK
	}
	if err != nil {
		return usageErr(stderr, "resume: %v (see %s resume -h)", err, progName)
	}
	if len(pos) != 1 {
		return usageErr(stderr, "resume: want one checkpoint directory, got %d arguments %q", len(pos), pos)
	}
	rf.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { rf.set[fl.Name] = true })
	cp, err := explore.ReadCheckpoint(pos[0])
	if err != nil {
		return usageErr(stderr, "resume: %v", err)
	}
	var meta checkpointMeta
	if err := json.Unmarshal([]byte(cp.Meta), &meta); err != nil || meta.Protocol == "" {
		return usageErr(stderr, "resume: %s is not a checkpoint of %s run -checkpoint (%v)", pos[0], progName, err)
	}
	j, err := resumeJob(meta, rf)
	if err != nil {
		return usageErr(stderr, "resume %s: %v", pos[0], err)
	}
	j.opts = cp.Resume(j.opts)
	return j.execute(stdout, stderr)
}

// resumeJob rebuilds the job of a checkpointed run from its command line,
// with this session's flags, on the configuration the checkpoint recorded.
func resumeJob(meta checkpointMeta, rf resumeFlags) (*job, error) {
	e, err := protocols.Lookup(meta.Protocol)
	if err != nil {
		return nil, err
	}
	info := e.Info()
	var f runFlags
	fs := newRunFlagSet(&f, info)
	if _, err := parseInterspersed(fs, meta.Args); err != nil {
		return nil, fmt.Errorf("the run's command line %q: %v", meta.Args, err)
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	f.args = meta.Args
	f.timeLimit = rf.timeLimit
	if rf.set["workers"] {
		f.workers = rf.workers
	}
	if rf.set["mem"] {
		f.mem = rf.mem
	}
	f.progress, f.quiet = f.progress || rf.progress, rf.quiet || (f.quiet && !rf.progress)
	f.json = f.json || rf.json
	j, err := newJob(info, f)
	if err != nil {
		return nil, err
	}
	if j.cfg.String() == meta.Config {
		return j, nil
	}
	// The catalogue resolves the command line differently now (new
	// defaults): the checkpoint's configuration is the one explored.
	cfg, err := catalog.ParseConfig(meta.Config)
	if err != nil {
		return nil, fmt.Errorf("the checkpoint's configuration %q: %v", meta.Config, err)
	}
	if j.inst, err = e.Build(cfg); err != nil {
		return nil, fmt.Errorf("the checkpoint's configuration %q: %v", meta.Config, err)
	}
	j.cfg = j.inst.Config
	if j.props, err = j.inst.Select(f.props); err != nil {
		return nil, err
	}
	return j, j.buildGraph()
}
