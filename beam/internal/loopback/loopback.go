// Package loopback keeps the files the Beam Go SDK leaves behind out of the
// shared temporary directory.
//
// On a loopback environment (prism in this process, or a portable runner
// with --environment_type=LOOPBACK) the SDK creates an empty placeholder file
// named beamloopbackworker-* in os.TempDir() for every pipeline it submits,
// and never removes it (apache/beam#27569). protocheck's Beam engine submits
// one pipeline per BFS level, so a run leaves a file per level and a test
// suite thousands of them. PrivateTempDir gives the process a temporary
// directory of its own, removed at the end.
package loopback

import (
	"os"
)

// PrivateTempDir points TMPDIR, and so os.TempDir, at a new directory
// inside the current one and returns a function that removes it with
// everything in it and restores TMPDIR. Call it at the start of main or
// TestMain, before any goroutine reads TMPDIR, and call cleanup before the
// process exits. On error TMPDIR is unchanged.
func PrivateTempDir() (cleanup func(), err error) {
	old, had := os.LookupEnv("TMPDIR")
	dir, err := os.MkdirTemp("", "protocheck-beam-")
	if err != nil {
		return nil, err
	}
	if err := os.Setenv("TMPDIR", dir); err != nil {
		_ = os.Remove(dir)
		return nil, err
	}
	return func() {
		if had {
			_ = os.Setenv("TMPDIR", old)
		} else {
			_ = os.Unsetenv("TMPDIR")
		}
		_ = os.RemoveAll(dir)
	}, nil
}
