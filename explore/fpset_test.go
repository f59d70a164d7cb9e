package explore

import (
	"sync"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestFPSetMatchesMap drives the fingerprint set and a Go map with the same
// operations (inserts with level tags, including duplicates and colliding
// home slots; sweeps; growth) and checks they agree on membership, size
// and parents.
func TestFPSetMatchesMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		set := newFPSet(0, 2, 0)
		defer set.free()
		type entry struct{ parent, tag uint64 }
		ref := map[uint64]entry{}
		var fps []uint64
		// Few distinct high and low bits, so segments and home slots collide.
		fpGen := rapid.Custom(func(t *rapid.T) uint64 {
			seg := rapid.Uint64Range(0, 3).Draw(t, "seg")
			low := rapid.Uint64Range(1, 5000).Draw(t, "low")
			return seg<<(64-segBits) | low<<2
		})
		t.Repeat(map[string]func(*rapid.T){
			"insert": func(t *rapid.T) {
				fp := fpGen.Draw(t, "fp")
				parent := rapid.Uint64Range(1, 1<<40).Draw(t, "parent") << 2
				tag := rapid.Uint64Range(1, tagLevels).Draw(t, "tag")
				r := set.insert(fp, parent, tag)
				for r == insertFull {
					require.NoError(t, set.grow())
					r = set.insert(fp, parent, tag)
				}
				if r == insertNew {
					set.added(fp)
				}
				old, seen := ref[fp]
				require.Equal(t, !seen, r == insertNew, "new iff absent from the map")
				switch {
				case !seen:
					ref[fp] = entry{parent, tag}
					fps = append(fps, fp)
				case old.tag == tag && parent < old.parent:
					ref[fp] = entry{parent, tag}
				}
			},
			"sweep": func(t *rapid.T) {
				set.swept = -tagLevels
				set.sweepBefore(0)
				for fp, e := range ref {
					e.tag = 0
					ref[fp] = e
				}
			},
			"grow": func(t *rapid.T) {
				set.needGrow.Store(true)
				require.NoError(t, set.grow())
			},
			"": func(t *rapid.T) {
				require.EqualValues(t, len(ref), set.len())
				for fp, e := range ref {
					got, ok := set.parent(fp)
					require.True(t, ok, "fp %#x present", fp)
					require.Equal(t, e.parent, got, "parent of %#x", fp)
				}
			},
		})
	})
}

// TestFPSetConcurrentInsertsKeepMinimumParent: many goroutines insert the
// same fingerprints with different parents; each is new exactly once and
// keeps the smallest parent.
func TestFPSetConcurrentInsertsKeepMinimumParent(t *testing.T) {
	set := newFPSet(0, 2, 0)
	defer set.free()
	const n, workers = 20000, 4
	var wg sync.WaitGroup
	news := make([]int, workers)
	insert := func(fp, parent uint64) insertResult {
		set.mu.RLock()
		defer set.mu.RUnlock()
		return set.insert(fp, parent, levelTag(1))
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parent := uint64(100+w) << 2
			for i := uint64(1); i <= n; i++ {
				fp := (i * 0x9e3779b97f4a7c15) &^ tagMask
				r := insert(fp, parent)
				for r == insertFull {
					assert.NoError(t, set.grow())
					r = insert(fp, parent)
				}
				if r == insertNew {
					set.added(fp)
					news[w]++
				}
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, c := range news {
		total += c
	}
	assert.Equal(t, n, total)
	assert.EqualValues(t, n, set.len())
	for i := uint64(1); i <= n; i++ {
		p, ok := set.parent((i * 0x9e3779b97f4a7c15) &^ tagMask)
		require.True(t, ok)
		require.EqualValues(t, 100<<2, p)
	}
}

func TestFPSetMemoryBudget(t *testing.T) {
	set := newFPSet(int64(segCount)*minSegLen*16, 2, 0) // exactly the initial size
	defer set.free()
	var err error
	for i := uint64(1); err == nil && i < 1<<22; i++ {
		_, err = set.insertOne((i * 0x9e3779b97f4a7c15) &^ tagMask)
	}
	require.ErrorIs(t, err, ErrMemory)
}

// TestExpectSizesTheSet: Options.Expect sizes the visited set for that many
// entries below the load threshold, within half the memory budget, and
// changes no result of BFS, DFS or Check, whether it is exact, too small
// or too large.
func TestExpectSizesTheSet(t *testing.T) {
	set := newFPSet(0, 1, 10_000_000)
	defer set.free()
	n := len(set.segs[0].slots)
	assert.GreaterOrEqual(t, float64(n)*loadGrowAt*segCount, 10_000_000.0)
	assert.Less(t, float64(n/2)*loadGrowAt*segCount, 10_000_000.0*1.05, "the smallest length that holds it")
	small := newFPSet(64<<20, 1, 10_000_000)
	defer small.free()
	assert.LessOrEqual(t, int64(len(small.segs[0].slots))*segCount*16, int64(32<<20), "at most half the budget")
	assert.Equal(t, minSegLen, len(newFPSet(0, 1, 0).segs[0].slots))

	m := liveLattice{lattice{80, 90}}
	want, err := BFS[point, string](m, Options{Workers: 2})
	require.NoError(t, err)
	wantDFS, err := DFS[point, string](m, Options{})
	require.NoError(t, err)
	wantCheck, err := Check[point, string](m, Options{Workers: 2})
	require.NoError(t, err)
	for _, expect := range []int64{1, want.Distinct, 10 * want.Distinct} {
		o := Options{Workers: 2, Expect: expect}
		got, err := BFS[point, string](m, o)
		require.NoError(t, err)
		sameResults(t, want, got)
		got, err = DFS[point, string](m, o)
		require.NoError(t, err)
		sameResults(t, wantDFS, got)
		got, err = Check[point, string](m, o)
		require.NoError(t, err)
		sameResults(t, wantCheck, got)
	}
	_, err = BFS[point, string](m, Options{Expect: -1})
	assert.ErrorIs(t, err, ErrOptions)
	assert.Equal(t, int64(100), (&Options{Expect: 1e9, MaxStates: 100}).expected(), "no room beyond MaxStates")
	assert.Equal(t, int64(1e9), (&Options{Expect: 1e9}).expected())
}

// TestSegmentLayout checks that a segment's counters, written between
// blocks, share no cache line with the fields every insert reads, and that
// segments in an array do not share lines either.
func TestSegmentLayout(t *testing.T) {
	var sg segment
	require.Zero(t, unsafe.Offsetof(sg.count)%64, "the counters start a cache line")
	require.GreaterOrEqual(t, unsafe.Offsetof(sg.count), unsafe.Offsetof(sg.growAt)+unsafe.Sizeof(sg.growAt))
	require.Zero(t, unsafe.Sizeof(sg)%64, "a segment is whole cache lines")
}
