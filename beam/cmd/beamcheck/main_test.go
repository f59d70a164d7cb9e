package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/beam/internal/beamtest"
	"github.com/protocheck/protocheck/beam/load"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
)

// TestMain starts the Beam SDK: prism runs the pipelines in this process.
func TestMain(m *testing.M) { beamtest.Main(m) }

// beamcheck runs the command in this process on prism.
func beamcheck(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var c config
	fs := flag.NewFlagSet(progName, flag.ContinueOnError)
	addFlags(fs, &c)
	require.NoError(t, fs.Parse(args))
	var out, errw bytes.Buffer
	code = execute(context.Background(), c, "prism", nil, &out, &errw)
	return code, out.String(), errw.String()
}

// memoryBFS is the in-memory engine on the same configuration.
func memoryBFS(t *testing.T, protocol, line string) *explore.Result {
	t.Helper()
	full, err := load.Canonical(protocol, line)
	require.NoError(t, err)
	m, _, err := load.Build(protocol, full)
	require.NoError(t, err)
	res, err := explore.BFS(m, explore.Options{})
	require.NoError(t, err)
	return res
}

// A broken variant: exit 1, the in-memory counts and the in-memory trace;
// the same command again reads every level back from the checkpoints.
func TestViolationSummaryAndResume(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	trace := filepath.Join(t.TempDir(), "atomicity.trace")
	code, out, _ := beamcheck(t, "-protocol", "twopc", "-config", "variant=ready-aborts n=2", "-out", dir, "-o", trace, "-quiet")
	assert.Equal(t, exitViolation, code, out)
	mem := memoryBFS(t, "twopc", "variant=ready-aborts n=2")
	assert.Contains(t, out, fmt.Sprintf("states:     %d distinct, %d successors generated", mem.Distinct, mem.Generated))
	want, ok := mem.Property("atomicity")
	require.True(t, ok)
	assert.Contains(t, out, "shortest counterexample: \"atomicity\"")
	assert.Contains(t, out, "path "+counterexamples.FormatPath(want.Trace.Path)+"\n", "the in-memory engine's trace")
	assert.Contains(t, out, `undecided "every participant eventually decides" (eventually): liveness is not checked`)
	assert.Contains(t, out, "VIOLATED: 1 of")
	f, err := counterexamples.ParseFile(trace)
	require.NoError(t, err, "-o writes a trace check replay reads")
	assert.Equal(t, want.Trace.Path, f.Trace.Path)

	code2, out2, _ := beamcheck(t, "-protocol", "twopc", "-config", "variant=ready-aborts n=2", "-out", dir, "-quiet")
	assert.Equal(t, exitViolation, code2)
	levels := mem.MaxDepth + 2 // 0..MaxDepth, and the empty level that ends the run
	assert.Contains(t, out2, fmt.Sprintf("(%d of %d levels read back from its checkpoints)", levels, levels))
	assert.Equal(t, out[strings.Index(out, "properties:"):], out2[strings.Index(out2, "properties:"):], "the same verdicts and trace")
}

// A correct protocol without liveness properties, explored in full:
// "verified", exit 0. One with a liveness property: exit 3, never "holds".
func TestVerifiedAndNotChecked(t *testing.T) {
	code, out, errs := beamcheck(t, "-protocol", "twophase", "-config", "n=3", "-out", t.TempDir(), "-full", "-levels")
	assert.Equal(t, exitOK, code, out)
	mem := memoryBFS(t, "twophase", "n=3")
	assert.Contains(t, out, fmt.Sprintf("states:     %d distinct", mem.Distinct))
	assert.Contains(t, out, "verified: all")
	assert.Contains(t, errs, "level 1: ", "progress on stderr")

	code, out, _ = beamcheck(t, "-protocol", "twopc", "-config", "n=1 faults=none", "-out", t.TempDir(), "-quiet")
	assert.Equal(t, exitIncomplete, code, out)
	assert.Contains(t, out, "NOT CHECKED by beam: \"every participant eventually decides\"")
	assert.NotContains(t, out, "verified")
}

// Bad usage is exit 2 before any pipeline runs.
func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-protocol", "twopc"}, "-out is required"},
		{[]string{"-out", t.TempDir()}, "-protocol is required"},
		{[]string{"-protocol", "nosuch", "-out", t.TempDir()}, "unknown protocol"},
		{[]string{"-protocol", "twopc", "-config", "n=99", "-out", t.TempDir()}, "-config: "},
		{[]string{"-protocol", "raymond", "-symmetry", "-out", t.TempDir()}, "declares no symmetry"},
		{[]string{"-protocol", "twopc", "-max-states", "lots", "-out", t.TempDir()}, "-max-states: "},
		{[]string{"-protocol", "twopc", "-time", "-1s", "-out", t.TempDir()}, "-time -1s: want >= 0"},
		{[]string{"-protocol", "twopc", "-max-depth", "-1", "-out", t.TempDir()}, "-max-depth -1: want >= 0"},
	} {
		code, out, errs := beamcheck(t, c.args...)
		assert.Equal(t, exitUsage, code, "%q", c.args)
		assert.Empty(t, out, "%q", c.args)
		assert.True(t, strings.HasPrefix(errs, progName+": "), "%q: %s", c.args, errs)
		assert.Contains(t, errs, c.want, "%q", c.args)
	}
}

// -max-states stops at a level boundary: exit 3, INCOMPLETE, never
// "verified"; the same command without it resumes and verifies.
func TestMaxStatesStopsAndResumes(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := beamcheck(t, "-protocol", "twophase", "-config", "n=3", "-out", dir, "-full", "-max-states", "10", "-quiet")
	assert.Equal(t, exitIncomplete, code, out)
	assert.Contains(t, out, "INCOMPLETE (max states)")
	assert.NotContains(t, out, "verified")

	code, out, _ = beamcheck(t, "-protocol", "twophase", "-config", "n=3", "-out", dir, "-full", "-quiet")
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, fmt.Sprintf("states:     %d distinct", memoryBFS(t, "twophase", "n=3").Distinct))
	assert.Contains(t, out, "verified: all")
	assert.NotContains(t, out, "(0 of", "levels read back from the stopped run")
}
