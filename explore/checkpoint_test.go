package explore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// resumeUntilDone resumes the checkpoint in dir, interrupting each session
// after every levels levels, until a session ends for another reason; it
// returns the last result and the number of sessions.
func resumeUntilDone(t require.TestingT, m counters, dir string, every int) (*Result, int) {
	for n := 1; ; n++ {
		cp, err := ReadCheckpoint(dir)
		require.NoError(t, err)
		opts := cp.Resume(Options{Workers: 1 + n%3})
		opts.Disk.bufLen, opts.Disk.fanIn, opts.Disk.stopAfter = 300, 3, every
		res, err := Check[ctrState, string](m, opts)
		require.NoError(t, err)
		if res.StopReason != "interrupted" {
			return res, n
		}
	}
}

// TestCheckpointResume: a checkpointed run interrupted after every k
// levels (the engine stops as Ctrl-C stops it) and resumed until it ends
// reports what an uninterrupted run reports (counts, verdicts, traces), and
// resuming the finished run reports it again.
func TestCheckpointResume(t *testing.T) {
	m := counters{k: 3, max: 6}
	for _, sym := range []bool{false, true} {
		for _, stop := range []bool{false, true} {
			base := Options{Workers: 2, Symmetry: sym, StopAtFirst: stop}
			want, err := BFS[ctrState, string](m, base)
			require.NoError(t, err)
			for _, every := range []int{1, 4} {
				dir := t.TempDir()
				opts := base
				opts.Disk = &Disk{Dir: dir, Checkpoint: true, Meta: "the caller's words", stopAfter: every}
				first, err := BFS[ctrState, string](m, opts)
				require.NoError(t, err)
				require.Equal(t, "interrupted", first.StopReason)
				assert.False(t, first.Complete)
				got, sessions := resumeUntilDone(t, m, dir, every)
				assert.Greater(t, sessions, 1)
				sameResult(t, want, got)

				cp, err := ReadCheckpoint(dir)
				require.NoError(t, err)
				assert.True(t, cp.Done)
				assert.Equal(t, "the caller's words", cp.Meta)
				assert.Equal(t, sym, cp.Symmetry)
				again, err := BFS[ctrState, string](m, cp.Resume(Options{Workers: 1}))
				require.NoError(t, err)
				sameResult(t, want, again)
			}
		}
	}
}

// TestCheckpointSurvivesCrashLeftovers: a crash leaves the files of a level
// cut short and a temporary manifest; resuming removes them and ends with
// the uninterrupted result. A damaged frontier (cut short) is an error, not
// fewer states.
func TestCheckpointSurvivesCrashLeftovers(t *testing.T) {
	m := counters{k: 3, max: 4}
	want, err := BFS[ctrState, string](m, Options{Workers: 1})
	require.NoError(t, err)
	dir := t.TempDir()
	_, err = BFS[ctrState, string](m, Options{Workers: 1, Disk: &Disk{Dir: dir, Checkpoint: true, stopAfter: 3}})
	require.NoError(t, err)
	for _, name := range []string{"f-99999999.bin", "r-99999998.bin", manifestName + ".tmp"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("half a level"), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("the user's"), 0o644))
	got, _ := resumeUntilDone(t, m, dir, 0)
	sameResult(t, want, got)
	for _, name := range []string{"f-99999999.bin", "r-99999998.bin", manifestName + ".tmp"} {
		assert.NoFileExists(t, filepath.Join(dir, name), "a leftover is removed")
	}
	assert.FileExists(t, filepath.Join(dir, "notes.txt"), "files not the engine's stay")

	dir = t.TempDir()
	_, err = BFS[ctrState, string](m, Options{Workers: 1, Disk: &Disk{Dir: dir, Checkpoint: true, stopAfter: 3}})
	require.NoError(t, err)
	man, err := readManifest(dir)
	require.NoError(t, err)
	front := filepath.Join(dir, man.State.Frontier.Name)
	info, err := os.Stat(front)
	require.NoError(t, err)
	require.NoError(t, os.Truncate(front, info.Size()-1))
	cp, err := ReadCheckpoint(dir)
	require.NoError(t, err)
	_, err = BFS[ctrState, string](m, cp.Resume(Options{Workers: 1}))
	assert.ErrorIs(t, err, errShort)
}

// otherCounters is counters under another name: another model.
type otherCounters struct{ counters }

// TestCheckpointRefusals: a fresh run does not overwrite a checkpoint; a
// resume needs one, and refuses other options or another model.
func TestCheckpointRefusals(t *testing.T) {
	m := counters{k: 2, max: 3}
	dir := t.TempDir()
	_, err := BFS[ctrState, string](m, Options{Disk: &Disk{Dir: dir, Checkpoint: true}})
	require.NoError(t, err)
	_, err = BFS[ctrState, string](m, Options{Disk: &Disk{Dir: dir, Checkpoint: true}})
	assert.ErrorIs(t, err, ErrOptions, "a second run into a checkpoint")

	_, err = ReadCheckpoint(t.TempDir())
	assert.ErrorIs(t, err, ErrCheckpoint)
	assert.ErrorIs(t, err, os.ErrNotExist)
	_, err = BFS[ctrState, string](m, Options{Disk: &Disk{Dir: t.TempDir(), Resume: true}})
	assert.ErrorIs(t, err, ErrCheckpoint, "nothing to resume")

	_, err = BFS[ctrState, string](m, Options{MaxDepth: 2, Disk: &Disk{Dir: dir, Resume: true}})
	assert.ErrorIs(t, err, ErrCheckpoint, "other options")
	_, err = BFS[ctrState, string](otherCounters{m}, Options{Disk: &Disk{Dir: dir, Resume: true}})
	assert.ErrorIs(t, err, ErrCheckpoint, "another model")
	_, err = BFS[ctrState, string](m, Options{Disk: &Disk{Dir: dir, Resume: true}})
	assert.NoError(t, err, "the same model and options")
}

// TestCheckpointResumeRapid: random stopping points, worker counts and
// buffer sizes; every resumed run ends with the uninterrupted result. A
// cancelled Context stops a session too.
func TestCheckpointResumeRapid(t *testing.T) {
	m := counters{k: 3, max: 3}
	want, err := BFS[ctrState, string](m, Options{Workers: 1})
	require.NoError(t, err)
	rapid.Check(t, func(rt *rapid.T) {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		if rapid.Bool().Draw(rt, "cancelled first") {
			cancel() // the first session stops before its first level
		}
		defer cancel()
		opts := Options{Workers: rapid.IntRange(1, 4).Draw(rt, "workers"), Context: ctx}
		opts.Disk = &Disk{Dir: dir, Checkpoint: true, stopAfter: rapid.IntRange(1, 12).Draw(rt, "stop after"),
			bufLen: rapid.IntRange(1, 2000).Draw(rt, "buffer"), fanIn: rapid.IntRange(2, 5).Draw(rt, "fan-in")}
		first, err := BFS[ctrState, string](m, opts)
		require.NoError(rt, err)
		got := first
		if !first.Complete && first.StopReason != "every property decided" {
			got, _ = resumeUntilDone(rt, m, dir, rapid.IntRange(1, 12).Draw(rt, "every"))
		}
		sameResult(rt, want, got)
	})
}
