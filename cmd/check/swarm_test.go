package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cliEnv, set to 1, makes TestCLIProcess run the CLI.
const cliEnv = "PROTOCHECK_TEST_CLI"

// TestCLIProcess is not a test: started by cliCommand in a child process,
// it is the CLI (run), with this package's test protocols registered,
// which a binary built with go build would not have.
func TestCLIProcess(t *testing.T) {
	if os.Getenv(cliEnv) != "1" {
		t.Skip("the CLI for child processes (cliCommand)")
	}
	args := os.Args
	if i := slices.Index(args, "--"); i >= 0 {
		args = args[i+1:]
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// cliCommand returns a command that runs the CLI with args in a child
// process, in childEnv(env...).
func cliCommand(env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestCLIProcess$", "--"}, args...)...)
	cmd.Env = childEnv(env...)
	return cmd
}

// childEnv is this environment less any shard index, with cliEnv set, plus
// extra.
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(shardIndexEnv, name) && name != cliEnv {
			env = append(env, kv)
		}
	}
	return append(append(env, cliEnv+"=1"), extra...)
}

// exitOf returns a finished command's exit code.
func exitOf(t *testing.T, err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	require.NoError(t, err)
	return 0
}

// TestSwarmOfProcesses runs a swarm of four shards as concurrent processes
// on testlock, whose bug a uniform random walk finds about 6 times in
// 10,000, merges their reports, and replays the merged counterexample.
// Each shard gets its index another way: the flag, a Kubernetes Indexed
// Job's variable, a Slurm array's.
func TestSwarmOfProcesses(t *testing.T) {
	dir := t.TempDir()
	shards := []struct {
		shard, env string
	}{{"0/4", ""}, {"4", "JOB_COMPLETION_INDEX=1"}, {"4", "SLURM_ARRAY_TASK_ID=2"}, {"3/4", ""}}
	names := make([]string, len(shards))
	codes := make([]int, len(shards))
	var stderr [4]bytes.Buffer
	var wg sync.WaitGroup
	for i, sh := range shards {
		names[i] = filepath.Join(dir, "shard-"+string(rune('0'+i))+".json")
		cmd := cliCommand(strings.Fields(sh.env), "run", "testlock", "-engine", "random", "-shard", sh.shard,
			"-walks", "300", "-workers", "1", "-report", names[i], "-quiet")
		cmd.Stderr = &stderr[i]
		require.NoError(t, cmd.Start())
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = exitOf(t, cmd.Wait())
		}()
	}
	wg.Wait()
	var reports []shardJSON
	shortest := -1
	for i, name := range names {
		require.Contains(t, []int{exitViolation, exitIncomplete}, codes[i], "shard %d: %s", i, stderr[i].String())
		sf, err := readShard(name)
		require.NoError(t, err)
		want := shardID{Index: i, Count: 4, IndexFrom: "flag"}
		if sh := shards[i].env; sh != "" {
			want.IndexFrom, _, _ = strings.Cut(sh, "=")
		}
		assert.Equal(t, want, sf.r.Shard)
		assert.Equal(t, codes[i], sf.r.ExitCode)
		for _, c := range sf.r.Counterexamples {
			if shortest < 0 || c.TraceLength < shortest {
				shortest = c.TraceLength
			}
		}
		t.Logf("shard %d/4: greed %.1f, %d states, %d counterexamples", i, sf.r.Plan.Greed, sf.r.StatesCovered, len(sf.r.Counterexamples))
		reports = append(reports, sf.r)
	}
	require.Positive(t, shortest, "some shard opened the lock")

	// Shards differ: their seeds, step preferences and the states covered.
	for i := range reports {
		for j := range i {
			assert.NotEqual(t, reports[i].Plan.WalkSeed, reports[j].Plan.WalkSeed)
			assert.NotEqual(t, reports[i].Plan.StepOrder, reports[j].Plan.StepOrder)
			assert.NotEqual(t, readFingerprintFile(t, fingerprintsName(names[i])), readFingerprintFile(t, fingerprintsName(names[j])))
		}
	}

	// The merge finds the bug, reports the shortest counterexample of any
	// shard, and saves it as a trace that check replay reproduces.
	trace := filepath.Join(dir, "lock.trace")
	rev := slices.Clone(names)
	slices.Reverse(rev)
	code, out, errs := runCLI(t, append([]string{"merge", "-o", trace}, rev...)...)
	require.Equal(t, exitViolation, code, errs)
	assert.Contains(t, out, `VIOLATED  "shut" (always)`)
	assert.Contains(t, out, "VIOLATED: 1 of 2 properties failed in 4 shards (1200 random walks)")
	_, m := mergeJSONOf(t, names...)
	require.Len(t, m.Counterexamples, 1)
	assert.Equal(t, shortest, m.Counterexamples[0].TraceLength)
	code, out, _ = runCLI(t, "replay", "-q", trace)
	assert.Equal(t, exitViolation, code)
	assert.Contains(t, out, `reproduced: "shut" (always) after`)

	// No counterexample is shorter than BFS's shortest.
	code, out, _ = runCLI(t, "run", "testlock", "-props", "shut", "-json")
	require.Equal(t, exitViolation, code)
	var bfs jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &bfs))
	assert.GreaterOrEqual(t, shortest, bfs.Violations[0].TraceLength)

	// The same shard gives the same report: shard 1 again, its index from
	// the flag and on two workers.
	again := filepath.Join(dir, "again.json")
	cmd := cliCommand(nil, "run", "testlock", "-engine", "random", "-shard", "1/4", "-walks", "300", "-workers", "2", "-report", again, "-quiet")
	require.Contains(t, []int{exitViolation, exitIncomplete}, exitOf(t, cmd.Run()))
	sf, err := readShard(again)
	require.NoError(t, err)
	a, b := reports[1], sf.r
	for _, r := range []*shardJSON{&a, &b} {
		r.ElapsedSeconds, r.Workers, r.Shard.IndexFrom, r.Fingerprints = 0, 0, "", nil
	}
	assert.Equal(t, a, b)
	assert.Equal(t, readFingerprintFile(t, fingerprintsName(names[1])), readFingerprintFile(t, fingerprintsName(again)))
}

