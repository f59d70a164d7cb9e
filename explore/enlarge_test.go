package explore

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSegmentEnlargeInPlace fills segments to their load limit with
// fingerprints clustered at the start (entries displaced past their home),
// at the end (probes wrapping around) and spread out, grows them in place
// by half (small ones by copying, large ones by remapping) and checks that every
// entry is found with its parent, and nothing else is there.
func TestSegmentEnlargeInPlace(t *testing.T) {
	for _, n := range []int{minSegLen, 1 << 17, 3 << 17} {
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
				j = (j + 1) % sg.n
			}
			sg.slots[j] = slot{fp, fp ^ 0xff<<2}
			want[fp] = fp ^ 0xff<<2
		}
		span := ^uint64(0) / uint64(n)      // fingerprint bits (shifted) per home slot
		withHome := func(h uint64) uint64 { // a fingerprint of segment 0 whose home is h
			q, _ := bits.Div64(h, 0, uint64(n)) // the least bits with home h, give or take one
			fp := ((q + 1<<10 + rng.Uint64()%(span-1<<11)) >> segBits) &^ tagMask
			if sg.homeOf(fp) != h {
				t.Fatalf("no fingerprint with home %d", h)
			}
			return fp
		}
		for len(want) < n/512 {
			put(withHome(uint64(rng.IntN(64)))) // homes at the very start
		}
		for len(want) < n/256 {
			put(withHome(uint64(n - 1 - rng.IntN(64)))) // homes at the very end
		}
		for len(want) < n*3/4 {
			put(withHome(uint64(rng.IntN(n))))
		}
		sg.enlarge()
		require.Len(t, sg.slots, segGrownLen(n))
		got := 0
		for _, s := range sg.slots {
			if s.fp != 0 {
				got++
			}
		}
		require.Equal(t, len(want), got, "entries after growing %d slots", n)
		for fp, parent := range want {
			j := sg.homeOf(fp)
			for sg.slots[j].fp != fp {
				if sg.slots[j].fp == 0 {
					t.Fatalf("fp %#x not found from its home", fp)
				}
				j = (j + 1) % sg.n
			}
			require.Equal(t, parent, sg.slots[j].parent)
		}
		freeSlots(sg.slots)
	}
}
