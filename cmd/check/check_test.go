package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

// runCLI runs the command with args and returns the exit code, stdout and
// stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		out  string // expected in stdout
	}{
		{"verified", []string{"run", "testcounter", "-n", "3"}, exitOK, "verified: all 2 properties hold"},
		{"flags first", []string{"run", "-n", "3", "-variant", "ok", "testcounter"}, exitOK, "verified"},
		{"violation", []string{"run", "testcounter", "-variant", "bug"}, exitViolation, "VIOLATED: 1 of"},
		{"dfs violation", []string{"run", "testcounter", "-variant", "bug", "-engine", "dfs"}, exitViolation, "VIOLATED"},
		{"limit", []string{"run", "testcounter", "-n", "100", "-max-states", "20"}, exitIncomplete, "INCOMPLETE"},
		{"expect", []string{"run", "testcounter", "-n", "3", "-expect", "10M"}, exitOK, "verified: all 2 properties hold"},
		{"random", []string{"run", "testcounter", "-engine", "random", "-walks", "10", "-seed", "7"}, exitIncomplete, "INCOMPLETE"},
		{"liveness lasso", []string{"run", "testticker", "-engine", "liveness"}, exitViolation, "-- loop starts here --"},
		{"bfs checks liveness", []string{"run", "testticker"}, exitViolation, "engine:     bfs+liveness"},
		{"decided early", []string{"run", "testreach"}, exitOK, "all 1 properties hold (decided before"},
		{"help", []string{"help"}, exitOK, "usage:"},
		{"run help", []string{"run", "-h"}, exitOK, "-max-states"},
		{"list", []string{"list"}, exitOK, "testcounter — test only: two counters"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, c.args...)
			assert.Equal(t, c.code, code, "exit code; stdout:\n%s\nstderr:\n%s", out, errs)
			assert.Contains(t, out, c.out)
			if code == exitIncomplete {
				assert.NotContains(t, out, "verified", "an incomplete run is never called verified")
			}
		})
	}
}

func TestViolationReport(t *testing.T) {
	code, out, _ := runCLI(t, "run", "testcounter", "-variant", "bug", "-quiet")
	require.Equal(t, exitViolation, code)
	assert.Contains(t, out, `VIOLATED  "bounded" (always)`)
	assert.Contains(t, out, `shortest counterexample: "bounded", 3 steps`)
	assert.Contains(t, out, "# reproduce: check run testcounter -variant bug\n")
	assert.Contains(t, out, "   1  inc a\n        A=1\n")
	assert.Contains(t, out, "collision probability")
}

