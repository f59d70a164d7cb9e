package store

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Records written read back as written, in order.
func TestRecordsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fps := rapid.SliceOf(rapid.Uint64()).Draw(t, "fps")
		states := make([][]byte, len(fps))
		var sb, pb []byte
		for i, fp := range fps {
			states[i] = rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "state")
			sb = AppendState(sb, fp, states[i])
			pb = AppendParent(pb, fp, ^fp)
		}
		i := 0
		require.NoError(t, ReadStates(bytes.NewReader(sb), func(fp uint64, st []byte) error {
			require.Equal(t, fps[i], fp)
			require.Equal(t, states[i], st)
			i++
			return nil
		}))
		require.Equal(t, len(fps), i)
		i = 0
		require.NoError(t, ReadParents(bytes.NewReader(pb), func(fp, p uint64) error {
			require.Equal(t, fps[i], fp)
			require.Equal(t, ^fps[i], p)
			i++
			return nil
		}))
		require.Equal(t, len(fps), i)
	})
}

// A truncated file is an error, not a shorter level.
func TestTruncatedRecordsAreErrors(t *testing.T) {
	sb := AppendState(nil, 7, []byte("state"))
	pb := AppendParent(nil, 7, 8)
	for n := 1; n < len(sb); n++ {
		assert.Error(t, ReadStates(bytes.NewReader(sb[:n]), func(uint64, []byte) error { return nil }), "states cut at %d", n)
	}
	for n := 1; n < len(pb); n++ {
		assert.Error(t, ReadParents(bytes.NewReader(pb[:n]), func(uint64, uint64) error { return nil }), "parents cut at %d", n)
	}
}

// Chain walks the parent records level by level back to an initial state.
func TestChain(t *testing.T) {
	ctx, dir, shards := context.Background(), t.TempDir(), 3
	// level 0: 4 and 8 (initial: their own parents); level 1: 12 <- 4, 24 <- 8; level 2: 16 <- 12.
	levels := [][][2]uint64{{{4, 4}, {8, 8}}, {{12, 4}, {24, 8}}, {{16, 12}}}
	for l, recs := range levels {
		ws := map[int]*Writer{}
		for _, r := range recs {
			sh := ShardOf(r[0], shards)
			if ws[sh] == nil {
				w, err := NewWriter(ctx, dir, l, sh)
				require.NoError(t, err)
				ws[sh] = w
			}
			require.NoError(t, ws[sh].Write(r[0], r[1], []byte{byte(r[0])}))
		}
		for _, w := range ws {
			require.NoError(t, w.Close())
		}
	}
	got, err := Chain(ctx, dir, 2, shards, 16)
	require.NoError(t, err)
	assert.Equal(t, []uint64{4, 12, 16}, got)
	_, err = Chain(ctx, dir, 1, shards, 16)
	assert.ErrorIs(t, err, ErrNotFound, "16 is not a state of level 1")
	for sh := 0; sh < shards; sh++ {
		files, err := ShardParentFiles(ctx, dir, sh, 1)
		require.NoError(t, err)
		set, err := Visited(ctx, files)
		require.NoError(t, err)
		for l, recs := range levels {
			for _, r := range recs {
				want := l <= 1 && ShardOf(r[0], shards) == sh
				assert.Equal(t, want, set.Has(r[0]), "shard %d, levels 0..1: %d", sh, r[0])
			}
		}
	}
}

// A run directory remembers its run; DONE records and summaries read back.
func TestMetaDoneSummary(t *testing.T) {
	ctx, dir := context.Background(), t.TempDir()
	m := Meta{Protocol: "twopc", Config: "variant=correct n=2", Shards: 4}
	existed, err := OpenRun(ctx, dir, m)
	require.NoError(t, err)
	assert.False(t, existed)
	existed, err = OpenRun(ctx, dir, m)
	require.NoError(t, err)
	assert.True(t, existed)
	m.Symmetry = true
	_, err = OpenRun(ctx, dir, m)
	assert.ErrorContains(t, err, "holds another run")

	_, ok, err := ReadDone(ctx, dir, 3)
	require.NoError(t, err)
	assert.False(t, ok, "no DONE yet")
	d := Done{Level: 3, New: 10, Generated: 30, Finds: []Find{{Slot: 1, FP: 44}}}
	require.NoError(t, WriteDone(ctx, dir, d))
	got, ok, err := ReadDone(ctx, dir, 3)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, d, got)

	lines := SummaryLine("min", 2, 40) + "\n" + SummaryLine("sum", SumNew, 5) + "\n" +
		SummaryLine("sum", SumGenerated, 9) + "\n" + SummaryLine("min", 0, 12) + "\n"
	require.NoError(t, os.WriteFile(SummaryFile(dir, 3), []byte(lines), 0o644))
	s, err := ReadSummary(ctx, dir, 3)
	require.NoError(t, err)
	assert.Equal(t, Done{Level: 3, New: 5, Generated: 9, Finds: []Find{{0, 12}, {2, 40}}}, s)
	require.NoError(t, os.WriteFile(SummaryFile(dir, 3), []byte("max 1 2\n"), 0o644))
	_, err = ReadSummary(ctx, dir, 3)
	assert.Error(t, err)

	require.NoError(t, RemoveLevel(ctx, dir, 3))
	_, ok, err = ReadDone(ctx, dir, 3)
	require.NoError(t, err)
	assert.False(t, ok, "removed")
}
