package explore

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSuccBufSort fills buffers of several sizes (below the bucket sort's
// threshold, with one and with two scatter passes) with records that
// repeat fingerprints, parents and, under symmetry, differ only in their
// encodings, and checks the order against a plain sort by cmpState.
func TestSuccBufSort(t *testing.T) {
	for _, n := range []int{100, 4096, 5000, 70_000, 400_000} {
		for _, byEnc := range []bool{false, true} {
			rng := rand.New(rand.NewPCG(uint64(n), 3))
			b := &succBuf{byEnc: byEnc}
			fps := make([]uint64, n/4+1) // each fingerprint about four times
			for i := range fps {
				fps[i] = rng.Uint64()&^tagMask | tagMask + 1
			}
			for range n {
				fp := fps[rng.IntN(len(fps))]
				parent := uint64(rng.IntN(3)) + 4 // few parents: ties
				enc := []byte{byte(fp), byte(rng.IntN(2))}
				if !byEnc {
					enc[1] = 0 // one state per fingerprint, as without symmetry
				}
				b.add(fp, parent, func(dst []byte) []byte { return append(dst, enc...) })
			}
			type rec struct {
				fp, parent uint64
				enc        string
			}
			view := func() []rec {
				out := make([]rec, len(b.recs))
				for i := range b.recs {
					out[i] = rec{b.recs[i].fp, b.recs[i].parent, string(b.enc(&b.recs[i]))}
				}
				return out
			}
			want := view()
			slices.SortStableFunc(want, func(x, y rec) int {
				return cmpState(x.fp, x.parent, []byte(x.enc), y.fp, y.parent, []byte(y.enc))
			})
			b.sort()
			require.Equal(t, want, view(), "n=%d byEnc=%v", n, byEnc)
		}
	}
}
