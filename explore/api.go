package explore

import (
	"github.com/protocheck/protocheck/model"
)

// TODO(engine): these are filled in by bfs.go, dfs.go, random.go, replay.go.
// The signatures are the contract the rest of the project codes against.

// BFS explores m breadth first on opts.Workers goroutines and checks its
// safety (Always) and reachability (Sometimes) properties, and deadlocks
// when m is a model.Finaler. Liveness properties are reported Unknown: use
// Check, which adds the liveness engine. Every trace it reports is a
// shortest one, chosen deterministically: the same for 1 and N workers.
func BFS[S, A any](m model.Model[S, A], opts Options) (*Result, error) { return bfs(m, opts) }

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
