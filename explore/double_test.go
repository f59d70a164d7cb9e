package explore

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// double doubles the segment as fpSet.grow does: enlarge, then spread.
func (sg *segment) double() {
	old := sg.enlarge()
	sg.spread(old)
	if old != nil {
		freeSlots(old)
	}
}

// TestSegmentDoubleInPlace fills segments to their load limit with
// fingerprints clustered at the start (entries displaced past their home),
// at the end (probes wrapping around) and spread out, doubles them in place
// (small ones by copying, large ones by remapping) and checks that every
// entry is found with its parent, and nothing else is there.
func TestSegmentDoubleInPlace(t *testing.T) {
	for _, n := range []int{minSegLen, 3 * minSegLen, 1 << 17, 1 << 18, 45 * minSegLen} {
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		var sg segment
		sg.init(n)
		want := map[uint64]uint64{}
		put := func(fp uint64) {
			if _, dup := want[fp]; dup || fp == 0 {
				return
			}
			j := sg.homeOf(fp)
			for sg.slots[j].fp != 0 {
				j = sg.after(j)
			}
			sg.slots[j] = slot{fp, fp ^ 0xff<<2}
			want[fp] = fp ^ 0xff<<2
		}
		withHome := func(h uint64) uint64 { // a fingerprint of segment 0 whose home is h
			lo, _ := bits.Div64(h, 0, uint64(n))     // the least x with x*n/2^64 = h, about
			width, _ := bits.Div64(1, 0, uint64(n))  // the x of one home
			x := lo + 1024 + rng.Uint64N(width-2048) // well inside, whatever the low bits cleared below
			fp := x >> segBits &^ tagMask
			require.Equal(t, h, sg.homeOf(fp), "withHome(%d)", h)
			return fp
		}
		for len(want) < n/32 {
			put(withHome(uint64(rng.IntN(64)))) // homes at the very start
		}
		for len(want) < n/16 {
			put(withHome(uint64(n - 1 - rng.IntN(64)))) // homes at the very end
		}
		for len(want) < n*3/4 {
			put(withHome(uint64(rng.IntN(n))))
		}
		sg.double()
		require.Len(t, sg.slots, 2*n)
		got := 0
		for _, s := range sg.slots {
			if s.fp != 0 {
				got++
			}
		}
		require.Equal(t, len(want), got, "entries after doubling %d slots", n)
		for fp, parent := range want {
			j := sg.homeOf(fp)
			for sg.slots[j].fp != fp {
				if sg.slots[j].fp == 0 {
					t.Fatalf("fp %#x not found from its home", fp)
				}
				j = sg.after(j)
			}
			require.Equal(t, parent, sg.slots[j].parent)
		}
		freeSlots(sg.slots)
	}
}
