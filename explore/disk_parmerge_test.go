package explore

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// writeRuns writes k sorted runs of random state records whose
// fingerprints repeat within and across runs, with several parents and
// encodings each.
func writeRuns(t *testing.T, dir string, k, n int, seed uint64) []fileRef {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	fps := make([]uint64, n/3+1)
	for i := range fps {
		fps[i] = rng.Uint64()&^tagMask | tagMask + 1
	}
	var refs []fileRef
	for r := range k {
		type rec struct {
			fp, parent uint64
			enc        []byte
		}
		recs := make([]rec, rng.IntN(n)+1)
		for i := range recs {
			recs[i] = rec{fps[rng.IntN(len(fps))], uint64(rng.IntN(4)) + 4, []byte{byte(rng.IntN(3)), 7}}
		}
		slices.SortFunc(recs, func(a, b rec) int { return cmpState(a.fp, a.parent, a.enc, b.fp, b.parent, b.enc) })
		w, err := createRec(dir, fmt.Sprintf("run%d", r))
		require.NoError(t, err)
		last := uint64(0)
		for _, x := range recs {
			if x.fp != last { // a run holds one record per fingerprint, as a spill writes it
				require.NoError(t, w.state(x.fp, x.parent, x.enc))
				last = x.fp
			}
		}
		ref, err := w.close(false)
		require.NoError(t, err)
		refs = append(refs, ref)
	}
	return refs
}

type mergedRec struct {
	fp, parent uint64
	enc        string
}

func drain(t *testing.T, m mergeSource) []mergedRec {
	t.Helper()
	var out []mergedRec
	for {
		fp, parent, enc, ok, err := m.next()
		require.NoError(t, err)
		if !ok {
			return out
		}
		out = append(out, mergedRec{fp, parent, string(enc)})
	}
}

// TestParMergerMatchesRunMerger merges the same runs with one runMerger and
// with a parMerger (two halves on their own goroutines): the streams must
// be equal, for odd and even numbers of runs and batches that end
// anywhere.
func TestParMergerMatchesRunMerger(t *testing.T) {
	for _, k := range []int{4, 5, 9} {
		for _, n := range []int{10, 3000, 20000} {
			dir := t.TempDir()
			refs := writeRuns(t, dir, k, n, uint64(k*n))
			seq, err := newRunMerger(dir, refs)
			require.NoError(t, err)
			want := drain(t, seq)
			seq.close()
			par, err := openMerge(dir, refs, 2)
			require.NoError(t, err)
			require.IsType(t, &parMerger{}, par)
			got := drain(t, par)
			par.close()
			require.Equal(t, want, got, "k=%d n=%d", k, n)
			require.True(t, slices.IsSortedFunc(got, func(a, b mergedRec) int { return cmpState(a.fp, a.parent, nil, b.fp, b.parent, nil) }))
		}
	}
}

// TestParMergerStopsEarlyAndReportsErrors closes a parMerger in the middle
// of its stream (its goroutines must end: close waits for them), and reads
// a truncated run (the error must reach the reader, after the records
// before it).
func TestParMergerStopsEarlyAndReportsErrors(t *testing.T) {
	dir := t.TempDir()
	refs := writeRuns(t, dir, 6, 5000, 11)
	par, err := openMerge(dir, refs, 2)
	require.NoError(t, err)
	for range 10 {
		_, _, _, ok, err := par.next()
		require.NoError(t, err)
		require.True(t, ok)
	}
	par.close()

	path := filepath.Join(dir, refs[4].Name)
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.NoError(t, os.Truncate(path, info.Size()/2))
	par, err = openMerge(dir, refs, 2)
	require.NoError(t, err)
	defer par.close()
	var n int
	for {
		_, _, _, ok, err := par.next()
		if err != nil {
			require.Positive(t, n, "records before the error come first")
			return
		}
		require.True(t, ok, "the stream ended without reporting the truncated run")
		n++
	}
}

// TestRunMergerMatchesASort merges 1 to 9 runs (tournament trees of every
// shape, runs that end at different times) and compares the stream with
// all the runs' records sorted by cmpState, the first of each fingerprint
// kept.
func TestRunMergerMatchesASort(t *testing.T) {
	for k := 1; k <= 9; k++ {
		for _, n := range []int{1, 50, 2000} {
			dir := t.TempDir()
			refs := writeRuns(t, dir, k, n, uint64(100*k+n))
			var all []mergedRec
			for _, ref := range refs {
				r, err := openRec(dir, ref, true)
				require.NoError(t, err)
				for {
					ok, err := r.next()
					require.NoError(t, err)
					if !ok {
						break
					}
					all = append(all, mergedRec{r.fp, r.parent, string(r.enc)})
				}
				r.close()
			}
			slices.SortFunc(all, func(a, b mergedRec) int {
				return cmpState(a.fp, a.parent, []byte(a.enc), b.fp, b.parent, []byte(b.enc))
			})
			want := slices.CompactFunc(all, func(a, b mergedRec) bool { return a.fp == b.fp })
			m, err := newRunMerger(dir, refs)
			require.NoError(t, err)
			got := drain(t, m)
			m.close()
			require.Equal(t, want, got, "k=%d n=%d", k, n)
		}
	}
}
