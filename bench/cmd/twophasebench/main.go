// Command twophasebench runs protocheck's BFS on the TwoPhase spec once and
// prints one line of key=value measurements, for bench/run.sh:
//
//	go run ./bench/cmd/twophasebench -n 9 -workers 2
//	n=9 workers=2 distinct=10340352 generated=... complete=true elapsed_s=... states_per_s=... peak_rss=... bytes_per_state=...
//
// Run one size per process so that peak memory does not carry over from
// one run to the next. peak_rss is the process's VmHWM (Linux), 0 if unknown.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/spec/twophase"
)

func main() {
	n := flag.Int("n", 7, "resource managers")
	workers := flag.Int("workers", 0, "BFS workers (0: GOMAXPROCS)")
	symmetry := flag.Bool("symmetry", false, "symmetry reduction")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if err := run(*n, *workers, *symmetry, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "twophasebench:", err)
		os.Exit(2)
	}
}

func run(n, workers int, symmetry bool, cpuprofile string) error {
	m, err := twophase.New(twophase.Config{N: n})
	if err != nil {
		return err
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	res, err := explore.BFS(m, explore.Options{Workers: workers, Symmetry: symmetry})
	if err != nil {
		return err
	}
	if !res.OK() {
		return fmt.Errorf("N=%d: run not complete or a property failed: %+v", n, res.Violations())
	}
	rss := vmHWM()
	perState := 0.0
	if res.Distinct > 0 {
		perState = float64(rss) / float64(res.Distinct)
	}
	fmt.Printf("n=%d workers=%d distinct=%d generated=%d complete=%t elapsed_s=%.3f states_per_s=%.0f peak_rss=%d bytes_per_state=%.1f\n",
		n, res.Workers, res.Distinct, res.Generated, res.Complete, res.Elapsed.Seconds(),
		res.StatesPerSecond(), rss, perState)
	return nil
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
