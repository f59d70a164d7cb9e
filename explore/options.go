package explore

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

// Options configure a run. The zero value is a complete, unbounded run on
// all cores with no progress reports.
//
// MaxStates bounds the distinct states stored. Let d be the largest
// number of steps enabled in one state. BFS stores at most
// MaxStates + Workers×(d-1) distinct states (or the initial states, if
// there are more): each worker draws a share of the states still allowed
// (half of what is left, split among the workers) and checks it before
// every state it expands, counting every successor as new, so it overdraws
// its share by less than one state's successors. It stops once the shares
// are used up: on one worker with at least MaxStates states, on several
// with at least half as many (a share a worker still holds when the
// level's states run out is lost). DFS stops at exactly MaxStates states,
// the liveness engine never stores more than MaxStates, and random walks
// store at most MaxStates + Workers - 1.
//
// Memory is a budget for the whole process as far as the engine can see
// it: the memory the Go runtime holds (the heap in use, including the BFS
// frontier, the states of actor models, the liveness graph and properties'
// own caches, plus garbage not yet collected, stacks and runtime metadata)
// plus the fingerprint table kept outside the Go heap. It is sampled
// between blocks of work (BFS: after each block of 512 states a worker
// expands, DFS: every 1024 new states, random: after each walk, liveness:
// every 256 states), and the run stops with StopReason "memory budget" as
// soon as it is exceeded, or when the fingerprint table would grow past it.
// So a run overshoots by at most what each worker allocates in one block
// of work, plus the program's code and data, which the engine does not
// see (cmd/check's 42 MB binary: a run of a few states peaks at 14 MiB
// resident); memory the runtime has mapped but not touched counts against
// the budget, which partly offsets them. Measured: `check run twopc -n 4
// -faults crash=1,drop=1` peaks at 72 to 77 MiB resident with -mem 64MiB
// (ten runs) and at 266 MiB with -mem 256MiB. Garbage not yet collected
// counts too, so a run may stop with less live data than the budget.
//
// Expect sizes the visited set (BFS, DFS, random simulation) and Check's
// fingerprint index for that many states up front, as SPIN's -w and TLC's
// -fpmem do, so that the run spends no pauses growing them: the count of
// an earlier run of the same model is the natural value. A wrong value
// changes no result: a table too small grows as without it, one too large
// wastes memory (it is capped at MaxStates and to fit in Memory).
// Measured: TwoPhase with 9 resource managers, 2 workers, 3.0-3.1 s
// instead of 3.5-3.8 s (three runs each, memory cold; 2.2-2.4 s instead
// of 2.8-3.2 s warm).
type Options struct {
	Workers      int             // goroutines for BFS and random simulation; 0 means GOMAXPROCS
	MaxStates    int64           // bound on the distinct states stored (see Options for the exact bound); 0 means no limit
	MaxDepth     int             // do not expand states at this depth (steps from an initial state); 0 means no limit
	Time         time.Duration   // wall-clock budget; 0 means none
	Memory       int64           // memory budget in bytes for the whole process (see Options); 0 means 3/4 of physical memory
	Expect       int64           // distinct states the run expects (see Options); 0 means the visited set starts small and grows
	Seed         uint64          // random simulation: the seed the walks' seeds derive from
	Walks        int64           // random simulation: number of walks; 0 means until another limit
	WalkDepth    int             // random simulation: steps per walk; 0 means 1000 (MaxDepth wins if smaller)
	Shard        Shard           // random simulation: this run is one job of a swarm (see Shard); the zero value is a plain run
	Symmetry     bool            // key states by their canonical representative; an error unless the model declares a symmetry (model.HasSymmetry)
	StopAtFirst  bool            // stop as soon as one property is violated
	Stutter      bool            // liveness: TLA+'s semantics, a behaviour may stop (stutter forever) in any state where no weakly fair step is enabled; false: only where no step at all is (SPIN's); see Liveness
	Context      context.Context // cancelling it stops the run with a partial report; nil means never
	Progress     func(Progress)  // called about every ProgressEvery from one goroutine; nil means none
	ProgressTime time.Duration   // interval between progress calls; 0 means 1s
	Disk         *Disk           // BFS and Check: explore on disk, safety only (see Disk); nil means in memory
	// POR turns on partial-order reduction (BFS, Visit and Check; an
	// error unless the model declares it, model.HasReduction, and with
	// Symmetry, Disk, step properties or a state constraint). A state is
	// expanded with its ample set (model.Reducer) only when a key step of
	// it leads to a state new in the next BFS level (the proviso), else
	// with all its steps. Always and Sometimes verdicts and deadlocks
	// are those of the full graph; counts are the reduced graph's, and a
	// trace is a real path of the model, shortest in the reduced graph.
	// Liveness properties stay Unknown ("not checked under -por"); DFS,
	// Random and Liveness ignore POR and explore everything (see por.go).
	POR bool
	_   struct{} // forbids positional literals
}

// Progress is a snapshot of a running exploration.
type Progress struct {
	Generated int64         // successor states computed so far
	Distinct  int64         // distinct states stored so far
	Queue     int64         // states waiting to be expanded (BFS: rest of this level and the next)
	Depth     int           // current BFS level, DFS depth or walk count
	Elapsed   time.Duration // time since the start
}

// expected returns the number of states to size the visited set for:
// Expect, but no more than MaxStates allows.
func (o *Options) expected() int64 {
	if o.MaxStates > 0 {
		return min(o.Expect, o.MaxStates)
	}
	return o.Expect
}

// ErrOptions is wrapped by every error about invalid options.
var ErrOptions = errors.New("explore: invalid options")

func (o *Options) validate() error {
	switch {
	case o.Workers < 0:
		return fmt.Errorf("%w: workers %d < 0", ErrOptions, o.Workers)
	case o.MaxStates < 0:
		return fmt.Errorf("%w: max states %d < 0", ErrOptions, o.MaxStates)
	case o.MaxDepth < 0:
		return fmt.Errorf("%w: max depth %d < 0", ErrOptions, o.MaxDepth)
	case o.Time < 0:
		return fmt.Errorf("%w: time %v < 0", ErrOptions, o.Time)
	case o.Memory < 0:
		return fmt.Errorf("%w: memory %d < 0", ErrOptions, o.Memory)
	case o.Expect < 0:
		return fmt.Errorf("%w: expect %d < 0", ErrOptions, o.Expect)
	case o.Walks < 0:
		return fmt.Errorf("%w: walks %d < 0", ErrOptions, o.Walks)
	case o.WalkDepth < 0:
		return fmt.Errorf("%w: walk depth %d < 0", ErrOptions, o.WalkDepth)
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Memory == 0 {
		o.Memory = physicalMemory() / 4 * 3 // 0 (no budget) when unknown
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
	if o.ProgressTime == 0 {
		o.ProgressTime = time.Second
	}
	if o.WalkDepth == 0 {
		o.WalkDepth = 1000
	}
	if o.MaxDepth > 0 && o.MaxDepth < o.WalkDepth {
		o.WalkDepth = o.MaxDepth
	}
	return nil
}
