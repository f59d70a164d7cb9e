package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// An fpIndex answers as a map from fingerprint to state number, through
// inserts that grow it, a reset that empties it (keeping its memory) and
// a rebuild by reserve.
func TestFPIndexMatchesAMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var x fpIndex
		defer x.free()
		ref := map[uint64]int32{}
		var fps pages[uint64]
		defer fps.free()
		fresh := func() uint64 { // a fingerprint not in the index: never 0
			for {
				fp := rapid.Uint64Min(1).Draw(t, "fp")
				if _, dup := ref[fp]; !dup {
					return fp
				}
			}
		}
		for step := range rapid.IntRange(1, 40).Draw(t, "steps") {
			switch rapid.IntRange(0, 9).Draw(t, "op") {
			case 0: // reset: empty, memory kept
				n := len(x.slots)
				x.reset()
				clear(ref)
				fps.truncate(0)
				require.Equal(t, n, len(x.slots), "reset keeps the table")
				require.Zero(t, x.used)
			case 1: // rebuild from the fingerprints, as a level's end does
				x.reserve(fps.len()+rapid.IntRange(0, 5000).Draw(t, "more"), fps.len(), &fps)
			default:
				for range rapid.IntRange(1, 300).Draw(t, "inserts") {
					fp := fresh()
					v := int32(fps.len())
					fps.push(fp)
					x.insert(fp, v)
					ref[fp] = v
				}
			}
			require.Equal(t, len(ref), x.used, "step %d", step)
			for fp, v := range ref {
				got, ok := x.find(fp)
				require.True(t, ok, "step %d: %#x lost", step, fp)
				require.Equal(t, v, got)
			}
			_, ok := x.find(fresh())
			require.False(t, ok, "an absent fingerprint is not found")
			if len(x.slots) > 0 {
				require.LessOrEqual(t, 4*x.used, 3*len(x.slots), "load at most 3/4")
			}
		}
	})
}

func TestFPIndexResetForgetsEverything(t *testing.T) {
	var x fpIndex
	defer x.free()
	for fp := uint64(1); fp <= 1000; fp++ {
		x.insert(fp*0x9e3779b97f4a7c15, int32(fp))
	}
	n := len(x.slots)
	x.reset()
	assert.Equal(t, n, len(x.slots))
	for fp := uint64(1); fp <= 1000; fp++ {
		_, ok := x.find(fp * 0x9e3779b97f4a7c15)
		require.False(t, ok)
	}
	x.insert(42, 7)
	v, ok := x.find(42)
	assert.True(t, ok)
	assert.Equal(t, int32(7), v)
}
