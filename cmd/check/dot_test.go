package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/protocols"
)

// dotGraph is what a test reads back from a -dot file.
type dotGraph struct {
	text             string
	nodes, edges     int
	redEdges, self   int
	initial, deadEnd int
}

var (
	dotNode = regexp.MustCompile(`(?m)^  n\d+ \[label="(?:[^"\\]|\\.)*", style="[a-z,]+"(, [a-z]+=(?:"[^"]*"|\d+))*\];$`)
	dotEdge = regexp.MustCompile(`(?m)^  n(\d+) -> n(\d+) \[label="(?:[^"\\]|\\.)*"(, [a-z]+=(?:"[^"]*"|[\d.]+))*\];$`)
)

// runDot runs `check run` with -dot and parses the file it writes.
func runDot(t *testing.T, wantCode int, args ...string) dotGraph {
	t.Helper()
	name := filepath.Join(t.TempDir(), "g.dot")
	code, out, errs := runCLI(t, append(append([]string{"run"}, args...), "-quiet", "-dot", name)...)
	require.Equal(t, wantCode, code, "stdout:\n%s\nstderr:\n%s", out, errs)
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	g := dotGraph{text: string(data)}
	g.nodes = len(dotNode.FindAllString(g.text, -1))
	for _, m := range dotEdge.FindAllStringSubmatch(g.text, -1) {
		g.edges++
		if m[1] == m[2] {
			g.self++
		}
		if strings.Contains(m[0], "penwidth=2.5") {
			g.redEdges++
		}
	}
	g.initial = strings.Count(g.text, "peripheries=2")
	g.deadEnd = strings.Count(g.text, "(deadlock)")
	lines := strings.Count(g.text, "\n")
	require.Equal(t, lines, g.nodes+g.edges+5, "every line is a node, an edge or one of the 5 others:\n%s", g.text)
	assert.Contains(t, errs, "wrote "+name)
	return g
}

// counts runs `check run -json` and returns its distinct states and
// successors generated: the graph's nodes and edges.
func counts(t *testing.T, args ...string) (distinct, generated int) {
	t.Helper()
	_, out, _ := runCLI(t, append(append([]string{"run"}, args...), "-json", "-quiet")...)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	return int(rep.DistinctStates), int(rep.GeneratedSuccessors)
}

func TestDotCounter(t *testing.T) {
	g := runDot(t, exitOK, "testcounter", "-n", "3")
	assert.Equal(t, 16, g.nodes, "(n+1)^2 states")
	assert.Equal(t, 24, g.edges, "2n(n+1) increments")
	assert.Equal(t, 1, g.initial)
	assert.Zero(t, g.redEdges, "no counterexample, nothing in red")
	d, gen := counts(t, "testcounter", "-n", "3")
	assert.Equal(t, d, g.nodes, "a node per distinct state of the run")
	assert.Equal(t, gen, g.edges, "an edge per successor the run generated")
}

func TestDotHighlightsTheCounterexample(t *testing.T) {
	g := runDot(t, exitViolation, "testcounter", "-variant", "bug", "-n", "3")
	assert.Equal(t, 16, g.nodes)
	assert.Equal(t, 3, g.redEdges, "the 3 steps of the shortest counterexample")
	assert.Contains(t, g.text, `in red: the counterexample to \"bounded\", 3 steps`)
	assert.Contains(t, g.text, `label="1. inc a"`)
	assert.Equal(t, 1, strings.Count(g.text, `fillcolor="#ffd6d6"`), "the violating state is filled")
}

func TestDotLasso(t *testing.T) {
	g := runDot(t, exitViolation, "testticker", "-n", "3")
	assert.Equal(t, 3, g.nodes)
	assert.Equal(t, 3, g.redEdges, "the loop's steps")
	assert.Contains(t, g.text, "looping back to step 0")
	assert.Contains(t, g.text, "(the loop starts here)")
}

func TestDotTwoPC(t *testing.T) {
	g := runDot(t, exitOK, "twopc", "-n", "1")
	d, gen := counts(t, "twopc", "-n", "1")
	assert.Equal(t, d, g.nodes)
	assert.Equal(t, gen, g.edges)
	assert.Contains(t, g.text, `p0(coordinator)=WAIT timers=vote\l`)

	g = runDot(t, exitViolation, "twopc", "-n", "1", "-variant", "ready-aborts")
	assert.Positive(t, g.redEdges)
	assert.Contains(t, g.text, `in red: the counterexample to \"atomicity\"`)
}

func TestDotSymmetryDrawsOrbits(t *testing.T) {
	g := runDot(t, exitOK, "twophase", "-n", "3", "-symmetry")
	d, _ := counts(t, "twophase", "-n", "3", "-symmetry")
	full, _ := counts(t, "twophase", "-n", "3")
	assert.Equal(t, d, g.nodes, "one node per orbit")
	assert.Less(t, g.nodes, full)
}

func TestDotRefusesALargeGraph(t *testing.T) {
	name := filepath.Join(t.TempDir(), "g.dot")
	code, out, errs := runCLI(t, "run", "testcounter", "-n", "50", "-dot", name)
	assert.Equal(t, exitUsage, code, "stdout: %s", out)
	assert.Contains(t, errs, "-dot: protocols: state graph too large to draw: more than 2000 states")
	assert.Empty(t, out, "refused before the run")
	assert.NoFileExists(t, name)
	assert.Equal(t, 2000, protocols.MaxGraphStates, "the documented limit")

	g := runDot(t, exitIncomplete, "testcounter", "-n", "50", "-max-depth", "3")
	assert.Equal(t, 1+2+3+4, g.nodes, "a depth bound draws the first levels")
	assert.Contains(t, g.text, "(not expanded)")
	assert.Contains(t, g.text, "partial: ")
}
