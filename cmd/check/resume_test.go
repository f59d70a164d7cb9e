package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// diskReport is the part of a -json report that must not depend on the
// engine (in memory, on disk, checkpointed and resumed) nor on timing.
type diskReport struct {
	Engine     string `json:"engine"`
	Complete   bool   `json:"complete"`
	StopReason string `json:"stop_reason"`
	Distinct   int64  `json:"distinct_states"`
	Generated  int64  `json:"generated_successors"`
	Depth      int    `json:"max_depth_steps"`
	Properties []struct {
		Name    string `json:"name"`
		Status  string `json:"status"`
		Message string `json:"message"`
	} `json:"properties"`
	Violations []struct {
		Property string   `json:"property"`
		Path     []int    `json:"path"`
		Actions  []string `json:"actions"`
	} `json:"violations"`
	ExitCode int `json:"exit_code"`
}

func parseReport(t *testing.T, out []byte) diskReport {
	t.Helper()
	var r diskReport
	require.NoError(t, json.Unmarshal(out, &r), "%s", out)
	return r
}

// runJSON runs the CLI in this process and returns its report.
func runJSON(t *testing.T, wantCode int, args ...string) diskReport {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append(args, "-json", "-quiet"), &out, &errOut)
	require.Equal(t, wantCode, code, "%q: %s", args, errOut.String())
	return parseReport(t, out.Bytes())
}

// TestRunOnDisk: -disk and -checkpoint report what the in-memory BFS
// reports for the safety properties (counts, verdicts, the shortest
// counterexample), say that liveness was not checked (exit 3 when nothing
// failed), and resuming a finished checkpoint reports it again.
func TestRunOnDisk(t *testing.T) {
	mem := runJSON(t, exitViolation, "run", "twopc", "-variant", "ready-aborts", "-props", "safety")
	require.NotEmpty(t, mem.Violations)
	dir := t.TempDir()
	disk := runJSON(t, exitViolation, "run", "twopc", "-variant", "ready-aborts", "-disk", filepath.Join(dir, "scratch"), "-mem", "64MiB")
	ck := filepath.Join(dir, "ck")
	first := runJSON(t, exitViolation, "run", "twopc", "-variant", "ready-aborts", "-checkpoint", ck, "-workers", "1")
	again := runJSON(t, exitViolation, "resume", ck, "-workers", "2")
	for _, r := range []diskReport{disk, first, again} {
		assert.Equal(t, "disk", r.Engine)
		assert.Equal(t, mem.Distinct, r.Distinct)
		assert.Equal(t, mem.Generated, r.Generated)
		assert.Equal(t, mem.Depth, r.Depth)
		assert.Equal(t, mem.Violations, r.Violations, "the same shortest counterexample")
		for _, p := range r.Properties {
			if p.Name == "every participant eventually decides" {
				assert.Equal(t, "unknown", p.Status)
				assert.Contains(t, p.Message, "not checked by the disk engine")
			}
		}
	}
	assert.Equal(t, first, again, "a finished checkpoint reports its run again")
	assert.Len(t, disk.Properties, len(mem.Properties)+1, "every property, liveness too (reported not checked)")

	var out, errOut bytes.Buffer
	code := run([]string{"run", "twophase", "-n", "3", "-disk", filepath.Join(dir, "tp"), "-quiet"}, &out, &errOut)
	assert.Equal(t, exitOK, code, "twophase has no liveness property: verified on disk")
	assert.Contains(t, out.String(), "engine:     disk")
	assert.Contains(t, out.String(), "verified: all 4 properties hold")
}

// TestDiskFlagErrors: the disk flags' misuse is bad usage (exit 2) with a
// one-line reason.
func TestDiskFlagErrors(t *testing.T) {
	dir := t.TempDir()
	ck := filepath.Join(dir, "ck")
	runJSON(t, exitOK, "run", "twophase", "-n", "2", "-checkpoint", ck)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "twophase", "-disk", dir, "-engine", "dfs"}, "not with -engine dfs"},
		{[]string{"run", "twophase", "-disk", dir, "-checkpoint", ck}, "give -disk the same directory"},
		{[]string{"run", "twophase", "-n", "2", "-checkpoint", ck}, "holds a checkpoint already"},
		{[]string{"resume"}, "want one checkpoint directory"},
		{[]string{"resume", dir}, "no checkpoint in"},
		{[]string{"resume", ck, "-workers", "x"}, "invalid value"},
	} {
		var out, errOut bytes.Buffer
		assert.Equal(t, exitUsage, run(c.args, &out, &errOut), "%q", c.args)
		assert.Contains(t, errOut.String(), c.want, "%q", c.args)
	}
	var out, errOut bytes.Buffer
	require.Equal(t, exitOK, run([]string{"resume", "-h"}, &out, &errOut))
	assert.Contains(t, out.String(), "usage: check resume [flags] DIR")
}

// TestCheckpointHint: a checkpointed run stopped by its time limit says
// how to continue it, and continuing it finishes the run.
func TestCheckpointHint(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ck")
	var out, errOut bytes.Buffer
	code := run([]string{"run", "twopc", "-n", "3", "-props", "safety", "-checkpoint", dir, "-time", "1ns", "-quiet"}, &out, &errOut)
	require.Equal(t, exitIncomplete, code, "%s", errOut.String())
	assert.Contains(t, errOut.String(), "resume "+dir)
	r := runJSON(t, exitOK, "resume", dir)
	assert.True(t, r.Complete)
	assert.Equal(t, int64(160940), r.Distinct, "twopc n=3 at defaults, as the in-memory BFS counts it")
}
