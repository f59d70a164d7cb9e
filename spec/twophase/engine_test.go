package twophase

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
)

// TestBFSAndDFS pins TLC's distinct-state counts with both engines and
// checks every property of the correct spec.
func TestBFSAndDFS(t *testing.T) {
	engines := map[string]func(model.Model[State, Action], explore.Options) (*explore.Result, error){
		"bfs": explore.BFS[State, Action],
		"dfs": explore.DFS[State, Action],
	}
	for _, name := range []string{"bfs", "dfs"} {
		for _, tc := range []struct{ n, want, gen int }{{3, distinct3, generated3}, {5, distinct5, generated5}} {
			res, err := engines[name](mustNew(t, tc.n, VariantCorrect), explore.Options{Workers: 2})
			require.NoError(t, err)
			require.True(t, res.Complete, "%s N=%d: run must be complete", name, tc.n)
			assert.EqualValues(t, tc.want, res.Distinct, "%s N=%d: distinct states (TLC)", name, tc.n)
			assert.EqualValues(t, tc.gen, res.Generated, "%s N=%d: generated successors (reference)", name, tc.n)
			for _, p := range []string{"consistent", "type ok", "commit reachable", "abort reachable"} {
				pr, ok := res.Property(p)
				require.True(t, ok, "%s N=%d: property %q reported", name, tc.n, p)
				assert.Equal(t, explore.Holds, pr.Status, "%s N=%d: %q", name, tc.n, p)
			}
			assert.Empty(t, res.Violations(), "%s N=%d", name, tc.n)
		}
	}
}

// TestEarlyCommitViolatesConsistency: a TM that commits after one Prepared
// lets an RM that never prepared receive Commit while another chooses to
// abort. BFS reports a shortest counterexample, the same one whatever the
// number of workers.
func TestEarlyCommitViolatesConsistency(t *testing.T) {
	want := []string{"", "RMPrepare(rm1)", "TMRcvPrepared(rm1)", "TMCommit", "RMRcvCommitMsg(rm2)", "RMChooseToAbort(rm3)"}
	m := mustNew(t, 3, VariantEarlyCommit)
	for _, workers := range []int{1, 2} {
		res, err := explore.BFS(m, explore.Options{Workers: workers})
		require.NoError(t, err)
		pr, ok := res.Property("consistent")
		require.True(t, ok)
		require.Equal(t, explore.Violated, pr.Status, "buggy-early-commit must violate consistency")
		require.NotNil(t, pr.Trace)
		var labels []string
		for _, st := range pr.Trace.Steps {
			labels = append(labels, st.Action)
		}
		assert.Equal(t, want, labels, "workers=%d: shortest counterexample", workers)
		last, ok := pr.Trace.Steps[len(pr.Trace.Steps)-1].State.(State)
		require.True(t, ok, "trace states are twophase.State")
		assert.False(t, last.Consistent(), "trace ends in an inconsistent state: %v", last)

		// Replaying the index path reproduces the violation.
		tr, err := explore.Replay(m, pr.Trace.Path)
		require.NoError(t, err)
		assert.False(t, tr.Steps[len(tr.Steps)-1].State.(State).Consistent())
	}

	// With one RM the early commit is harmless.
	res, err := explore.BFS(mustNew(t, 1, VariantEarlyCommit), explore.Options{})
	require.NoError(t, err)
	assert.True(t, res.OK(), "one RM cannot be inconsistent")
}

// TestEarlyCommitSavedTrace: the shortest counterexample found now is the
// one saved under counterexamples/ (which `go test ./cmd/check` replays
// through the CLI). Refresh the saved traces with `make counterexamples`,
// and commit the diff only when you understand it.
func TestEarlyCommitSavedTrace(t *testing.T) {
	tr := exploretest.Violates(t, mustNew(t, 3, VariantEarlyCommit), "consistent")
	f, err := counterexamples.ParseFile(filepath.Join("..", "..", "counterexamples", "twophase", "consistent-buggy-early-commit.trace"))
	require.NoError(t, err)
	assert.Equal(t, 3, f.Header.Params.Int("n"))
	assert.Equal(t, f.Trace.Path, tr.Path, "same index path")
	for i := range tr.Steps {
		assert.Equal(t, f.Trace.Steps[i].Action, tr.Steps[i].Action, "label of step %d", i)
	}
}

// TestSymmetryOrbits counts orbits by brute force (group the reference
// state set by the multiset of per-RM tuples) and checks that the engines'
// symmetry reduction stores exactly one state per orbit.
func TestSymmetryOrbits(t *testing.T) {
	counts := map[int]int{}
	for n := 1; n <= 5; n++ {
		ref, _ := refExplore(n, false)
		orbits := map[string]bool{}
		for _, s := range ref {
			orbits[s.orbitKey()] = true
		}
		counts[n] = len(orbits)
		m := mustNew(t, n, VariantCorrect)
		res, err := explore.BFS(m, explore.Options{Symmetry: true, Workers: 2})
		require.NoError(t, err)
		require.True(t, res.Complete)
		assert.EqualValues(t, len(orbits), res.Distinct, "N=%d: symmetry-reduced distinct = orbits", n)
		assert.Empty(t, res.Violations(), "N=%d", n)
	}
	assert.Equal(t, orbits3, counts[3], "orbits at N=3")
	assert.Equal(t, orbits5, counts[5], "orbits at N=5")
}

// BenchmarkBFS explores the 296,448 states of N=7 per iteration and reports
// distinct states per second. Compare runs
// with benchstat; bench/run.sh compares with SPIN.
func BenchmarkBFS(b *testing.B) {
	if testing.Short() {
		b.Skip("N=7 is not short")
	}
	m := mustNew(b, 7, VariantCorrect)
	var distinct int64
	for b.Loop() {
		res, err := explore.BFS(m, explore.Options{})
		require.NoError(b, err)
		require.True(b, res.OK())
		distinct += res.Distinct
	}
	b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
}

// BenchmarkNext measures one call of Next on a state with many enabled
// steps; it must not allocate.
func BenchmarkNext(b *testing.B) {
	m := mustNew(b, 9, VariantCorrect)
	var s State
	m.Init(func(i State) { s = i })
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		m.Next(s, func(Action, State) { n++ })
	}
}

// TestLargerSizesMatchSPIN pins the distinct counts at 7 and 8 resource
// managers that SPIN stores for bench/twophase.pml (bench/run.sh checks
// the equality in every bench run), for BFS with 1 and 2 workers and DFS.
func TestLargerSizesMatchSPIN(t *testing.T) {
	if testing.Short() {
		t.Skip("seconds of exploration: run without -short (make test-full)")
	}
	for _, tc := range []struct {
		n    int
		want int64
	}{{7, 296_448}, {8, 1_745_408}} {
		m := mustNew(t, tc.n, VariantCorrect)
		for _, run := range []func() (*explore.Result, error){
			func() (*explore.Result, error) { return explore.BFS(m, explore.Options{Workers: 1}) },
			func() (*explore.Result, error) { return explore.BFS(m, explore.Options{Workers: 2}) },
			func() (*explore.Result, error) { return explore.DFS(m, explore.Options{}) },
		} {
			res, err := run()
			require.NoError(t, err)
			assert.True(t, res.OK(), "N=%d %s", tc.n, res.Engine)
			assert.Equal(t, tc.want, res.Distinct, "N=%d %s with %d workers", tc.n, res.Engine, res.Workers)
		}
	}
}
