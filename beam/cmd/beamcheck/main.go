// Command beamcheck runs protocheck's exhaustive breadth-first search of a
// catalogue protocol as Apache Beam pipelines, one per BFS level (package
// bfs), on any Beam runner: prism in this process by default, or Flink,
// Spark or Dataflow with the Go SDK's runner flags (see beam/README.md).
//
//	beamcheck -protocol twopc -config 'variant=ready-aborts n=2' -out /tmp/run
//	beamcheck -protocol twophase -config 'n=6' -out gs://bucket/run --runner=dataflow --project=... --region=...
//
// It prints the summary `check run` prints: distinct states, levels,
// verdicts and the shortest counterexample. It checks safety (Always),
// reachability (Sometimes), step properties and deadlocks; liveness
// properties are reported as not checked. The level files under -out are
// checkpoints: the same command resumes a stopped run, whether it was
// killed or stopped by -max-depth, -max-states or -time (checked between
// levels).
//
// Exit codes are check's: 0 every property holds over the complete space,
// 1 a property failed, 2 bad usage or a failed run, 3 stopped before the
// space was exhausted or a property not checked (liveness).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	// Run directories on S3 (s3://...); beamx brings local paths and gs://.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"

	"github.com/protocheck/protocheck/beam/bfs"
	"github.com/protocheck/protocheck/beam/internal/loopback"
	"github.com/protocheck/protocheck/explore"
)

const progName = "beamcheck"

// Exit codes, as check's.
const (
	exitOK         = explore.ExitOK
	exitViolation  = explore.ExitViolation
	exitUsage      = explore.ExitUsage // also: the run failed
	exitIncomplete = explore.ExitIncomplete
)

// A config is one invocation's flags.
type config struct {
	protocol, line, out, traceOut string
	symmetry, full, quiet, levels bool
	verbose                       bool
	maxDepth, shards              int
	maxStates                     string
	timeLimit                     time.Duration
}

// addFlags defines beamcheck's own flags on fs (the runner's flags are the
// Beam SDK's, on the command line's flag set).
func addFlags(fs *flag.FlagSet, c *config) {
	fs.StringVar(&c.protocol, "protocol", "", "the catalogue protocol to check (see check list)")
	fs.StringVar(&c.line, "config", "", `its configuration: "variant=... <param>=... network=... faults=...", the rest from the variant's defaults`)
	fs.StringVar(&c.out, "out", "", "the run directory: level files and checkpoints (a local path, or gs://... on Dataflow); required")
	fs.StringVar(&c.traceOut, "o", "", "write the shortest counterexample to this trace file (check replay reads it)")
	fs.BoolVar(&c.symmetry, "symmetry", false, "symmetry reduction (only for protocols that declare a symmetry)")
	fs.BoolVar(&c.full, "full", false, "explore the whole space even once every property is decided")
	fs.IntVar(&c.maxDepth, "max-depth", 0, "do not expand states at this depth (0: no limit)")
	fs.StringVar(&c.maxStates, "max-states", "0", "stop at the first level boundary with this many distinct states, e.g. 1e6 or 10M (0: no limit; the same command resumes)")
	fs.DurationVar(&c.timeLimit, "time", 0, "stop at the first level boundary after this wall time, e.g. 2h (0: none; the same command resumes)")
	fs.IntVar(&c.shards, "shards", 16, "files per level")
	fs.BoolVar(&c.levels, "levels", false, "print every level's counts and time in the summary")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress lines on stderr")
	fs.BoolVar(&c.verbose, "v", false, "keep the Beam SDK's and runner's informational logs")
}

func main() {
	var c config
	addFlags(flag.CommandLine, &c)
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: %s -protocol NAME [-config LINE] -out DIR [flags] [Beam runner flags: --runner=... --endpoint=...]\n", progName)
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init() // on a worker, this runs the SDK harness and never returns
	if !c.verbose {
		beamlog.SetupLogging("warn", "text")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	runner := *runners.Runner
	if runner == "" {
		runner = "prism"
	}
	cleanup, err := loopback.PrivateTempDir()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", progName, err)
		os.Exit(exitUsage)
	}
	code := execute(ctx, c, runner, beamRunner, os.Stdout, os.Stderr)
	cleanup()
	os.Exit(code)
}

// beamRunner runs a pipeline on the runner --runner names.
func beamRunner(ctx context.Context, p *beam.Pipeline) error { return beamx.Run(ctx, p) }

// execute runs one check and prints its summary; it returns the exit code.
// A nil run uses prism in this process.
func execute(ctx context.Context, c config, runnerName string, run bfs.Runner, stdout, stderr io.Writer) int {
	j, err := newJob(c)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v (see %s -h)\n", progName, err, progName)
		return exitUsage
	}
	opts := bfs.Options{Dir: c.out, Shards: c.shards, MaxDepth: c.maxDepth, MaxStates: j.maxStates, Time: c.timeLimit, Full: c.full, Runner: run}
	if !c.quiet {
		opts.Progress = func(l bfs.Level) {
			how := l.Elapsed.Round(1e6).String()
			if l.Resumed {
				how = "from the checkpoint"
			}
			fmt.Fprintf(stderr, "level %d: %d new states, %d successors generated (%s)\n", l.Depth, l.New, l.Generated, how)
		}
	}
	rep, err := bfs.Run(ctx, j.spec, opts)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progName, err)
		return exitUsage
	}
	return j.report(rep, c, runnerName, stdout, stderr)
}
