package bully

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// reference is a naive enumerator, independent of package explore: a map
// of keys and a queue.
func reference(m *Model) map[string]State {
	seen := map[string]State{}
	var queue []State
	add := func(s State) {
		k := string(m.AppendKey(nil, s))
		if _, ok := seen[k]; !ok {
			seen[k] = s
			queue = append(queue, s)
		}
	}
	m.Init(add)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.Next(s, func(_ Action, t State) { add(t) })
	}
	return seen
}

// TestCorrectHolds checks every property, liveness included, on the
// correct variant and pins the distinct counts: BFS, DFS and the naive
// enumerator agree.
func TestCorrectHolds(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want int64
	}{
		{"boot (defaults)", Config{N: 3, Start: StartBoot, Faults: DefaultFaults}, 11603},
		{"elected", Config{N: 3, Start: StartElected, Faults: DefaultFaults}, 416},
		{"boot fifo", Config{N: 3, Start: StartBoot, Faults: DefaultFaults, Network: actor.FIFO}, 4552},
		{"two nodes", Config{N: 2, Start: StartBoot, Faults: DefaultFaults}, 82},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mustNew(t, tc.cfg)
			exploretest.Contract(t, m)
			res := exploretest.Check(t, m, explore.Options{Workers: 2})
			assert.Equal(t, tc.want, res.Distinct, "bfs distinct states")
			dfs, err := explore.DFS(m, explore.Options{})
			require.NoError(t, err)
			require.True(t, dfs.Complete)
			assert.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the states bfs finds")
			assert.Len(t, reference(m), int(res.Distinct), "the naive enumerator finds the same states")
		})
	}
}

// TestFaultFree: without crashes every property but the take-over witness
// holds, and that one fails: no node other than the highest ever leads, so
// the witness is not vacuous.
func TestFaultFree(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want int64
	}{
		{Config{N: 3, Start: StartBoot}, 678},
		// By hand: p1 leads, p0 follows, and nothing can happen.
		{Config{N: 2, Start: StartElected}, 1},
	} {
		m := mustNew(t, tc.cfg)
		res, err := explore.Check(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		require.True(t, res.Complete)
		assert.Equal(t, tc.want, res.Distinct, tc.cfg.Start)
		var failed []string
		for _, p := range res.Violations() {
			failed = append(failed, p.Name)
		}
		assert.Equal(t, []string{PropTakeover}, failed, tc.cfg.Start)
	}
}
