package explore

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// tree is a model whose states are the nodes of a complete tree with the
// given fan-out: every step reaches a new state, so a block of states adds
// fan-out times as many.
func tree(fanout int) model.Func[int, int] {
	return model.Func[int, int]{
		InitFn: func(yield func(int)) { yield(0) },
		NextFn: func(s int, yield func(int, int)) {
			for i := 1; i <= fanout; i++ {
				yield(i, s*fanout+i)
			}
		},
		KeyFn: func(dst []byte, s int) []byte { return model.AppendInt(dst, s) },
		Props: []model.Property[int]{model.Always("any", func(int) bool { return true })},
	}
}

// TestMaxStatesOvershootIsBounded pins the bounds Options documents: BFS
// stops with at most MaxStates + Workers×(d-1) distinct states (d: the
// largest number of steps of one state), and at least MaxStates on one
// worker; DFS at exactly MaxStates, random walks below MaxStates + Workers.
func TestMaxStatesOvershootIsBounded(t *testing.T) {
	for _, fanout := range []int{1, 3, 50} {
		for _, max := range []int64{1, 7, 1000, 5000} {
			m := tree(fanout)
			for _, workers := range []int{1, 2, 4} {
				res, err := BFS(m, Options{Workers: workers, MaxStates: max})
				require.NoError(t, err)
				assert.Equal(t, "max states", res.StopReason)
				assert.False(t, res.Complete)
				if workers == 1 {
					assert.GreaterOrEqual(t, res.Distinct, max, "fan-out %d: BFS on one worker stops at the limit", fanout)
				} else {
					// Shares other workers hold unused when the level runs out
					// are at most half of what was left.
					assert.GreaterOrEqual(t, res.Distinct, (max+1)/2, "fan-out %d, %d workers: BFS stops near the limit", fanout, workers)
				}
				assert.LessOrEqual(t, res.Distinct, max+int64(workers*(fanout-1)),
					"fan-out %d, max %d, %d workers: BFS overshoot", fanout, max, workers)

				if fanout == 1 {
					continue // every walk takes the same path: random walks never reach the limit
				}
				res, err = Random(m, Options{Workers: workers, MaxStates: max, WalkDepth: 20, Walks: 1e6})
				require.NoError(t, err)
				assert.Equal(t, "max states", res.StopReason)
				assert.Less(t, res.Distinct, max+int64(workers), "random overshoot")
			}
			res, err := DFS(m, Options{MaxStates: max})
			require.NoError(t, err)
			assert.Equal(t, "max states", res.StopReason)
			assert.Equal(t, max, res.Distinct, "DFS stops exactly at the limit")
		}
	}
}

// heavy carries a payload in the state itself.
type heavy struct {
	id      int
	payload []byte
}

// TestMemoryBudgetCoversTheFrontier: a budget far above what the visited
// set needs still stops a run whose frontier of heavy states outgrows it,
// shortly after (within one block of states per worker).
func TestMemoryBudgetCoversTheFrontier(t *testing.T) {
	const n, size = 2048, 32 << 10 // 64 MiB of frontier in the second level
	m := model.Func[heavy, string]{
		InitFn: func(yield func(heavy)) { yield(heavy{}) },
		NextFn: func(s heavy, yield func(string, heavy)) {
			switch {
			case s.id == 0:
				for i := 1; i <= n; i++ {
					yield("spread", heavy{id: i})
				}
			case s.id <= n:
				yield("grow", heavy{id: s.id + n, payload: make([]byte, size)})
			}
		},
		KeyFn: func(dst []byte, s heavy) []byte { return model.AppendInt(dst, s.id) },
		Props: []model.Property[heavy]{model.Always("any", func(heavy) bool { return true })},
	}
	unbounded, err := BFS(m, Options{Workers: 2})
	require.NoError(t, err)
	require.True(t, unbounded.Complete, "the model is finite")
	require.EqualValues(t, 1+2*n, unbounded.Distinct)

	debug.FreeOSMemory() // return the first run's heap, or the second would reuse it within the budget
	budget := processMemory() + 24<<20
	res, err := BFS(m, Options{Workers: 2, Memory: budget})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, "memory budget", res.StopReason)
	// 24 MiB hold 768 heavy states; a block is 512 per worker.
	assert.Less(t, res.Distinct, int64(1+n+768+2*blockLen), "stopped within a block per worker of the budget")
}

// TestCollisionEstimate pins the formula: n(n-1)/2 pairs of 62-bit
// fingerprints, each colliding with probability 2^-62.
func TestCollisionEstimate(t *testing.T) {
	assert.Zero(t, collision(0))
	assert.Zero(t, collision(1))
	assert.Equal(t, math.Ldexp(1, -62), collision(2), "one pair")
	assert.Equal(t, 3*math.Ldexp(1, -62), collision(3), "three pairs")
	// 2^20 states: 2^20(2^20-1)/2 = 2^39 - 2^19 pairs.
	assert.InDelta(t, math.Ldexp(1, -23)-math.Ldexp(1, -43), collision(1<<20), 1e-20)
	assert.Equal(t, 1.0, collision(1<<40), "capped at 1")

	res, err := BFS[int, edge](smallGraph(), Options{Workers: 1})
	require.NoError(t, err)
	require.EqualValues(t, 5, res.Distinct)
	assert.Equal(t, 10*math.Ldexp(1, -62), res.Collision, "5 states, 10 pairs")
}
