package twophase

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
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
			require.Len(t, reduced.Properties, len(full.Properties))
			for i, p := range full.Properties {
				assert.Equal(t, p.Status, reduced.Properties[i].Status, "%s n=%d %q", variant, n, p.Name)
			}
		}
	}
}
