package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestDiskMatchesBFSOnRandomGraphs: on random graphs with initial states,
// bad and goal states, final states, a state constraint and a step
// property, the disk engine reports what the in-memory BFS reports (counts,
// verdicts, traces), on 1 and 3 workers, with buffers that spill after a
// few states and merges of two runs at a time, and with StopAtFirst.
func TestDiskMatchesBFSOnRandomGraphs(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g := drawDGraph(rt, 40)
		stop := rapid.Bool().Draw(rt, "stop at first")
		want, err := BFS[int, edge](g, Options{Workers: 1, StopAtFirst: stop})
		require.NoError(rt, err)
		for _, workers := range []int{1, 3} {
			got, err := BFS[int, edge](g, diskOpts(t, Options{Workers: workers, StopAtFirst: stop}, true, nil))
			require.NoError(rt, err)
			assert.Equal(rt, "disk", got.Engine)
			sameResult(rt, want, got)
		}
	})
}

// TestDiskSpillsAndMerges: a counters of 4 counters 0..5 (1,296 states, 21
// levels) explored with a 200-byte buffer and merges of two runs: the
// successors are spilled in many runs, merged in several passes, and the
// visited runs are compacted so that few remain; the result is BFS's, with
// and without symmetry, and on one worker or three.
func TestDiskSpillsAndMerges(t *testing.T) {
	m := counters{k: 4, max: 5}
	for _, sym := range []bool{false, true} {
		want, err := BFS[ctrState, string](m, Options{Workers: 2, Symmetry: sym})
		require.NoError(t, err)
		require.True(t, want.Complete)
		for _, workers := range []int{1, 3} {
			var st diskStats
			got, err := BFS[ctrState, string](m, diskOpts(t, Options{Workers: workers, Symmetry: sym}, true, &st))
			require.NoError(t, err)
			sameResult(t, want, got)
			assert.Greater(t, st.spills, 50, "the buffer spilled often")
			assert.Greater(t, st.premerges, 10, "runs were merged in several passes")
			assert.Greater(t, st.compactions, 5, "visited runs were compacted")
			assert.LessOrEqual(t, st.maxVisited, 6, "few visited runs remain")
		}
		if !sym {
			assert.EqualValues(t, 6*6*6*6, want.Distinct, "every vector of 4 counters 0..5")
			assert.Equal(t, 20, want.MaxDepth, "20 increments to the full vector")
		}
	}
}
