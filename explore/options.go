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
type Options struct {
	Workers      int             // goroutines for BFS and random simulation; 0 means GOMAXPROCS
	MaxStates    int64           // stop once this many distinct states are stored (checked between blocks of work: a run may overshoot by a few thousand); 0 means no limit
	MaxDepth     int             // do not expand states at this depth (steps from an initial state); 0 means no limit
	Time         time.Duration   // wall-clock budget; 0 means none
	Memory       int64           // memory budget in bytes for the visited set; 0 means 3/4 of physical memory
	Seed         uint64          // random simulation: the seed the walks' seeds derive from
	Walks        int64           // random simulation: number of walks; 0 means until another limit
	WalkDepth    int             // random simulation: steps per walk; 0 means 1000 (MaxDepth wins if smaller)
	Symmetry     bool            // key states by their canonical representative (model.Symmetric)
	StopAtFirst  bool            // stop as soon as one property is violated
	Context      context.Context // cancelling it stops the run with a partial report; nil means never
	Progress     func(Progress)  // called about every ProgressEvery from one goroutine; nil means none
	ProgressTime time.Duration   // interval between progress calls; 0 means 1s
	_            struct{}        // forbids positional literals
}

// Progress is a snapshot of a running exploration.
type Progress struct {
	Generated int64         // successor states computed so far
	Distinct  int64         // distinct states stored so far
	Queue     int64         // states waiting to be expanded (BFS: rest of this level and the next)
	Depth     int           // current BFS level, DFS depth or walk count
	Elapsed   time.Duration // time since the start
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
