package twophase

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
)

// TestSymmetryKeepsVerdicts: every property gets the same verdict with and
// without symmetry reduction, on the correct and the broken variant, and
// the reduced space is never larger.
func TestSymmetryKeepsVerdicts(t *testing.T) {
	for _, variant := range []string{VariantCorrect, VariantEarlyCommit} {
		for n := 1; n <= 4; n++ {
			m := mustNew(t, n, variant)
			full, err := explore.BFS(m, explore.Options{Workers: 2})
			require.NoError(t, err)
			reduced, err := explore.BFS(m, explore.Options{Workers: 2, Symmetry: true})
			require.NoError(t, err)
			assert.LessOrEqual(t, reduced.Distinct, full.Distinct)
			exploretest.SameVerdicts(t, full, reduced, fmt.Sprintf("%s n=%d with symmetry", variant, n))
		}
	}
}
