package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// lockState is testlock's state: presses so far, the last button, how
// many times in a row it was pressed, and every press (two bits each), so
// that different walks visit different states.
type lockState struct {
	T, Last, Run uint8
	Hist         uint32
}

var lockLabels = [4]string{"press 0", "press 1", "press 2", "press 3"}

// lockModel is a lock with four buttons that opens ("shut" fails) when one
// button is pressed n times in a row, within the first presses presses.
// A uniform random walk rarely does that: with n=7 and presses=9, about
// 4 × 4^-7 × 2.5, 6 in 10,000 walks. A walk that prefers one button 90% of
// the time (a greedy swarm shard) does it in about half its walks.
func lockModel(n, presses int) model.Model[lockState, string] {
	return model.Func[lockState, string]{
		InitFn: func(yield func(lockState)) { yield(lockState{}) },
		NextFn: func(s lockState, yield func(string, lockState)) {
			if int(s.T) >= presses {
				return
			}
			for b := range uint8(4) {
				next := lockState{T: s.T + 1, Last: b, Run: 1, Hist: s.Hist<<2 | uint32(b)}
				if s.T > 0 && b == s.Last {
					next.Run = s.Run + 1
				}
				yield(lockLabels[b], next)
			}
		},
		KeyFn: func(dst []byte, s lockState) []byte {
			return model.AppendInt(append(dst, s.T, s.Last, s.Run), int(s.Hist))
		},
		Props: []model.Property[lockState]{
			model.Always("shut", func(s lockState) bool { return int(s.Run) < n }),
			model.Sometimes("all pressed", func(s lockState) bool { return int(s.T) == presses }),
		},
	}
}

func init() {
	protocols.Register(protocols.Of(catalog.Spec[lockState, string]{
		Info: catalog.Info{
			Name:    "testlock",
			Summary: "test only: a lock that opens when one button is pressed n times in a row",
			Params: []catalog.Param{
				catalog.IntParam("n", "presses in a row that open the lock", 7, 2, 12),
				catalog.IntParam("presses", "presses in all", 9, 1, 16),
			},
		},
		Build: func(c catalog.Config) (model.Model[lockState, string], error) {
			return lockModel(c.Int("n"), c.Int("presses")), nil
		},
	}))
}

func TestParseShard(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(name string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == name {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	ok := []struct {
		spec   string
		getenv func(string) string
		want   explore.Shard
		from   string
	}{
		{"2/4", env("JOB_COMPLETION_INDEX", "1"), explore.Shard{Index: 2, Count: 4}, "flag"},
		{"0/1", env(), explore.Shard{Index: 0, Count: 1}, "flag"},
		{"4", env("JOB_COMPLETION_INDEX", "3"), explore.Shard{Index: 3, Count: 4}, "JOB_COMPLETION_INDEX"},
		{"4", env("SLURM_ARRAY_TASK_ID", "0"), explore.Shard{Index: 0, Count: 4}, "SLURM_ARRAY_TASK_ID"},
		{"4", env("JOB_COMPLETION_INDEX", "1", "SLURM_ARRAY_TASK_ID", "1"), explore.Shard{Index: 1, Count: 4}, "JOB_COMPLETION_INDEX"},
	}
	for _, c := range ok {
		sh, from, err := parseShard(c.spec, c.getenv)
		require.NoError(t, err, c.spec)
		assert.Equal(t, c.want, sh, c.spec)
		assert.Equal(t, c.from, from, c.spec)
	}
	bad := []struct {
		spec   string
		getenv func(string) string
		err    string
	}{
		{"4", env(), "no index: give -shard i/4, or set JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID"},
		{"4", env("JOB_COMPLETION_INDEX", "1", "SLURM_ARRAY_TASK_ID", "2"), "disagree"},
		{"4", env("JOB_COMPLETION_INDEX", "4"), `index "4" (from JOB_COMPLETION_INDEX) is not in 0..3`},
		{"4", env("SLURM_ARRAY_TASK_ID", "x"), `index "x"`},
		{"4/4", env(), "is not in 0..3"},
		{"-1/4", env(), "is not in 0..3"},
		{"1/0", env(), "want i/N or N"},
		{"0", env(), "want i/N or N"},
		{"x", env(), "want i/N or N"},
		{"", env(), "want i/N or N"},
	}
	for _, c := range bad {
		_, _, err := parseShard(c.spec, c.getenv)
		require.Error(t, err, c.spec)
		assert.Contains(t, err.Error(), c.err, c.spec)
	}
}

func TestShardFlagsBadUsage(t *testing.T) {
	t.Setenv("JOB_COMPLETION_INDEX", "")
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	cases := []struct {
		args []string
		err  string
	}{
		{[]string{"-shard", "0/2"}, "-shard is for -engine random"},
		{[]string{"-engine", "dfs", "-shard", "0/2"}, "-shard is for -engine random"},
		{[]string{"-engine", "random", "-report", "r.json"}, "-report writes a swarm shard's report: give -shard too"},
		{[]string{"-engine", "random", "-shard", "2/2"}, "is not in 0..1"},
		{[]string{"-engine", "random", "-shard", "2"}, "no index"},
		{[]string{"-engine", "random", "-shard", "0/2", "-report", "/dev/null/r.json"}, "-report: "},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, append([]string{"run", "testlock"}, c.args...)...)
		assert.Equal(t, exitUsage, code, "%q", c.args)
		assert.Contains(t, errs, c.err, "%q", c.args)
	}
}

// TestShardJSONIsTheReport: -json prints what -report writes, less the
// fingerprint file (which only -report writes).
func TestShardJSONIsTheReport(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "s.json")
	code, out, errs := runCLI(t, "run", "testlock", "-engine", "random", "-shard", "2/3", "-walks", "300", "-workers", "1", "-json", "-report", name)
	require.Equal(t, exitViolation, code, errs)
	var printed, written map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &printed))
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &written))
	assert.Equal(t, map[string]any{"file": "s.fps", "count": written["states_covered"]}, written["fingerprints"])
	delete(written, "fingerprints")
	assert.Equal(t, written, printed)

	sf, err := readShard(name)
	require.NoError(t, err)
	r := sf.r
	assert.Equal(t, shardID{Index: 2, Count: 3, IndexFrom: "flag"}, r.Shard)
	assert.EqualValues(t, 300, r.Walks)
	assert.Equal(t, uint64(2)<<40, r.Plan.WalkSeed, "shard 2's walks start at seed 2<<40 (-seed 0)")
	require.Len(t, r.Counterexamples, 1)
	c := r.Counterexamples[0]
	assert.Equal(t, "shut", c.Property)
	assert.Equal(t, c.TraceLength, len(c.Actions))
	assert.True(t, strings.HasSuffix(c.Replay, "-seed "+jsonNum(c.Seed)+" -walks 1 -shard 2/3 -workers 1"), c.Replay)

	// The walk alone, rerun by the command the report gives, finds the
	// same counterexample.
	args := strings.Fields(c.Replay)[1:]
	code, out, _ = runCLI(t, append(args, "-json", "-quiet")...)
	require.Equal(t, exitViolation, code)
	var one shardJSON
	require.NoError(t, json.Unmarshal([]byte(out), &one))
	require.Len(t, one.Counterexamples, 1)
	assert.Equal(t, c.Path, one.Counterexamples[0].Path)
	assert.EqualValues(t, 0, one.Counterexamples[0].Walk, "walk 0 of the rerun")
}

func jsonNum(v uint64) string {
	b, _ := json.Marshal(v)
	return string(b)
}
