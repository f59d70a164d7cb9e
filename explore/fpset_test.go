package explore

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestFPSetMatchesMap drives the fingerprint set and a Go map with the same
// operations (inserts, including duplicates and colliding home slots, growth
// and level ends) and checks they agree on membership, size and parents.
func TestFPSetMatchesMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		set := newFPSet(0)
		defer set.free()
		ref := map[uint64]uint64{} // fp -> parent
		fresh := map[uint64]bool{} // inserted since the last level end
		// Few distinct high and low bits, so segments and home slots collide.
		fpGen := rapid.Custom(func(t *rapid.T) uint64 {
			seg := rapid.Uint64Range(0, 3).Draw(t, "seg")
			low := rapid.Uint64Range(1, 5000).Draw(t, "low")
			return seg<<(64-segBits) | low
		})
		t.Repeat(map[string]func(*rapid.T){
			"insert": func(t *rapid.T) {
				fp, parent := fpGen.Draw(t, "fp"), rapid.Uint64Range(1, 1<<40).Draw(t, "parent")
				r := set.insert(fp, parent)
				for r == insertFull {
					require.NoError(t, set.grow())
					r = set.insert(fp, parent)
				}
				old, seen := ref[fp]
				require.Equal(t, !seen, r == insertNew, "new iff absent from the map")
				switch {
				case !seen:
					ref[fp], fresh[fp] = parent, true
				case fresh[fp] && parent < old:
					ref[fp] = parent
				}
			},
			"grow": func(t *rapid.T) {
				set.needGrow.Store(true)
				require.NoError(t, set.grow())
			},
			"end level": func(t *rapid.T) {
				set.clearFresh()
				clear(fresh)
			},
			"": func(t *rapid.T) {
				require.EqualValues(t, len(ref), set.len())
				for fp, parent := range ref {
					got, ok := set.parent(fp)
					require.True(t, ok, "fp %#x present", fp)
					require.Equal(t, parent, got, "parent of %#x", fp)
				}
			},
		})
	})
}

// TestFPSetConcurrentInsertsKeepMinimumParent: many goroutines insert the
// same fingerprints with different parents; each is new exactly once and
// keeps the smallest parent.
func TestFPSetConcurrentInsertsKeepMinimumParent(t *testing.T) {
	set := newFPSet(0)
	defer set.free()
	const n, workers = 20000, 4
	var wg sync.WaitGroup
	news := make([]int, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := uint64(1); i <= n; i++ {
				fp := i * 0x9e3779b97f4a7c15
				set.mu.RLock()
				r := set.insert(fp, uint64(100+w))
				set.mu.RUnlock()
				for r == insertFull {
					require.NoError(t, set.grow())
					set.mu.RLock()
					r = set.insert(fp, uint64(100+w))
					set.mu.RUnlock()
				}
				if r == insertNew {
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
		p, ok := set.parent(i * 0x9e3779b97f4a7c15)
		require.True(t, ok)
		require.EqualValues(t, 100, p)
	}
}

func TestFPSetMemoryBudget(t *testing.T) {
	set := newFPSet(int64(segCount) * minSegLen * 16) // exactly the initial size
	defer set.free()
	var err error
	for i := uint64(1); err == nil && i < 1<<22; i++ {
		for set.insert(i*0x9e3779b97f4a7c15, 1) == insertFull {
			if err = set.grow(); err != nil {
				break
			}
		}
	}
	require.ErrorIs(t, err, ErrMemory)
}
