package tree

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
)

// walks is the number of random walks per run: each walk runs to a final
// state (a GHS run on the cube takes about 200 steps).
func walks() int64 {
	if testing.Short() {
		return 100
	}
	return 2000
}

// TestRandomCube runs seeded random walks of GHS on the cube, too big to
// explore (see doc.go): no walk violates a safety property or deadlocks,
// some walk elects, and the same seed gives the same walks whatever the
// number of workers.
func TestRandomCube(t *testing.T) {
	for _, cfg := range []Config{
		{Graph: GraphCube},
		{Graph: GraphCube, Wake: WakeOne},
		{Graph: GraphCube, Algorithm: AlgSaturation},
	} {
		t.Run(name(cfg), func(t *testing.T) {
			m := mustNew(t, cfg)
			opts := explore.Options{Seed: 7, Walks: walks(), Workers: 2}
			res, err := explore.Random(m, opts)
			require.NoError(t, err)
			assert.False(t, res.Complete, "random simulation never claims completeness")
			assert.Empty(t, res.Violations(), "a walk violated a property")
			assert.Less(t, res.MaxDepth, 1000, "every walk ran to a terminal state (final: there is no deadlock)")
			el, ok := res.Property(PropElected)
			require.True(t, ok)
			assert.Equal(t, explore.Holds, el.Status, "some walk elects: %s", el.Message)
			opts.Workers = 1
			again, err := explore.Random(m, opts)
			require.NoError(t, err)
			assert.Equal(t, res.Distinct, again.Distinct, "the same walks with 1 and 2 workers")
			assert.Equal(t, res.Generated, again.Generated)
			t.Logf("%d walks: %d distinct states, longest walk %d steps, %v", opts.Walks, res.Distinct, res.MaxDepth, res.Elapsed)
		})
	}
}

// TestRandomFindsTheBug checks that random walks on the cube find the
// broken variant's non-tree Branch edge.
func TestRandomFindsTheBug(t *testing.T) {
	m := mustNew(t, Config{Graph: GraphCube, Variant: VariantAnswerTestEarly})
	res, err := explore.Random(m, explore.Options{Seed: 7, Walks: walks(), Workers: 2})
	require.NoError(t, err)
	p, ok := res.Property(PropBranchInMST)
	require.True(t, ok)
	require.Equal(t, explore.Violated, p.Status)
	t.Logf("%s: %s", p.Name, p.Message)
}
