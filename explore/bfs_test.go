package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func smallGraph() *graph {
	return &graph{
		inits: []int{0},
		succ:  [][]int{{1, 2}, {3}, {3, 4}, {0}, {4}},
		bad:   map[int]bool{},
		goal:  3,
	}
}

func TestBFSCountsAndWitness(t *testing.T) {
	g := smallGraph()
	for _, workers := range []int{1, 4} {
		res, err := BFS[int, edge](g, Options{Workers: workers})
		require.NoError(t, err)
		assert.True(t, res.Complete)
		assert.Empty(t, res.StopReason)
		assert.EqualValues(t, 5, res.Distinct)
		assert.EqualValues(t, 7, res.Generated, "every step counts, self-loops included")
		assert.Equal(t, 2, res.MaxDepth)
		assert.True(t, res.OK())
		goal, _ := res.Property("reach goal")
		require.Equal(t, Holds, goal.Status)
		assert.Equal(t, 2, goal.Trace.Len(), "a shortest witness")
		assert.Equal(t, 3, goal.Trace.Steps[2].State)
	}
}

func TestBFSStopsWhenEveryPropertyIsDecided(t *testing.T) {
	g := smallGraph()
	g.bad[4] = true
	res, err := BFS[int, edge](g, Options{Workers: 2})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, "every property decided", res.StopReason)
	safe, _ := res.Property("safe")
	require.Equal(t, Violated, safe.Status)
	assert.Equal(t, []int{0, 1, 1}, safe.Trace.Path)
	assert.Equal(t, "2->4", safe.Trace.Steps[2].Action)
	assert.False(t, res.OK())
}