// TestOneWalkRarelyOpensTheLock backs the claim above: of 400 single
// uniform walks, few open testlock.
func TestOneWalkRarelyOpensTheLock(t *testing.T) {
	opened := 0
	for seed := range 400 {
		code, _, _ := runCLI(t, "run", "testlock", "-engine", "random", "-walks", "1", "-seed", jsonNum(uint64(seed)), "-props", "shut", "-quiet")
		if code == exitViolation {
			opened++
		}
	}
	assert.LessOrEqual(t, opened, 4, "at most 1%% of single walks open the lock")
}

// TestSwarmOfBuiltBinaries runs the binary go build makes (main, not this
// test binary) as a swarm on a catalogue bug: twopc's ready-aborts, which
// the plain random walk of shard 0 first meets at walk 50.
func TestSwarmOfBuiltBinaries(t *testing.T) {
	if testing.Short() {
		t.Skip("go build takes up to a minute on a busy machine")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "check")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	var names []string
	var wg sync.WaitGroup
	codes := make([]int, 4)
	for i := range 4 {
		names = append(names, filepath.Join(dir, "shard-"+string(rune('0'+i))+".json"))
		cmd := exec.Command(bin, "run", "twopc", "-variant", "ready-aborts", "-engine", "random", "-shard", "4",
			"-walks", "100", "-workers", "1", "-report", names[i], "-quiet")
		cmd.Env = childEnv("JOB_COMPLETION_INDEX=" + string(rune('0'+i)))
		require.NoError(t, cmd.Start())
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = exitOf(t, cmd.Wait())
		}()
	}
	wg.Wait()
	for i, c := range codes {
		require.Contains(t, []int{exitViolation, exitIncomplete}, c, "shard %d", i)
	}
	trace := filepath.Join(dir, "twopc.trace")
	cmd := exec.Command(bin, append([]string{"merge", "-o", trace}, names...)...)
	out, err = cmd.Output()
	require.Equal(t, exitViolation, exitOf(t, err), "%s", out)
	assert.Contains(t, string(out), `VIOLATED  "atomicity" (always)`)
	out, err = exec.Command(bin, "replay", "-q", trace).Output()
	assert.Equal(t, exitViolation, exitOf(t, err))
	assert.Contains(t, string(out), `reproduced: "atomicity" (always)`)
}
