package explore

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// The entry points: the signatures are the contract the rest of the
// project codes against.

// BFS explores m breadth first on opts.Workers goroutines and checks its
// safety (Always) and reachability (Sometimes) properties, its step
// properties (model.StepChecker), and deadlocks when m declares final
// states (model.HasFinal). Liveness properties are reported Unknown: use
// Check, which adds the liveness engine. Every trace it reports is a
// shortest one, chosen deterministically: the same for 1 and N workers.
//
// With opts.Disk set, the visited set and the frontier live on disk
// instead (see Disk).
func BFS[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	if opts.Disk != nil {
		return diskBFS(m, opts)
	}
	return bfs(m, opts, nil)
}

// Visit explores m like BFS and calls visit once for every state it
// expands: every distinct reachable state when the run is Complete (with
// symmetry reduction, one state per orbit). The calls are serialized, so
// visit need not be safe for concurrent use; all states at depth d are
// visited before any at depth d+1, in an unspecified order within a depth
// when opts.Workers > 1. A state outside the model's state constraint is
// visited with Boundary set; a state the run stopped before expanding (at
// MaxDepth, MaxStates or another limit) is not visited. visit must not keep
// or mutate a state beyond the call, as Next must not. A panic in visit is
// reported like a panic in model code. The Result is BFS's.
func Visit[S, A any](m model.Model[S, A], opts Options, visit func(s S, v Visited)) (*Result, error) {
	if visit == nil || opts.Disk != nil {
		return nil, fmt.Errorf("%w: Visit needs a visit function, and runs in memory", ErrOptions)
	}
	return bfs(m, opts, visit)
}

// Visited describes a state for Visit's callback.
type Visited struct {
	Depth    int  // BFS depth: the number of steps on a shortest path from an initial state
	Terminal bool // no step is enabled in the state (Next yields nothing)
	// Final: the state ends a complete run. It is Terminal and, when the
	// model declares final states (model.HasFinal), Final accepts it; a
	// terminal state that Final rejects is a deadlock, not a final state.
	Final    bool
	Boundary bool // outside the state constraint (model.Constrained): not expanded, neither terminal nor final
}

// DFS explores m depth first (one goroutine), up to opts.MaxDepth.
func DFS[S, A any](m model.Model[S, A], opts Options) (*Result, error) { return dfs(m, opts) }

// Random runs seeded random walks of m on opts.Workers goroutines. It never
// reports Complete. A failing walk's seed is in the trace message so the
// walk reproduces.
func Random[S, A any](m model.Model[S, A], opts Options) (*Result, error) { return random(m, opts) }

// Replay re-executes an index path (see model.Trace.Path) and returns the
// trace with labels and states filled in. It returns an error wrapping
// ErrReplay when an index is out of range.
func Replay[S, A any](m model.Model[S, A], path []int) (*model.Trace, error) { return replay(m, path) }
