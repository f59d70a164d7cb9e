package explore

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestClassPages pushes classes of growing width and truncates, against a
// plain slice.
func TestClassPages(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var c classPages
		defer c.free()
		var want []int32
		maxClass := rapid.SampledFrom([]int32{10, 300, 70000}).Draw(t, "max")
		for range rapid.IntRange(0, 40).Draw(t, "ops") {
			if rapid.IntRange(0, 9).Draw(t, "op") == 0 {
				n := rapid.IntRange(0, len(want)).Draw(t, "keep")
				c.truncate(n)
				want = want[:n]
				continue
			}
			k := rapid.Int32Range(unfairClass, maxClass).Draw(t, "class")
			for range rapid.IntRange(1, 3).Draw(t, "times") {
				c.push(k)
				want = append(want, k)
			}
		}
		require.Equal(t, len(want), c.len())
		for e, k := range want {
			require.Equal(t, k, c.at(int32(e)), "edge %d", e)
		}
	})
}

// TestClassPagesWidth checks that classes are stored in the narrowest
// width that holds them, and survive each widening.
func TestClassPagesWidth(t *testing.T) {
	var c classPages
	defer c.free()
	c.push(unfairClass)
	c.push(254)
	require.Equal(t, 1, c.width)
	c.push(255)
	require.Equal(t, 2, c.width)
	c.push(65535)
	require.Equal(t, 4, c.width)
	for e, k := range []int32{unfairClass, 254, 255, 65535} {
		require.Equal(t, k, c.at(int32(e)))
	}
}