func TestListShowsEverything(t *testing.T) {
	code, out, _ := runCLI(t, "list", "testcounter", "testticker", "twopc")
	require.Equal(t, exitOK, code)
	for _, want := range []string{
		"  -n        counter limit          default 2, 1..2000\n",
		"  -network  fifo, unordered\n",
		"  -faults   drop (kind=count,...)\n",
		"    ok (default)  must verify             n=2 network=fifo faults=none\n      bounded holds\n",
		"    bug           must violate \"bounded\"  n=2 network=fifo faults=none\n",
		"      bounded fails\n",
		"    \"bounded\"    always\n    \"both move\"  sometimes\n",
		"    \"reaches n\"  eventually\n",
		// twopc: each variant's own faults and size, the deadlock check, symmetry
		"    coordinator-never-recovers  must violate \"every participant eventually decides\"  n=2 network=unordered faults=crash=1\n",
		"    \"deadlock free\"                         always\n",
		"  -symmetry  interchangeable participants\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "testcounter\n  -symmetry", "no symmetry where none is declared")
}

func TestListNames(t *testing.T) {
	code, out, _ := runCLI(t, "list", "-names")
	require.Equal(t, exitOK, code)
	names := strings.Fields(out)
	assert.Contains(t, names, "twophase")
	assert.Contains(t, names, "testcounter")
	assert.IsIncreasing(t, names, "sorted")
	code, _, _ = runCLI(t, "list", "-bogus")
	assert.Equal(t, exitUsage, code)
}

func TestBadUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		err  string
	}{
		{"no args", nil, "usage:"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown protocol", []string{"run", "testcountr"}, `unknown protocol "testcountr"; did you mean "testcounter"?`},
		{"no protocol", []string{"run", "-n", "2"}, "want one protocol"},
		{"two protocols", []string{"run", "testcounter", "testticker"}, "want one protocol"},
		{"bad flag", []string{"run", "testcounter", "-frob"}, "flag provided but not defined: -frob"},
		{"bad n", []string{"run", "testcounter", "-n", "x"}, `-n "x": not a whole number`},
		{"n out of range", []string{"run", "testcounter", "-n", "0"}, "-n 0 out of range 1..2000"},
		{"bad variant", []string{"run", "testcounter", "-variant", "nope"}, `-variant "nope": testcounter has variants ok, bug`},
		{"bad engine", []string{"run", "testcounter", "-engine", "magic"}, `-engine "magic"`},
		{"bad network", []string{"run", "testcounter", "-network", "carrier-pigeon"}, `-network "carrier-pigeon"`},
		{"bad fault kind", []string{"run", "testcounter", "-faults", "crash=1"}, `-faults crash: testcounter accepts drop`},
		{"bad fault syntax", []string{"run", "testcounter", "-faults", "drop=x"}, `-faults "drop=x"`},
		{"unknown fault", []string{"run", "testcounter", "-faults", "flood=1"}, `unknown fault kind "flood"`},
		{"no network", []string{"run", "testticker", "-network", "fifo"}, "testticker is not an actor model"},
		{"no faults", []string{"run", "testticker", "-faults", "drop=1"}, "testticker accepts no faults"},
		{"symmetry undeclared", []string{"run", "testcounter", "-symmetry"}, "testcounter declares no symmetry"},
		{"symmetry undeclared (actor)", []string{"run", "rpc", "-symmetry"}, "rpc declares no symmetry"},
		{"bad props", []string{"run", "testcounter", "-props", "bounded,nope"}, `no property "nope"`},
		{"props deadlock undeclared", []string{"run", "testcounter", "-props", "deadlock free"}, "declares no final states"},
		{"mem one byte", []string{"run", "testcounter", "-mem", "1"}, "below the smallest budget"},
		{"mem half", []string{"run", "testcounter", "-mem", "0.5"}, "below the smallest budget"},
		{"mem NaN", []string{"run", "testcounter", "-mem", "NaN"}, "is not a size"},
		{"unwritable -o", []string{"run", "testcounter", "-variant", "bug", "-o", "/dev/null/x.trace"}, "-o: "},
		{"unwritable -viz", []string{"run", "testcounter", "-variant", "bug", "-viz", "/dev/null/x.html"}, "-viz: "},
		{"unwritable -mermaid", []string{"run", "testcounter", "-variant", "bug", "-mermaid", "/dev/null/x.md"}, "-mermaid: "},
		{"seed without random", []string{"run", "testcounter", "-seed", "3"}, "-seed and -walks are for -engine random"},
		{"table unknown", []string{"table", "nope"}, `unknown table "nope"`},
		{"build error", []string{"run", "testcounter", "-faults", "drop=9"}, "at most 5 drops"},
		{"bad max-states", []string{"run", "testcounter", "-max-states", "lots"}, "-max-states"},
		{"bad expect", []string{"run", "testcounter", "-expect", "-5"}, "-expect"},
		{"expect on disk", []string{"run", "testcounter", "-expect", "1M", "-disk", "/tmp/x"}, "not with -disk"},
		{"bad mem", []string{"run", "testcounter", "-mem", "big"}, "-mem"},
		{"negative workers", []string{"run", "testcounter", "-workers", "-1"}, "-workers -1"},
		{"list unknown", []string{"list", "x"}, `unknown protocol "x"`},
		{"replay no file", []string{"replay"}, "want one trace file"},
		{"replay missing", []string{"replay", "/nonexistent/x.trace"}, "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, c.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, c.err)
		})
	}
}

