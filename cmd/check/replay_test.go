package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/counterexamples"
)

// savedTraces is where the project keeps its counterexamples.
const savedTraces = "../../counterexamples"

// TestSavedTracesReproduce replays every trace saved under
// counterexamples/ through the registry (the raft datadriven.Walk pattern)
// and requires each to still reproduce: exit code 1, as `check replay`
// gives. A trace that no longer fails, does not replay, or names an
// unregistered protocol fails the test. The catalogue regenerates them:
// make counterexamples (go test ./protocols -run TestCatalog -update).
func TestSavedTracesReproduce(t *testing.T) {
	files, err := counterexamples.SavedTraces(savedTraces)
	require.NoError(t, err)
	require.NotEmpty(t, files, "no saved traces under %s", savedTraces)
	for _, path := range files {
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
	}
}
