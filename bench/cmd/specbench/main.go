// Command specbench runs one protocheck exploration and prints one line of
// key=value measurements, for bench/run.sh and bench/actors.sh:
//
//	go run ./bench/cmd/specbench -spec twophase -n 9 -workers 2
//	spec=twophase n=9 workers=2 engine=bfs distinct=10340352 generated=... complete=true elapsed_s=... states_per_s=... peak_rss=... bytes_per_state=...
//
// -engine bfs is breadth-first search alone (safety and reachability);
// -engine check adds the liveness engine (explore.Check). Run one
// configuration per process so that peak memory does not carry over from
// one run to the next. peak_rss is the process's VmHWM (Linux), 0 if
// unknown.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/twopc"
	"github.com/protocheck/protocheck/spec/twophase"
)

type config struct {
	spec, engine, faults, cpuprofile, memprofile string
	disk                                         string
	n, workers                                   int
	expect, mem                                  int64
	symmetry, por                                bool
}

func main() {
	var c config
	flag.StringVar(&c.spec, "spec", "twophase", "twophase or twopc")
	flag.IntVar(&c.n, "n", 7, "resource managers (twophase) or participants (twopc)")
	flag.IntVar(&c.workers, "workers", 0, "BFS workers (0: GOMAXPROCS)")
	flag.Int64Var(&c.expect, "expect", 0, "size the visited set for this many states up front (explore.Options.Expect)")
	flag.StringVar(&c.engine, "engine", "bfs", "bfs (safety only) or check (bfs, then liveness)")
	flag.StringVar(&c.faults, "faults", "", "twopc fault budgets, e.g. crash=1,drop=1")
	flag.BoolVar(&c.symmetry, "symmetry", false, "symmetry reduction")
	flag.BoolVar(&c.por, "por", false, "partial-order reduction (twopc declares it)")
	flag.StringVar(&c.disk, "disk", "", "explore on disk, in a new subdirectory of this directory (explore.Options.Disk)")
	flag.Int64Var(&c.mem, "mem", 0, "memory budget in bytes (explore.Options.Memory; 0: the engine's default)")
	flag.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	flag.StringVar(&c.memprofile, "memprofile", "", "write a heap profile (allocations) to this file at the end")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "specbench:", err)
		os.Exit(2)
	}
}

func run(c config) error {
	switch c.spec {
	case "twophase":
		m, err := twophase.New(twophase.Config{N: c.n})
		if err != nil {
			return err
		}
		return measure(c, m)
	case "twopc":
		faults, err := actor.ParseFaults(c.faults)
		if err != nil {
			return err
		}
		m, err := twopc.New(twopc.Config{N: c.n, Faults: faults})
		if err != nil {
			return err
		}
		return measure(c, m)
	}
	return fmt.Errorf("unknown spec %q (twophase or twopc)", c.spec)
}

func measure[S, A any](c config, m model.Model[S, A]) error {
	if c.cpuprofile != "" {
		f, err := os.Create(c.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	opts := explore.Options{Workers: c.workers, Symmetry: c.symmetry, POR: c.por, Expect: c.expect, Memory: c.mem}
	if c.disk != "" {
		if c.engine != "bfs" {
			return fmt.Errorf("-disk is for -engine bfs: the disk engine checks safety only")
		}
		opts.Disk = &explore.Disk{Dir: c.disk}
	}
	var res *explore.Result
	var err error
	switch c.engine {
	case "bfs":
		res, err = explore.BFS(m, opts)
	case "check":
		res, err = explore.Check(m, opts)
	default:
		return fmt.Errorf("unknown engine %q (bfs or check)", c.engine)
	}
	if err != nil {
		return err
	}
	if c.memprofile != "" {
		if err := writeHeapProfile(c.memprofile); err != nil {
			return err
		}
	}
	if !res.Complete || len(res.Violations()) > 0 {
		return fmt.Errorf("%s n=%d: run not complete or a property failed: %+v", c.spec, c.n, res.Violations())
	}
	rss := vmHWM()
	perState := 0.0
	if res.Distinct > 0 {
		perState = float64(rss) / float64(res.Distinct)
	}
	fmt.Printf("spec=%s n=%d workers=%d engine=%s disk=%t symmetry=%t por=%t expect=%d distinct=%d generated=%d complete=%t elapsed_s=%.3f states_per_s=%.0f peak_rss=%d bytes_per_state=%.1f\n",
		c.spec, c.n, res.Workers, c.engine, c.disk != "", c.symmetry, c.por, c.expect, res.Distinct, res.Generated, res.Complete,
		res.Elapsed.Seconds(), res.StatesPerSecond(), rss, perState)
	return nil
}

// writeHeapProfile writes the heap profile, whose alloc_space view shows
// where the run allocated on the Go heap (memory outside it, the visited
// set and the liveness graph's pages, does not appear).
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // the profile shows the heap as of the last collection
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// vmHWM returns the peak resident set size of this process in bytes, read
// from /proc/self/status, or 0 when it is not available.
func vmHWM() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