func TestJSON(t *testing.T) {
	code, out, _ := runCLI(t, "run", "testcounter", "-variant", "bug", "-json", "-faults", "drop=1", "-workers", "1")
	require.Equal(t, exitViolation, code)
	var rep struct {
		Protocol string `json:"protocol"`
		Params   struct {
			Args    map[string]string `json:"args"`
			Variant string            `json:"variant"`
			Network string            `json:"network"`
			Faults  string            `json:"faults"`
			Line    string            `json:"line"`
		} `json:"params"`
		Engine     string   `json:"engine"`
		Workers    int      `json:"workers"`
		Complete   *bool    `json:"complete"`
		Distinct   int64    `json:"distinct_states"`
		Generated  int64    `json:"generated_successors"`
		TLCGen     int64    `json:"tlc_states_generated"`
		Initial    int64    `json:"initial_states"`
		Levels     int      `json:"bfs_levels"`
		MaxDepth   *int     `json:"max_depth_steps"`
		Elapsed    *float64 `json:"elapsed_seconds"`
		PeakRSS    *int64   `json:"peak_rss_bytes"`
		Rate       *float64 `json:"states_per_second"`
		Collision  *float64 `json:"collision_probability"`
		Properties []struct {
			Name, Expectation, Status string
		} `json:"properties"`
		Violations []struct {
			Property    string `json:"property"`
			TraceLength int    `json:"trace_length"`
			Path        []int  `json:"path"`
		} `json:"violations"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), "stdout is one JSON object:\n%s", out)
	assert.Equal(t, "testcounter", rep.Protocol)
	assert.Equal(t, map[string]string{"n": "2"}, rep.Params.Args)
	assert.Equal(t, "bug", rep.Params.Variant)
	assert.Equal(t, "fifo", rep.Params.Network)
	assert.Equal(t, "drop=1", rep.Params.Faults)
	assert.Equal(t, "variant=bug n=2 network=fifo faults=drop=1 symmetry=false", rep.Params.Line, "the trace header's params line")
	assert.EqualValues(t, 1, rep.Initial)
	assert.Equal(t, rep.Generated+1, rep.TLCGen, "TLC counts the initial states among the generated ones")
	require.NotNil(t, rep.MaxDepth)
	assert.Equal(t, *rep.MaxDepth+1, rep.Levels, "TLC's depth is the number of BFS levels")
	assert.Equal(t, "bfs", rep.Engine)
	assert.Equal(t, 1, rep.Workers)
	require.NotNil(t, rep.Complete, "complete is present (the engine may stop once every property is decided)")
	assert.Positive(t, rep.Distinct)
	assert.LessOrEqual(t, rep.Distinct, int64(9), "at most a 3x3 grid of counter states")
	assert.Positive(t, rep.Generated)
	for _, f := range []any{rep.MaxDepth, rep.Elapsed, rep.PeakRSS, rep.Rate, rep.Collision} {
		assert.NotNil(t, f, "every documented field is present")
	}
	require.Len(t, rep.Properties, 2)
	assert.Equal(t, "bounded", rep.Properties[0].Name)
	assert.Equal(t, "always", rep.Properties[0].Expectation)
	assert.Equal(t, "violated", rep.Properties[0].Status)
	require.Len(t, rep.Violations, 1)
	assert.Equal(t, "bounded", rep.Violations[0].Property)
	assert.Equal(t, 3, rep.Violations[0].TraceLength)
	assert.Len(t, rep.Violations[0].Path, 4)
}

func TestInterruptGivesPartialReport(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	old := baseContext
	baseContext = func() context.Context { return ctx }
	defer func() { baseContext = old }()
	code, out, errs := runCLI(t, "run", "testcounter", "-n", "1000")
	assert.Equal(t, exitIncomplete, code, "stdout:\n%s\nstderr:\n%s", out, errs)
	assert.Contains(t, out, "INCOMPLETE")
	assert.NotContains(t, out, "verified")
}

func TestNoFileWithoutO(t *testing.T) {
	t.Chdir(t.TempDir())
	code, _, _ := runCLI(t, "run", "testcounter", "-variant", "bug")
	require.Equal(t, exitViolation, code)
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	assert.Empty(t, entries, "a run without -o writes no file")
}

func TestDefaultTraceName(t *testing.T) {
	e, err := protocols.Lookup("testcounter")
	require.NoError(t, err)
	p := e.Info()
	assert.Equal(t, filepath.Join("counterexamples", "testcounter", "bounded-bug.trace"), defaultTraceName(p, "bounded", "bug"))
	assert.Equal(t, filepath.Join("counterexamples", "testcounter", "mutual-exclusion.trace"), defaultTraceName(p, "Mutual exclusion!", "ok"))
	assert.Equal(t, "no-panic", counterexamples.Slug(" no  panic "))
}

func TestOutAuto(t *testing.T) {
	t.Chdir(t.TempDir())
	code, _, errs := runCLI(t, "run", "testcounter", "-variant", "bug", "-o", "auto")
	require.Equal(t, exitViolation, code)
	name := filepath.Join("counterexamples", "testcounter", "bounded-bug.trace")
	assert.Contains(t, errs, "saved "+name)
	f, err := counterexamples.ParseFile(name)
	require.NoError(t, err)
	assert.Equal(t, "check replay counterexamples/testcounter/bounded-bug.trace", f.Header.Replay)
	assert.Equal(t, "check run testcounter -variant bug", f.Header.Reproduce)
}

func TestViz(t *testing.T) {
	dir := t.TempDir()
	html := filepath.Join(dir, "v.html")
	code, _, errs := runCLI(t, "run", "testcounter", "-variant", "bug", "-viz", html)
	require.Equal(t, exitViolation, code)
	assert.Contains(t, errs, "wrote "+html)
	data, err := os.ReadFile(html)
	require.NoError(t, err)
	assert.Regexp(t, `^<p>testcounter bounded: \{(1 2|2 1)\}</p>$`, string(data), "viz gets the violated property and the last state (a+b = 3)")

	none := filepath.Join(dir, "none.html")
	code, _, errs = runCLI(t, "run", "testcounter", "-viz", none)
	require.Equal(t, exitOK, code)
	assert.NoFileExists(t, none, "no violation, no view")
	assert.Contains(t, errs, "no counterexample: -viz wrote nothing")

	code, _, errs = runCLI(t, "run", "testticker", "-viz", none)
	require.Equal(t, exitViolation, code)
	assert.Contains(t, errs, "testticker has no HTML view: -viz wrote nothing")
}

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	assert.Nil(t, newProgress(&b, false, false), "no progress when stderr is not a terminal")
	assert.Nil(t, newProgress(&b, true, true), "-quiet wins")
	p := newProgress(&b, true, false)
	require.NotNil(t, p)
	p.report(explore.Progress{Generated: 12345, Distinct: 2_500_000, Queue: 7, Depth: 4, Elapsed: 2 * time.Second})
	p.done()
	assert.Equal(t, "states 12.3k  distinct 2.50M  queue 7  depth 4  1.25M/s  2s\n", b.String())
}

func TestMermaid(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "d.md")
	code, _, errs := runCLI(t, "run", "twopc", "-variant", "coordinator-never-recovers", "-quiet", "-mermaid", md)
	require.Equal(t, exitViolation, code)
	assert.Contains(t, errs, "wrote "+md)
	data, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(data), "```mermaid\nsequenceDiagram\n    participant p0 as p0(coordinator)\n")
	assert.Contains(t, string(data), "    loop forever\n", "the lasso's loop is boxed")

	code, _, errs = runCLI(t, "run", "testcounter", "-variant", "bug", "-mermaid", filepath.Join(dir, "x.md"))
	require.Equal(t, exitViolation, code)
	assert.Contains(t, errs, "not an actor step", "only actor traces have a sequence diagram")
}
