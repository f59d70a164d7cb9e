package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/protocols"
)

// saveJSON runs the CLI with -o x.json and returns the file's path and
// its parsed JSON form.
func saveJSON(t *testing.T, args ...string) (string, *counterexamples.JSONTrace) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "x.json")
	code, out, errs := runCLI(t, append(append([]string{"run"}, args...), "-o", name)...)
	require.Equal(t, exitViolation, code, "stdout:\n%s\nstderr:\n%s", out, errs)
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.True(t, counterexamples.IsJSON(data), "-o x.json writes the JSON form:\n%s", data)
	var jt counterexamples.JSONTrace
	require.NoError(t, json.Unmarshal(data, &jt))
	return name, &jt
}

func TestJSONTraceSavedAndReplayed(t *testing.T) {
	name, jt := saveJSON(t, "testcounter", "-variant", "bug", "-n", "3")
	_, text := saveTrace(t, "testcounter", "-variant", "bug", "-n", "3")
	assert.Equal(t, "testcounter", jt.Protocol)
	assert.Equal(t, "bounded", jt.Property)
	assert.Equal(t, "check replay "+filepath.ToSlash(name), jt.Replay)
	assert.Contains(t, text, "path "+counterexamples.FormatPath(jt.Path)+"\n", "both forms carry the same path")
	require.Len(t, jt.Steps, 4)
	assert.Equal(t, "inc a", jt.Steps[1].Action)
	assert.Contains(t, jt.Steps[1].State, counterexamples.JSONField{Name: "A", Value: "1", Changed: true})

	code, out, errs := runCLI(t, "replay", name)
	assert.Equal(t, exitViolation, code, "stderr: %s", errs)
	assert.Contains(t, out, `reproduced: "bounded" (always) after 3 steps`)
	assert.Contains(t, out, "   3  inc ", "the replay prints the text form")
}

func TestJSONTraceLasso(t *testing.T) {
	name, jt := saveJSON(t, "testticker", "-n", "3")
	assert.GreaterOrEqual(t, jt.Loop, 0, "a lasso's loop start is in the JSON form")
	code, out, errs := runCLI(t, "replay", "-q", name)
	assert.Equal(t, exitViolation, code, "stderr: %s", errs)
	assert.Contains(t, out, "closes, and the predicate never holds")
}

func TestJSONTraceReplayChecks(t *testing.T) {
	cases := []struct {
		name, old, new string
		code           int
		msg            string
	}{
		{"label", `"action": "inc a"`, `"action": "inc z"`, exitUsage, `the file says "inc z" but the model now takes "inc a"`},
		{"variant", `"variant": "bug"`, `"variant": "ok"`, exitOK, "does not reproduce"},
		{"property", `"property": "bounded"`, `"property": "unbounded"`, exitUsage, `no property "unbounded"`},
		{"syntax", `"path"`, `"pat"`, exitUsage, `unknown field "pat"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name, _ := saveJSON(t, "testcounter", "-variant", "bug")
			data, err := os.ReadFile(name)
			require.NoError(t, err)
			require.Contains(t, string(data), c.old)
			require.NoError(t, os.WriteFile(name, []byte(strings.Replace(string(data), c.old, c.new, 1)), 0o644))
			code, out, errs := runCLI(t, "replay", "-q", name)
			assert.Equal(t, c.code, code, "stdout: %s\nstderr: %s", out, errs)
			assert.Contains(t, out+errs, c.msg)
		})
	}
}

func TestJSONOutputHasTheTrace(t *testing.T) {
	code, out, errs := runCLI(t, "run", "testcounter", "-variant", "bug", "-json")
	require.Equal(t, exitViolation, code, "stderr: %s", errs)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Len(t, rep.Violations, 1)
	v := rep.Violations[0]
	require.NotNil(t, v.Trace, "-json carries the violation's trace")
	assert.Equal(t, v.Path, v.Trace.Path)
	require.Len(t, v.Trace.Steps, len(v.Actions)+1)
	for i, a := range v.Actions {
		assert.Equal(t, a, v.Trace.Steps[i+1].Action)
	}
	assert.NotEmpty(t, v.Trace.Steps[0].State, "every step carries its state")

	// The embedded trace is a trace file: replaying it gives the verdict.
	data, err := json.Marshal(v.Trace)
	require.NoError(t, err)
	f, err := counterexamples.ParseJSON(bytes.NewReader(data))
	require.NoError(t, err)
	code, msg, err := replayParsed(f, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, exitViolation, code, msg)
}

// TestSavedTracesReplayAsJSON converts every saved trace to the JSON form
// (through its replayed states) and requires the JSON file to replay with
// the same exit code and verdict as the text file.
func TestSavedTracesReplayAsJSON(t *testing.T) {
	files, err := counterexamples.SavedTraces(savedTraces)
	require.NoError(t, err)
	require.NotEmpty(t, files)
	dir := t.TempDir()
	for _, path := range files {
		rel, _ := filepath.Rel(savedTraces, path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			f, err := counterexamples.Load(path)
			require.NoError(t, err)
			e, err := protocols.Lookup(f.Header.Protocol)
			require.NoError(t, err)
			inst, err := e.Build(f.Header.Params.Config)
			require.NoError(t, err)
			tr, err := inst.Replay(f.Trace.Path)
			require.NoError(t, err)
			tr.Loop = f.Trace.Loop
			name := filepath.Join(dir, strings.ReplaceAll(rel, string(filepath.Separator), "-")+".json")
			require.NoError(t, counterexamples.Save(name, &counterexamples.File{Header: f.Header, Trace: *tr}))

			wantCode, wantMsg, err := replayFile(path, io.Discard)
			require.NoError(t, err)
			code, msg, err := replayFile(name, io.Discard)
			require.NoError(t, err)
			assert.Equal(t, wantCode, code)
			assert.Equal(t, wantMsg, msg)
			g, err := counterexamples.Load(name)
			require.NoError(t, err)
			assert.Equal(t, f.Final, g.Final, "the JSON form's final state is the text form's")
		})
	}
}
