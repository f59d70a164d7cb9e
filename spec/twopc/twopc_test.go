package twopc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

var faults = actor.Faults{Crash: 1, Drop: 1}

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// reference is a naive enumerator, independent of package explore: a map
// of keys and a queue, from the given states (Init's when none).
func reference(m *Model, from ...State) map[string]State {
	seen := map[string]State{}
	var queue []State
	add := func(s State) {
		k := string(m.AppendKey(nil, s))
		if _, ok := seen[k]; !ok {
			seen[k] = s
			queue = append(queue, s)
		}
	}
	if len(from) == 0 {
		m.Init(add)
	}
	for _, s := range from {
		add(s)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.Next(s, func(_ Action, t State) { add(t) })
	}
	return seen
}

// TestCorrectHolds checks every property, liveness included, and pins the
// distinct counts: BFS, DFS and the naive reference agree; symmetry
// reduction about halves the space of two participants.
func TestCorrectHolds(t *testing.T) {
	for _, tc := range []struct {
		variant   string
		want, sym int64
	}{{VariantCorrect, 6790, 3486}, {VariantCooperative, 9031, 4605}} {
		t.Run(tc.variant, func(t *testing.T) {
			m := mustNew(t, Config{N: 2, Variant: tc.variant, Faults: faults})
			res := exploretest.Check(t, m, explore.Options{Workers: 2})
			assert.Equal(t, tc.want, res.Distinct, "bfs distinct states, n=2 crash=1 drop=1")
			dfs, err := explore.DFS(m, explore.Options{})
			require.NoError(t, err)
			require.True(t, dfs.Complete)
			assert.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the same states as bfs")
			assert.Len(t, reference(m), int(res.Distinct), "the naive enumerator finds the same states")
			sym, err := explore.BFS(m, explore.Options{Workers: 2, Symmetry: true})
			require.NoError(t, err)
			assert.Equal(t, tc.sym, sym.Distinct, "distinct states under symmetry")
			assert.Empty(t, sym.Violations())
		})
	}
}

// TestNetworks checks the safety properties and pins the counts on every
// network, with one of each fault.
func TestNetworks(t *testing.T) {
	all := actor.Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1, Partition: 1}
	for _, tc := range []struct {
		net  actor.Network
		want int64
	}{{actor.Unordered, 3609}, {actor.FIFO, 3198}, {actor.Duplicating, 783}} {
		net, want := tc.net, tc.want
		t.Run(net.String(), func(t *testing.T) {
			m := mustNew(t, Config{N: 1, Faults: all, Network: net})
			res := exploretest.Check(t, m, explore.Options{Workers: 2})
			assert.Equal(t, want, res.Distinct)
		})
	}
}

func TestThreeParticipants(t *testing.T) {
	if testing.Short() {
		t.Skip("160,940 and 385,610 states")
	}
	for v, want := range map[string]int64{VariantCorrect: 160940, VariantCooperative: 385610} {
		m := mustNew(t, Config{N: 3, Variant: v, Faults: faults})
		res, err := explore.BFS(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		require.True(t, res.OK())
		assert.Equal(t, want, res.Distinct, v)
	}
}

func TestBrokenVariantsFail(t *testing.T) {
	for v, prop := range map[string]string{
		VariantNeverRecovers:  PropDecides,
		VariantRecoverCommits: PropValidity,
		VariantReadyAborts:    PropAtomicity,
	} {
		t.Run(v, func(t *testing.T) {
			tr := exploretest.Violates(t, mustNew(t, Config{N: 2, Variant: v, Faults: faults}), prop,
				explore.Options{Workers: 2})
			t.Logf("%s:\n%s", prop, exploretest.Render(tr))
		})
	}
}

// TestBlockingWithoutCoordinator shows the blocking of two-phase commit:
// once every participant is READY and the coordinator is down for good, no
// decision is reachable, whatever the participants do.
func TestBlockingWithoutCoordinator(t *testing.T) {
	m := mustNew(t, Config{N: 2, Variant: VariantNeverRecovers, Faults: faults})
	var blocked []State
	for _, s := range reference(m) {
		if !s.Up(0) && s.Local(0).Phase == PhaseWait && allIn(s, 2, PhaseReady) {
			blocked = append(blocked, s)
		}
	}
	require.NotEmpty(t, blocked, "a state with READY participants and a crashed coordinator is reachable")
	for _, s := range reference(m, blocked...) {
		for i := 1; i <= 2; i++ {
			require.Equal(t, PhaseReady, s.Local(actor.ID(i)).Phase, "a blocked participant decided:\n%v", s)
		}
	}
}
