package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runShards runs shards of a swarm in this process and returns their
// report files.
func runShards(t *testing.T, dir string, shards []string, args ...string) []string {
	t.Helper()
	var names []string
	for _, sh := range shards {
		name := filepath.Join(dir, "shard-"+strings.ReplaceAll(sh, "/", "of")+".json")
		full := append([]string{"run"}, args...)
		full = append(full, "-engine", "random", "-shard", sh, "-report", name, "-quiet")
		code, _, errs := runCLI(t, full...)
		require.Contains(t, []int{exitViolation, exitIncomplete}, code, errs)
		names = append(names, name)
	}
	return names
}

// mergeJSONOf runs check merge -json.
func mergeJSONOf(t *testing.T, args ...string) (int, mergeJSON) {
	t.Helper()
	code, out, errs := runCLI(t, append([]string{"merge", "-json"}, args...)...)
	var m mergeJSON
	require.NoError(t, json.Unmarshal([]byte(out), &m), "stdout %q, stderr %q", out, errs)
	return code, m
}

func TestMergeNoViolationIsNotVerified(t *testing.T) {
	dir := t.TempDir()
	names := runShards(t, dir, []string{"0/2", "1/2"}, "testcounter", "-walks", "5")
	trace := filepath.Join(dir, "x.trace")
	code, out, errs := runCLI(t, append([]string{"merge", "-o", trace}, names...)...)
	assert.Equal(t, exitIncomplete, code)
	assert.Contains(t, out, "no violation found in 2 shards (10 random walks): random search is not exhaustive, nothing is verified")
	assert.Contains(t, out, `undecided "bounded" (always): no violation found in 2 shards`)
	assert.Contains(t, out, `witnessed "both move" (sometimes): in 2 of 2 shards`)
	assert.NotContains(t, out, "verified:")
	assert.Contains(t, errs, "no counterexample: -o wrote nothing")
	assert.NoFileExists(t, trace)
}

// TestMergeTieBreak: every walk of testcounter's bug variant fails after
// three steps, so shards tie on length; the merge takes the smallest index
// path, whatever the order of its arguments.
func TestMergeTieBreak(t *testing.T) {
	dir := t.TempDir()
	names := runShards(t, dir, []string{"0/4", "1/4", "2/4", "3/4"}, "testcounter", "-variant", "bug", "-n", "3", "-walks", "2")
	var paths [][]int
	for _, n := range names {
		sf, err := readShard(n)
		require.NoError(t, err)
		require.Len(t, sf.r.Counterexamples, 1)
		paths = append(paths, sf.r.Counterexamples[0].Path)
	}
	require.Greater(t, len(slices.CompactFunc(slices.Clone(paths), slices.Equal[[]int])), 1, "the shards found different paths")
	want := slices.MinFunc(paths, slices.Compare[[]int])

	code, a := mergeJSONOf(t, names...)
	require.Equal(t, exitViolation, code)
	rev := slices.Clone(names)
	slices.Reverse(rev)
	_, b := mergeJSONOf(t, rev...)
	assert.Equal(t, a, b, "the merge does not depend on the order of its arguments")
	require.Len(t, a.Counterexamples, 1)
	assert.Equal(t, want, a.Counterexamples[0].Path)
	assert.Equal(t, "bounded", a.Shortest)
	assert.Equal(t, 1, a.ExitCode)
}

func TestMergeRefusesMixedOrBadReports(t *testing.T) {
	dir := t.TempDir()
	a := runShards(t, dir, []string{"0/2"}, "testlock", "-walks", "50")
	b := runShards(t, filepath.Join(dir, "n6"), []string{"1/2"}, "testlock", "-n", "6", "-walks", "50")
	copyOf := filepath.Join(dir, "copy.json")
	data, err := os.ReadFile(a[0])
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(copyOf, data, 0o644))
	trace := filepath.Join(dir, "t.trace")
	code, _, _ := runCLI(t, "run", "testcounter", "-variant", "bug", "-o", trace)
	require.Equal(t, exitViolation, code)

	cases := []struct {
		args []string
		err  string
	}{
		{nil, "want the reports of one or more shards"},
		{[]string{a[0], b[0]}, "are not shards of one search: config"},
		{[]string{a[0], copyOf}, "are the same shard (0/2, -seed 0): it would count twice"},
		{[]string{trace}, "not a shard report"},
		{[]string{filepath.Join(dir, "none.json")}, "no such file"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, append([]string{"merge"}, c.args...)...)
		assert.Equal(t, exitUsage, code, "%q", c.args)
		assert.Contains(t, errs, c.err, "%q", c.args)
	}
}

