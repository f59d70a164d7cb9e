package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
)

// runFlags are the flags of `check run`.
type runFlags struct {
	n         int
	variant   string
	engine    string
	workers   int
	maxStates string
	maxDepth  int
	timeLimit time.Duration
	mem       string
	seed      uint64
	walks     int64
	json      bool
	out       string
	faults    string
	network   string
	symmetry  bool
	viz       string
	mermaid   string
	progress  bool
	quiet     bool
	set       map[string]bool // flags given on the command line
}

func newRunFlagSet(f *runFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("check run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.IntVar(&f.n, "n", 0, "number of processes (default: the protocol's; see check list)")
	fs.StringVar(&f.variant, "variant", "", "protocol variant (default: the protocol's first)")
	fs.StringVar(&f.engine, "engine", "bfs", "engine: "+strings.Join(engines, "|"))
	fs.IntVar(&f.workers, "workers", 0, "goroutines (0: all cores)")
	fs.StringVar(&f.maxStates, "max-states", "0", "stop after this many distinct states, e.g. 1e6 or 10M (0: no limit)")
	fs.IntVar(&f.maxDepth, "max-depth", 0, "do not expand states at this depth (0: no limit)")
	fs.DurationVar(&f.timeLimit, "time", 0, "wall-clock budget, e.g. 30s (0: none)")
	fs.StringVar(&f.mem, "mem", "0", "memory budget of the visited set, e.g. 4GiB (0: 3/4 of RAM)")
	fs.Uint64Var(&f.seed, "seed", 0, "random simulation seed")
	fs.Int64Var(&f.walks, "walks", 0, "random simulation: number of walks (0: until another limit)")
	fs.BoolVar(&f.json, "json", false, "print one JSON object on stdout instead of the summary")
	fs.StringVar(&f.out, "o", "", "save the shortest counterexample to this file ('auto': counterexamples/<protocol>/<property>[-<variant>].trace)")
	fs.StringVar(&f.faults, "faults", "", "fault budgets, e.g. drop=2,dup=1")
	fs.StringVar(&f.network, "network", "", "network semantics, e.g. fifo|unordered (default: the protocol's first)")
	fs.BoolVar(&f.symmetry, "symmetry", false, "symmetry reduction")
	fs.StringVar(&f.viz, "viz", "", "write an HTML view of a violation to this file (protocols that have one)")
	fs.StringVar(&f.mermaid, "mermaid", "", "write the counterexample as a Mermaid sequence diagram to this file (actor protocols)")
	fs.BoolVar(&f.progress, "progress", false, "print progress on stderr even when it is not a terminal")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line")
	return fs
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

// resolve checks the flags against the protocol and returns the model
// configuration and engine options.
func (f *runFlags) resolve(p *protocol) (config, explore.Options, error) {
	cfg := config{N: p.DefaultN, Variant: p.defaultVariant(), Network: p.defaultNetwork(), Symmetry: f.symmetry}
	var opts explore.Options
	if f.set["n"] {
		cfg.N = f.n
	}
	if f.set["variant"] {
		cfg.Variant = f.variant
	}
	if f.set["network"] {
		cfg.Network = f.network
	}
	faults, err := counterexamples.ParseFaults(f.faults)
	if err != nil {
		return cfg, opts, fmt.Errorf("-faults: %v", err)
	}
	cfg.Faults = faults
	if err := p.validate(cfg); err != nil {
		return cfg, opts, err
	}
	if !slices.Contains(engines, f.engine) {
		return cfg, opts, fmt.Errorf("-engine %q: want one of %s", f.engine, strings.Join(engines, ", "))
	}
	maxStates, err := parseCount(f.maxStates)
	if err != nil {
		return cfg, opts, fmt.Errorf("-max-states: %v", err)
	}
	mem, err := parseBytes(f.mem)
	if err != nil {
		return cfg, opts, fmt.Errorf("-mem: %v", err)
	}
	switch {
	case f.workers < 0:
		return cfg, opts, fmt.Errorf("-workers %d: want >= 0", f.workers)
	case f.maxDepth < 0:
		return cfg, opts, fmt.Errorf("-max-depth %d: want >= 0", f.maxDepth)
	case f.timeLimit < 0:
		return cfg, opts, fmt.Errorf("-time %v: want >= 0", f.timeLimit)
	case f.walks < 0:
		return cfg, opts, fmt.Errorf("-walks %d: want >= 0", f.walks)
	}
	opts = explore.Options{
		Workers: f.workers, MaxStates: maxStates, MaxDepth: f.maxDepth, Time: f.timeLimit,
		Memory: mem, Seed: f.seed, Walks: f.walks, Symmetry: f.symmetry,
	}
	return cfg, opts, nil
}

func maxString(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func variantNames(p *protocol) string {
	var names []string
	for _, v := range p.Variants {
		names = append(names, v.Name)
	}
	return listOrNone(names)
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

// validate checks a configuration against what the protocol accepts; run
// and replay both use it.
func (p *protocol) validate(cfg config) error {
	if cfg.N < p.MinN || (p.MaxN > 0 && cfg.N > p.MaxN) {
		return fmt.Errorf("-n %d out of range for %s: want %d..%s", cfg.N, p.Name, p.MinN, maxString(p.MaxN))
	}
	if cfg.Variant != p.defaultVariant() && !slices.ContainsFunc(p.Variants, func(v variant) bool { return v.Name == cfg.Variant }) {
		return fmt.Errorf("-variant %q: %s has variants %s", cfg.Variant, p.Name, variantNames(p))
	}
	if cfg.Network != p.defaultNetwork() && !slices.Contains(p.Networks, cfg.Network) {
		return fmt.Errorf("-network %q: %s accepts %s", cfg.Network, p.Name, listOrNone(p.Networks))
	}
	for k := range cfg.Faults {
		if !slices.Contains(p.Faults, k) {
			return fmt.Errorf("-faults: %s accepts %s, not %q", p.Name, listOrNone(p.Faults), k)
		}
	}
	return nil
}

// parseCount parses a non-negative count: 1000, 1e6, 10k, 10M, 2G.
func parseCount(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1e3, s[:len(s)-1]
	case strings.HasSuffix(s, "M"):
		mult, s = 1e6, s[:len(s)-1]
	case strings.HasSuffix(s, "G"):
		mult, s = 1e9, s[:len(s)-1]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v*float64(mult) > 1e18 || v != float64(int64(v*float64(mult)))/float64(mult) {
		return 0, fmt.Errorf("%q is not a non-negative whole count (e.g. 1000, 1e6, 10M)", s)
	}
	return int64(v * float64(mult)), nil
}

// parseBytes parses a size: 1048576, 512MiB, 4GiB, 2GB, 100M.
func parseBytes(s string) (int64, error) {
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
	if err != nil || v < 0 || v*mult > 1<<62 {
		return 0, fmt.Errorf("%q is not a size (e.g. 512MiB, 4GiB)", s)
	}
	return int64(v * mult), nil
}
