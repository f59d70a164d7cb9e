package count

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "1000": 1000, "1e6": 1_000_000, "10k": 10_000, "10K": 10_000,
		"10M": 10_000_000, "2G": 2_000_000_000, "1.5M": 1_500_000, "1e18": 1e18,
	} {
		got, err := Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestParseRefusesWhatIsNotACount(t *testing.T) {
	for _, in := range []string{"", "lots", "-1", "1.5", "1.0001k", "NaN", "Inf", "2e18", "10m", "k", "1e6x"} {
		_, err := Parse(in)
		assert.ErrorContains(t, err, "not a non-negative whole count", "%q", in)
	}
}
