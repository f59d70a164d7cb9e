package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/internal/count"
	"github.com/protocheck/protocheck/protocols"
)

// runFlags are the flags of `check run` (and of `check table`, which takes
// the same engine limits). Spec parameters (-n, -requests, -ids ...) are
// added per protocol from its catalogue description.
type runFlags struct {
	variant   string
	engine    string
	workers   int
	maxStates string
	expect    string
	maxDepth  int
	timeLimit time.Duration
	mem       string
	seed      uint64
	walks     int64
	shard     string // -shard i/N or N: a swarm shard (shard.go)
	report    string // -report: the shard's JSON report
	json      bool
	out       string
	faults    string
	network   string
	symmetry  bool
	por       bool // -por: partial-order reduction (explore.Options.POR)
	stutter   bool
	props     string
	viz       string
	mermaid   string
	dot       string
	progress  bool
	quiet     bool
	params    map[string]*string // the spec's parameters, by name
	set       map[string]bool    // flags given on the command line

	// The disk engine (resume_disk.go): -disk DIR, -checkpoint DIR, and
	// the command line after "run", which a checkpoint keeps.
	disk, checkpoint string
	args             []string
}

// genericFlags are the flags every protocol has (for finding the protocol
// name among interspersed flags: these take a value unless boolean).
var boolFlags = []string{"json", "symmetry", "por", "stutter", "progress", "quiet", "h", "help"}

func newRunFlagSet(f *runFlags, info *catalog.Info) *flag.FlagSet {
	fs := flag.NewFlagSet("check run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.variant, "variant", "", "protocol variant (default: the protocol's first; see check list)")
	fs.StringVar(&f.engine, "engine", "bfs", "engine: "+strings.Join(protocols.Engines, "|")+" (bfs: breadth first, with liveness in the same pass)")
	fs.IntVar(&f.workers, "workers", 0, "goroutines (0: all cores)")
	fs.StringVar(&f.maxStates, "max-states", "0", "stop after this many distinct states, e.g. 1e6 or 10M (0: no limit)")
	fs.StringVar(&f.expect, "expect", "0", "size the visited set for this many distinct states up front (an earlier run's count), as SPIN's -w: no pauses to grow it; changes no result (0: grow as needed)")
	fs.IntVar(&f.maxDepth, "max-depth", 0, "do not expand states at this depth (0: no limit)")
	fs.DurationVar(&f.timeLimit, "time", 0, "wall-clock budget, e.g. 30s (0: none)")
	fs.StringVar(&f.mem, "mem", "0", "memory budget of the whole process (heap, frontier, visited set, liveness graph), e.g. 512MiB; at least 1MiB (0: 3/4 of RAM)")
	fs.Uint64Var(&f.seed, "seed", 0, "random simulation seed")
	fs.Int64Var(&f.walks, "walks", 0, "random simulation: number of walks (0: until another limit)")
	fs.StringVar(&f.shard, "shard", "", "random simulation as shard i of a swarm of N: i/N, or N with i from $JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID (see check merge)")
	fs.StringVar(&f.report, "report", "", "write the shard's JSON report to this file, its states' fingerprints beside it (.fps); with -shard")
	fs.BoolVar(&f.json, "json", false, "print one JSON object on stdout instead of the summary")
	fs.StringVar(&f.out, "o", "", "save the shortest counterexample to this file, as JSON when it ends in .json ('auto': counterexamples/<protocol>/<property>[-<variant>].trace)")
	fs.StringVar(&f.faults, "faults", "", "fault budgets, e.g. drop=2,dup=1 or none (default: the variant's; see check list)")
	fs.StringVar(&f.network, "network", "", "network semantics: unordered|fifo|duplicating (default: the variant's)")
	fs.BoolVar(&f.symmetry, "symmetry", false, "symmetry reduction (protocols that declare a symmetry)")
	fs.BoolVar(&f.por, "por", false, "partial-order reduction (protocols that declare one; -engine bfs): safety and reachability only, liveness not checked")
	fs.BoolVar(&f.stutter, "stutter", false, "liveness under TLA+'s semantics: a behaviour may stop wherever no weakly fair step is enabled (default: only where no step is)")
	fs.StringVar(&f.props, "props", "", "properties to check, comma-separated: names, 'safety' or 'liveness' (default: all)")
	fs.StringVar(&f.viz, "viz", "", "write an HTML view of a violation to this file (protocols that have one)")
	fs.StringVar(&f.mermaid, "mermaid", "", "write the counterexample as a Mermaid sequence diagram to this file (actor protocols)")
	fs.StringVar(&f.dot, "dot", "", fmt.Sprintf("write the state graph in Graphviz's format to this file, the counterexample in red (at most %d states)", protocols.MaxGraphStates))
	fs.BoolVar(&f.progress, "progress", false, "print progress on stderr even when it is not a terminal")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line")
	fs.StringVar(&f.disk, "disk", "", "BFS with the visited set and frontier in files under this directory, buffers sized from -mem; safety only")
	fs.StringVar(&f.checkpoint, "checkpoint", "", "BFS on disk in this directory, a checkpoint at every level: continue with check resume DIR; safety only")
	f.params = map[string]*string{}
	if info != nil {
		for _, p := range info.Params {
			f.params[p.Name] = fs.String(p.Name, p.Default, fmt.Sprintf("%s (%s)", p.Help, p.Range()))
		}
	}
	return fs
}

// findProtocol returns the first argument that is not a flag or a flag's
// value: the protocol's name, "" when there is none. Flags it does not know
// are taken to have a value (every spec parameter does).
func findProtocol(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if i+1 < len(args) {
				return args[i+1]
			}
			return ""
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return a
		}
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") || slices.Contains(boolFlags, name) {
			continue
		}
		i++ // the flag's value
	}
	return ""
}

