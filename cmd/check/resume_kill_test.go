package main

import (
	"bytes"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
)

// killRun is a checkpointed run killed with SIGKILL at seeded random
// moments and resumed until it finishes.
type killRun struct {
	cli      func(args ...string) *exec.Cmd // starts the CLI with args
	args     []string                       // check run's arguments, without -checkpoint
	dir      string                         // the checkpoint
	kills    int                            // SIGKILLs to deliver
	maxDelay time.Duration                  // a kill comes this long after the start at most (and a quarter of it at least)
	seed     uint64
}

// finish runs, kills and resumes until a session ends on its own, and
// returns its report, the kills that landed and how many sessions resumed
// a checkpoint.
func (k killRun) finish(t *testing.T) (rep diskReport, killed, resumed int) {
	rng := rand.New(rand.NewPCG(k.seed, 15))
	for {
		args := append(append([]string{"run"}, k.args...), "-checkpoint", k.dir, "-json", "-quiet")
		if _, err := explore.ReadCheckpoint(k.dir); err == nil {
			args = []string{"resume", k.dir, "-json", "-quiet"}
			resumed++
		}
		cmd := k.cli(args...)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		require.NoError(t, cmd.Start())
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var err error
		if killed < k.kills {
			// Not in the first quarter: a kill before the first checkpoint
			// would only restart the run.
			timer := time.NewTimer(k.maxDelay/4 + time.Duration(rng.Int64N(int64(k.maxDelay*3/4))))
			select {
			case err = <-done:
				timer.Stop()
			case <-timer.C:
				require.NoError(t, cmd.Process.Kill()) // SIGKILL on Unix
				<-done
				killed++
				continue
			}
		} else {
			err = <-done
		}
		code := exitOf(t, err)
		rep = parseReport(t, out.Bytes())
		require.Equal(t, rep.ExitCode, code, "%s", errOut.String())
		return rep, killed, resumed
	}
}

// checkKilled runs k and compares its result with an uninterrupted run in
// memory (the safety properties) and on disk.
func checkKilled(t *testing.T, k killRun) {
	mem := runJSON(t, exitViolation, append(append([]string{"run"}, k.args...), "-props", "safety")...)
	start := time.Now()
	disk := runJSON(t, exitViolation, append(append([]string{"run"}, k.args...), "-disk", t.TempDir())...)
	// The first kill must come before a session that starts from scratch
	// can end: kills come within 90% of the uninterrupted run's time at
	// most (a faster engine would otherwise outrun them all).
	k.maxDelay = min(k.maxDelay, time.Since(start)*9/10)
	got, killed, resumed := k.finish(t)
	t.Logf("%d SIGKILLs, %d sessions resumed a checkpoint; %d states", killed, resumed, got.Distinct)
	assert.Positive(t, killed, "a kill landed before the run ended")
	assert.Positive(t, resumed, "a kill came after a checkpoint")
	assert.Equal(t, disk, got, "the uninterrupted disk run's report")
	assert.Equal(t, mem.Distinct, got.Distinct)
	assert.Equal(t, mem.Generated, got.Generated)
	assert.Equal(t, mem.Depth, got.Depth)
	assert.Equal(t, mem.Violations, got.Violations, "the same shortest counterexamples")
	assert.True(t, got.Complete)
}

// TestResumeAfterSIGKILL builds the CLI, starts `check run -checkpoint` on
// twopc's recover-commits variant with three participants (186,936
// states, two violated properties), kills it with SIGKILL at seeded
// random moments (up to six times, each in the last three quarters of the
// shorter of 0.8 s and 90% of an uninterrupted run's time after a
// session's start, so later sessions, with less left to do, may finish
// first), resumes it with `check resume` each time, and gets the counts,
// verdicts and counterexamples of an uninterrupted run. Under -short, the
// test binary stands in for the CLI, on ready-aborts (74,177 states),
// killed up to four times, with 0.3 s for 0.8 s.
func TestResumeAfterSIGKILL(t *testing.T) {
	k := killRun{dir: filepath.Join(t.TempDir(), "ck"), seed: 15}
	if testing.Short() {
		k.cli = func(args ...string) *exec.Cmd { return cliCommand(nil, args...) }
		k.args = []string{"twopc", "-variant", "ready-aborts", "-n", "3"}
		k.kills, k.maxDelay = 4, 300*time.Millisecond
		checkKilled(t, k)
		return
	}
	bin := filepath.Join(t.TempDir(), "check")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	k.cli = func(args ...string) *exec.Cmd { return exec.Command(bin, args...) }
	k.args = []string{"twopc", "-variant", "recover-commits", "-n", "3"}
	k.kills, k.maxDelay = 6, 800*time.Millisecond
	checkKilled(t, k)
}
