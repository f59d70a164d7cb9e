package twopc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
)

// TestSymmetryKeepsVerdicts: every property, liveness included, gets the
// same verdict with and without symmetry reduction on every variant, and
// the reduced space is smaller.
func TestSymmetryKeepsVerdicts(t *testing.T) {
	for _, v := range Spec.Variants {
		t.Run(v.Name, func(t *testing.T) {
			m := mustNew(t, Config{N: 2, Variant: v.Name, Faults: faults})
			full, err := explore.Check(m, explore.Options{Workers: 2})
			require.NoError(t, err)
			reduced, err := explore.Check(m, explore.Options{Workers: 2, Symmetry: true})
			require.NoError(t, err)
			assert.Less(t, reduced.Distinct, full.Distinct)
			exploretest.SameVerdicts(t, full, reduced, "with symmetry")
		})
	}
}
