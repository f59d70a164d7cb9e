package explore

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGrowOff grows tables below and above the huge-page size: values are
// kept (moved, or copied by the caller from the old table growOff hands
// back), the new part is zero, and freeing gives back every byte counted.
func TestGrowOff(t *testing.T) {
	before := offHeap.Load()
	for _, n := range []int{100, hugePage / 16, hugePage / 8} {
		s := allocOff[slot](n)
		for i := range s {
			s[i] = slot{uint64(i) + 1, uint64(i) * 3}
		}
		for _, m := range []int{2 * n, 3 * n, 6*n + 5} {
			grown, old := growOff(s, m)
			if old != nil {
				require.Equal(t, len(s), len(old))
				for i := range grown {
					require.Zero(t, grown[i], "a fresh table is zero")
				}
				copy(grown, old)
				freeOff(old)
			}
			s = grown
			require.Len(t, s, m)
			for i := range s {
				want := slot{}
				if i < n {
					want = slot{uint64(i) + 1, uint64(i) * 3}
				}
				if s[i] != want {
					t.Fatalf("n=%d grown to %d: slot %d = %v, want %v", n, m, i, s[i], want)
				}
			}
		}
		freeOff(s)
	}
	require.Equal(t, before, offHeap.Load(), "bytes counted outside the heap after freeing")
}
