package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLivenessMemoryBudgetIsTheProcess: the liveness engine stops at the
// memory budget even when its own graph is tiny, because the budget bounds
// the whole process (here, half of what the test process already holds;
// the graph of a 1,000-state ring takes some 50 KiB).
func TestLivenessMemoryBudgetIsTheProcess(t *testing.T) {
	budget := processMemory() / 2
	require.Greater(t, budget, int64(1<<20), "the test process holds more than 2 MiB")
	res, err := Liveness(ring(1000), Options{Memory: budget})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, "memory budget", res.StopReason)
	half, _ := res.Property("half")
	assert.Equal(t, Unknown, half.Status, "undecided, never holds")

	res, err = Liveness(ring(1000), Options{})
	require.NoError(t, err)
	assert.True(t, res.Complete, "the same run completes within the default budget")
}
