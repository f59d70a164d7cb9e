package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// saveTrace runs the CLI with -o and returns the saved file's path and text.
func saveTrace(t *testing.T, args ...string) (string, string) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "sub", "x.trace")
	code, out, errs := runCLI(t, append(append([]string{"run"}, args...), "-o", name)...)
	require.Equal(t, exitViolation, code, "stdout:\n%s\nstderr:\n%s", out, errs)
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return name, string(data)
}

// rewrite replaces old by new in the file (exactly once).
func rewrite(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(data), old), "%q in:\n%s", old, data)
	require.NoError(t, os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}

func TestSaveReplayRoundTrip(t *testing.T) {
	name, text := saveTrace(t, "testcounter", "-variant", "bug", "-n", "3")
	assert.Contains(t, text, "# protocol:  testcounter\n")
	assert.Contains(t, text, "# params:    variant=bug n=3 network=fifo faults=none symmetry=false\n")
	assert.Contains(t, text, `# property:  "bounded" (always)`)
	assert.Contains(t, text, "# reproduce: check run testcounter -variant bug -n 3\n")

	code, out, errs := runCLI(t, "replay", name)
	assert.Equal(t, exitViolation, code, "a saved counterexample still fails; stderr: %s", errs)
	assert.Contains(t, out, `reproduced: "bounded" (always) after 3 steps: the property fails in the last state`)
	assert.Contains(t, out, "   3  inc ", "the replayed trace is printed step by step")

	code, out, _ = runCLI(t, "replay", "-q", name)
	assert.Equal(t, exitViolation, code)
	assert.NotContains(t, out, "   3  inc ", "-q prints only the verdict")
}

func TestReplayLasso(t *testing.T) {
	name, text := saveTrace(t, "testticker", "-n", "3")
	assert.Contains(t, text, "-- loop starts here --")
	assert.Contains(t, text, "-- back to step")
	code, out, errs := runCLI(t, "replay", "-q", name)
	assert.Equal(t, exitViolation, code, "stderr: %s", errs)
	assert.Contains(t, out, "closes, and the predicate never holds")
}

func TestReplayTamperedLabel(t *testing.T) {
	name, _ := saveTrace(t, "testcounter", "-variant", "bug")
	rewrite(t, name, "   1  inc a", "   1  inc z")
	code, _, errs := runCLI(t, "replay", name)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "replay diverged: step 1 (index 0): the file says \"inc z\" but the model now takes \"inc a\"")
	assert.Contains(t, errs, "not deterministic", "the message explains likely causes")
}

func TestReplayPathOutOfRange(t *testing.T) {
	name, text := saveTrace(t, "testcounter", "-variant", "bug")
	path := strings.SplitN(strings.SplitN(text, "path ", 2)[1], "\n", 2)[0]
	bad := path[:len(path)-1] + "7"
	rewrite(t, name, "path "+path, "path "+bad)
	code, _, errs := runCLI(t, "replay", name)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "does not replay")
	assert.Contains(t, errs, "index 7")
}

func TestReplayNoLongerFails(t *testing.T) {
	name, _ := saveTrace(t, "testcounter", "-variant", "bug")
	// Same path and labels, but in the correct variant "bounded" holds.
	rewrite(t, name, "variant=bug", "variant=ok")
	code, out, errs := runCLI(t, "replay", "-q", name)
	assert.Equal(t, exitOK, code, "stderr: %s", errs)
	assert.Contains(t, out, "does not reproduce")
}

func TestReplayBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	name, _ := saveTrace(t, "testcounter", "-variant", "bug")
	cases := []struct{ name, old, new, err string }{
		{"unknown protocol", "# protocol:  testcounter", "# protocol:  nosuch", `unknown protocol "nosuch"`},
		{"unknown property", `"bounded" (always)`, `"unbounded" (always)`, `no property "unbounded"`},
		{"bad variant", "variant=bug", "variant=x", `-variant "x": testcounter has variants ok, bug`},
		{"syntax", "path ", "pat ", "syntax.trace: counterexamples: bad trace file: line 10: want a header line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(name)
			require.NoError(t, err)
			p := write(strings.ReplaceAll(c.name, " ", "-")+".trace", strings.Replace(string(data), c.old, c.new, 1))
			code, _, errs := runCLI(t, "replay", p)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, c.err)
			assert.Equal(t, 1, strings.Count(errs, "\n")+boolInt(strings.Contains(errs, "Likely causes")), "one clear line: %s", errs)
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestReplayLassoMustBeFair: `check replay` re-establishes what the
// liveness engine established. The saved lasso of twopc's blocking
// reproduces; the same trace with its loop moved to steps 8..9 (it still
// closes at the same state) does not, because p1's timer stays enabled all
// along that loop and is never taken; and a loop with no step is malformed.
func TestReplayLassoMustBeFair(t *testing.T) {
	src := filepath.Join(savedTraces, "twopc", "every-participant-eventually-decides-coordinator-never-recovers.trace")
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	code, out, errs := runCLI(t, "replay", "-q", write("saved.trace", string(data)))
	require.Equal(t, exitViolation, code, "%s%s", out, errs)

	text := string(data)
	require.Contains(t, text, "-- loop starts here --\n   6  timeout p1 ask")
	moved := strings.Replace(text, "-- loop starts here --\n", "", 1)
	moved = strings.Replace(moved, "   8  timeout p2 ask", "-- loop starts here --\n   8  timeout p2 ask", 1)
	moved = strings.Replace(moved, "-- back to step 5 --", "-- back to step 7 --", 1)
	code, out, errs = runCLI(t, "replay", "-q", write("moved.trace", moved))
	assert.Equal(t, exitOK, code, "%s%s", out, errs)
	assert.Contains(t, out, "does not reproduce")
	assert.Contains(t, out, "timeout p1 ask")

	empty := strings.Replace(text, "-- back to step 5 --", "", 1)
	empty = strings.Replace(empty, "   9  deliver p2->p0 DecisionReq (lost: p0 down)\n", "   9  deliver p2->p0 DecisionReq (lost: p0 down)\n-- loop starts here --\n-- back to step 9 --\n", 1)
	empty = strings.Replace(empty, "-- loop starts here --\n   6", "   6", 1)
	code, _, errs = runCLI(t, "replay", "-q", write("empty.trace", empty))
	assert.Equal(t, exitUsage, code, errs)

	always := strings.Replace(text, `decides" (eventually)`, `decides" (always)`, 1)
	code, _, errs = runCLI(t, "replay", "-q", write("always.trace", always))
	assert.Equal(t, exitUsage, code, "a header whose expectation disagrees with the model's")
	assert.Contains(t, errs, "eventually")

	trailing := text + "what is this line?\n"
	code, _, errs = runCLI(t, "replay", "-q", write("trailing.trace", trailing))
	assert.Equal(t, exitUsage, code, "text after the final state")
	assert.Contains(t, errs, "line ")
}
