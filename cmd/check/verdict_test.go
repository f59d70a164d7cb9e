package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
)

// TestUndecidedIsNotSuccess: an engine that does not check some selected
// property ends with exit 3 and says which ones it did not check, never
// exit 0 (item 1 of the catalogue issue).
func TestUndecidedIsNotSuccess(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"liveness engine on safety", []string{"run", "twophase", "-variant", "buggy-early-commit", "-engine", "liveness"},
			exitIncomplete, `NOT CHECKED by liveness: "consistent"`},
		{"dfs on liveness", []string{"run", "twopc", "-variant", "coordinator-never-recovers", "-engine", "dfs"},
			exitIncomplete, `NOT CHECKED by dfs: "every participant eventually decides"`},
		{"liveness only selected", []string{"run", "twopc", "-variant", "coordinator-never-recovers", "-engine", "liveness", "-props", "liveness"},
			exitViolation, "VIOLATED: 1 of 1 properties failed"},
		{"dfs, safety selected", []string{"run", "twopc", "-n", "2", "-engine", "dfs", "-props", "safety"},
			exitOK, "verified: all 6 properties hold"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, append(c.args, "-quiet")...)
			assert.Equal(t, c.code, code, "stdout:\n%s\nstderr:\n%s", out, errs)
			assert.Contains(t, out, c.want)
			if code != exitOK {
				assert.NotContains(t, out, "verified")
			}
		})
	}
}

// TestPropsSelects: -props chooses what is checked and reported, by name
// or kind; "safety" skips the liveness pass.
func TestPropsSelects(t *testing.T) {
	props := func(args ...string) (int, []string, string) {
		code, out, _ := runCLI(t, append([]string{"run", "twopc", "-n", "2", "-json"}, args...)...)
		var rep struct {
			Engine     string `json:"engine"`
			Properties []struct {
				Name string `json:"name"`
			} `json:"properties"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
		var names []string
		for _, p := range rep.Properties {
			names = append(names, p.Name)
		}
		return code, names, rep.Engine
	}
	code, names, engine := props("-props", "safety")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, []string{"atomicity", "validity", "decision stable", "commit reachable", "abort reachable", "deadlock free"}, names)
	assert.Equal(t, "bfs", engine, "no liveness pass when no liveness property is selected")

	code, names, engine = props("-props", "liveness")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, []string{"every participant eventually decides"}, names)
	assert.Equal(t, "bfs+liveness", engine)

	code, names, _ = props("-props", "validity,atomicity", "-variant", "ready-aborts")
	assert.Equal(t, exitViolation, code, "ready-aborts breaks atomicity")
	assert.Equal(t, []string{"atomicity", "validity"}, names, "reported in model order")
}

// TestStutter: under the default semantics a behaviour ends only where no
// step is enabled, so "eventually 1" holds on 0 -> 1; under TLA+'s
// (-stutter) the behaviour may stop at 0, where no fair step is enabled.
// The saved trace records the semantics and replays under it.
func TestStutter(t *testing.T) {
	code, out, _ := runCLI(t, "run", "teststep", "-quiet")
	require.Equal(t, exitOK, code, out)
	dir := t.TempDir()
	file := filepath.Join(dir, "s.trace")
	code, out, _ = runCLI(t, "run", "teststep", "-stutter", "-quiet", "-o", file)
	require.Equal(t, exitViolation, code, out)
	assert.Contains(t, out, "stutters forever")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(data), "# params:    variant=default symmetry=false stutter=true\n")
	assert.Contains(t, string(data), "# reproduce: check run teststep -stutter\n")
	code, out, errs := runCLI(t, "replay", "-q", file)
	assert.Equal(t, exitViolation, code, "%s%s", out, errs)
}

// TestExpectTip: a complete in-memory run of a million states or more,
// without -expect, suggests its own count for next time; a smaller,
// incomplete, sized, disk or random run does not.
func TestExpectTip(t *testing.T) {
	big := &explore.Result{Engine: "bfs+liveness", Complete: true, Distinct: 3_883_094}
	assert.Equal(t, "-expect 3883094 sizes the visited set for this count up front next time (no pauses to grow it)",
		expectTip(explore.Options{}, big))
	for _, c := range []struct {
		opts explore.Options
		res  explore.Result
	}{
		{explore.Options{}, explore.Result{Engine: "bfs", Complete: true, Distinct: tipStates - 1}},
		{explore.Options{}, explore.Result{Engine: "bfs", Complete: false, Distinct: 5 * tipStates}},
		{explore.Options{Expect: 10}, explore.Result{Engine: "bfs", Complete: true, Distinct: 5 * tipStates}},
		{explore.Options{}, explore.Result{Engine: "disk", Complete: true, Distinct: 5 * tipStates}},
		{explore.Options{}, explore.Result{Engine: "random", Complete: true, Distinct: 5 * tipStates}},
	} {
		assert.Empty(t, expectTip(c.opts, &c.res), "%+v", c)
	}
}
