package main

import (
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// savedTraces is where the project keeps its counterexamples.
const savedTraces = "../../counterexamples"

// TestSavedTracesReproduce replays every trace saved under
// counterexamples/ through the registry (the raft datadriven.Walk pattern)
// and requires each to still reproduce: exit code 1, as `check replay`
// gives. A trace that no longer fails, does not replay, or names an
// unregistered protocol fails the test. Regenerate a trace with the
// command on its "# reproduce:" line plus -o <file>, or run
// counterexamples/regen.sh.
func TestSavedTracesReproduce(t *testing.T) {
	var n int
	err := filepath.WalkDir(savedTraces, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".trace") {
			return nil
		}
		n++
		rel, _ := filepath.Rel(savedTraces, path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			code, msg, err := replayFile(path, io.Discard)
			require.NoError(t, err, "the trace must replay")
			if strings.HasPrefix(msg, "witness") {
				require.Equal(t, exitOK, code, "the witness must still reach its predicate: %s", msg)
				return
			}
			require.Equal(t, exitViolation, code, "the trace must still reproduce its violation: %s", msg)
		})
		return nil
	})
	require.NoError(t, err)
	if n == 0 {
		t.Logf("no saved traces under %s yet: nothing replayed", savedTraces)
	}
}
