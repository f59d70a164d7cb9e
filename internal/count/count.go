// Package count parses the counts the command-line tools take as flag
// values (check's -max-states and -expect, beamcheck's -max-states): a
// whole number, in plain or scientific notation or with a decimal suffix.
package count

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse parses a non-negative whole count: 1000, 1e6, 10k (or 10K), 10M,
// 2G, 1.5M. Suffixes are decimal: k is 1e3, M 1e6, G 1e9.
func Parse(s string) (int64, error) {
	num, mult := s, int64(1)
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, num = 1e3, s[:len(s)-1]
	case strings.HasSuffix(s, "M"):
		mult, num = 1e6, s[:len(s)-1]
	case strings.HasSuffix(s, "G"):
		mult, num = 1e9, s[:len(s)-1]
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || v < 0 || v*float64(mult) > 1e18 || v != float64(int64(v*float64(mult)))/float64(mult) {
		return 0, fmt.Errorf("%q is not a non-negative whole count (e.g. 1000, 1e6, 10M)", s)
	}
	return int64(v * float64(mult)), nil
}