// TestMergeReplaysCounterexamples: a report whose counterexample does not
// replay, or no longer fails, is bad input, not a violation.
func TestMergeReplaysCounterexamples(t *testing.T) {
	dir := t.TempDir()
	names := runShards(t, dir, []string{"3/4"}, "testlock", "-walks", "20")
	sf, err := readShard(names[0])
	require.NoError(t, err)
	require.Len(t, sf.r.Counterexamples, 1, "a greedy shard opens the lock in 20 walks")
	edit := func(change func(c *shardViolation)) string {
		r := sf.r
		r.Counterexamples = []shardViolation{r.Counterexamples[0]}
		c := &r.Counterexamples[0]
		c.Path, c.Actions = slices.Clone(c.Path), slices.Clone(c.Actions)
		change(c)
		name := filepath.Join(dir, fmt.Sprintf("edit%d.json", len(c.Actions)))
		data, err := json.Marshal(r)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(name, data, 0o644))
		return name
	}
	relabel := edit(func(c *shardViolation) { c.Actions[0] = "press 9" })
	code, _, errs := runCLI(t, "merge", relabel)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "does not replay")
	short := edit(func(c *shardViolation) { c.Path, c.Actions, c.TraceLength = c.Path[:3], c.Actions[:2], 2 })
	code, _, errs = runCLI(t, "merge", short)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "does not reproduce")
}

func TestMergeCoverage(t *testing.T) {
	dir := t.TempDir()
	names := runShards(t, dir, []string{"0/3", "2/3"}, "testlock", "-walks", "200")
	code, m := mergeJSONOf(t, names...)
	require.Equal(t, exitViolation, code)
	require.NotNil(t, m.States.Union, m.States.Note)
	union := map[uint64]bool{}
	var sum int64
	for _, n := range names {
		fps := readFingerprintFile(t, fingerprintsName(n))
		sum += int64(len(fps))
		for _, fp := range fps {
			union[fp] = true
		}
	}
	assert.EqualValues(t, len(union), *m.States.Union, "the k-way merge counts what a map counts")
	assert.Equal(t, sum, m.States.Sum)
	assert.Less(t, *m.States.Union, m.States.Sum, "walks from one initial state overlap")
	assert.Equal(t, []shardGroup{{Count: 3, Seed: 0, Indices: []int{0, 2}, Missing: []int{1}}}, m.Swarms)
	code, out, _ := runCLI(t, append([]string{"merge"}, names...)...)
	require.Equal(t, exitViolation, code)
	assert.Contains(t, out, "shards 0,2 of 3 (-seed 0); MISSING 1")

	// Without a fingerprint file the count is a bound, and says so.
	require.NoError(t, os.Remove(fingerprintsName(names[1])))
	_, m = mergeJSONOf(t, names...)
	assert.Nil(t, m.States.Union)
	assert.Contains(t, m.States.Note, "no such file")
	code, out, _ = runCLI(t, append([]string{"merge"}, names...)...)
	require.Equal(t, exitViolation, code)
	assert.Contains(t, out, fmt.Sprintf("at most %d distinct states covered (the sum over shards, an upper bound of their union", sum))
}

// readFingerprintFile reads a fingerprint file naively, for cross-checks.
func readFingerprintFile(t *testing.T, name string) []uint64 {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	header, body, ok := strings.Cut(string(data), "\n")
	require.True(t, ok)
	require.True(t, strings.HasPrefix(header, fingerprintsMagic+" "))
	require.Zero(t, len(body)%8)
	var out []uint64
	for i := 0; i < len(body); i += 8 {
		var v uint64
		for k := 7; k >= 0; k-- {
			v = v<<8 | uint64(body[i+k])
		}
		out = append(out, v)
	}
	assert.Equal(t, header, fmt.Sprintf("%s %d", fingerprintsMagic, len(out)))
	return out
}