// parseInterspersed parses flags that may come before or after positional
// arguments (`check run -n 3 twophase` and `check run twophase -n 3`).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// request turns the flags into a catalogue request: what the user gave,
// the rest from the variant's defaults.
func (f *runFlags) request() (catalog.Request, error) {
	r := catalog.Request{Variant: f.variant, Network: f.network, Params: map[string]string{}}
	for name, v := range f.params {
		if f.set[name] {
			r.Params[name] = *v
		}
	}
	if f.set["faults"] {
		faults, err := catalog.ParseFaults(f.faults)
		if err != nil {
			return r, fmt.Errorf("-faults %q: %v", f.faults, err)
		}
		r.Faults = &faults
	}
	return r, nil
}

// options checks the engine flags and returns the explore options.
func (f *runFlags) options() (explore.Options, error) {
	var opts explore.Options
	if !slices.Contains(protocols.Engines, f.engine) {
		return opts, fmt.Errorf("-engine %q: want one of %s", f.engine, strings.Join(protocols.Engines, ", "))
	}
	maxStates, err := count.Parse(f.maxStates)
	if err != nil {
		return opts, fmt.Errorf("-max-states: %v", err)
	}
	expect, err := count.Parse(f.expect)
	if err != nil {
		return opts, fmt.Errorf("-expect: %v", err)
	}
	mem, err := parseBytes(f.mem)
	if err != nil {
		return opts, fmt.Errorf("-mem: %v", err)
	}
	switch {
	case f.workers < 0:
		return opts, fmt.Errorf("-workers %d: want >= 0", f.workers)
	case f.maxDepth < 0:
		return opts, fmt.Errorf("-max-depth %d: want >= 0", f.maxDepth)
	case f.timeLimit < 0:
		return opts, fmt.Errorf("-time %v: want >= 0", f.timeLimit)
	case f.walks < 0:
		return opts, fmt.Errorf("-walks %d: want >= 0", f.walks)
	case f.engine != "random" && (f.set["seed"] || f.set["walks"]):
		return opts, fmt.Errorf("-seed and -walks are for -engine random")
	case f.por && f.engine != "bfs":
		return opts, fmt.Errorf("-por is for -engine bfs (the other engines explore every state)")
	case expect > 0 && (f.disk != "" || f.checkpoint != ""):
		return opts, fmt.Errorf("-expect sizes the visited set in memory: not with -disk or -checkpoint")
	}
	shard, err := f.shardOption()
	if err != nil {
		return opts, err
	}
	disk, err := f.diskOption()
	if err != nil {
		return opts, err
	}
	return explore.Options{
		Workers: f.workers, MaxStates: maxStates, Expect: expect, MaxDepth: f.maxDepth, Time: f.timeLimit,
		Memory: mem, Seed: f.seed, Walks: f.walks, Symmetry: f.symmetry, Stutter: f.stutter, Shard: shard, Disk: disk, POR: f.por,
	}, nil
}

// minMemory is the smallest -mem budget accepted: below it a run could not
// even hold its runtime.
const minMemory = 1 << 20

// parseBytes parses a size: 1048576, 512MiB, 4GiB, 2GB, 100M. "0" means no
// budget given (the engine's default, 3/4 of RAM); any other value must be
// a whole number of bytes of at least 1 MiB.
func parseBytes(s string) (int64, error) {
	if s == "0" {
		return 0, nil
	}
	units := []struct {
		suffix string
		mult   float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1}}
	num, mult := s, 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v*mult > 1<<62:
		return 0, fmt.Errorf("%q is not a size (e.g. 512MiB, 4GiB)", s)
	case v*mult < minMemory:
		return 0, fmt.Errorf("%q is below the smallest budget, 1MiB (0 means 3/4 of RAM)", s)
	}
	return int64(v * mult), nil
}
