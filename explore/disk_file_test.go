package explore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Records written by a recWriter read back the same, whether a record
// lies inside the reader's buffer (read in place) or across a refill, or
// is longer than the buffer (read the slow way). A file shorter than its
// count is an error.
func TestRecordsReadBackAcrossBuffers(t *testing.T) {
	dir := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		type rec struct {
			fp, parent uint64
			enc        []byte
		}
		states := rapid.Bool().Draw(t, "states")
		var recs []rec
		for range rapid.IntRange(0, 3000).Draw(t, "n") {
			r := rec{fp: rapid.Uint64().Draw(t, "fp"), parent: rapid.Uint64().Draw(t, "parent")}
			if states {
				n := rapid.IntRange(0, 300).Draw(t, "len")
				if rapid.IntRange(0, 200).Draw(t, "big") == 0 {
					n = ioBufLen + rapid.IntRange(0, 1000).Draw(t, "over")
				}
				r.enc = make([]byte, n)
				for i := range r.enc {
					r.enc[i] = byte(i*7) ^ byte(r.fp)
				}
			}
			recs = append(recs, r)
		}
		w, err := createRec(dir, "recs")
		require.NoError(t, err)
		for _, r := range recs {
			if states {
				require.NoError(t, w.state(r.fp, r.parent, r.enc))
			} else {
				require.NoError(t, w.fp(r.fp))
			}
		}
		ref, err := w.close(false)
		require.NoError(t, err)

		rd, err := openRec(dir, ref, states)
		require.NoError(t, err)
		defer rd.close()
		for i, want := range recs {
			ok, err := rd.next()
			require.NoError(t, err)
			require.True(t, ok, "record %d", i)
			require.Equal(t, want.fp, rd.fp, "record %d", i)
			if states {
				require.Equal(t, want.parent, rd.parent, "record %d", i)
				require.Equal(t, string(want.enc), string(rd.enc), "record %d", i)
			}
		}
		ok, err := rd.next()
		require.NoError(t, err)
		require.False(t, ok, "the count ends the file")

		if len(recs) == 0 {
			return
		}
		// The same file with a record missing at its end.
		info, err := os.Stat(filepath.Join(dir, ref.Name))
		require.NoError(t, err)
		require.NoError(t, os.Truncate(filepath.Join(dir, ref.Name), info.Size()-1))
		rd2, err := openRec(dir, ref, states)
		require.NoError(t, err)
		defer rd2.close()
		for {
			ok, err := rd2.next()
			if err != nil {
				require.ErrorIs(t, err, errShort)
				return
			}
			require.True(t, ok, "a truncated file must not end cleanly")
		}
	})
}
