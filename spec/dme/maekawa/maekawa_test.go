package maekawa

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

func TestDeadlockPropertyName(t *testing.T) {
	assert.Equal(t, explore.DeadlockProperty, PropDeadlock)
}

// TestVariantsAtDefaults builds every variant through the catalogue at its
// own defaults: a correct one satisfies every property; a broken one
// violates exactly the properties it lists, and every other holds.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) {
			if v.Name == VariantArrivalOnly && testing.Short() {
				t.Skip("514,071 states (10-15 s): without -short; the catalogue test runs it")
			}
			exploretest.VariantAtDefaults(t, Spec, v.Name)
		})
	}
}

// TestInquireHolds checks every property, liveness included, and pins the
// distinct counts: BFS, DFS and the naive enumerator agree.
func TestInquireHolds(t *testing.T) {
	for _, tc := range []struct {
		n, reqs int
		quorums string
		net     actor.Network
		want    int64
		long    bool // only without -short
	}{
		{1, 3, QuorumsMaekawa, actor.Unordered, 7, false},
		{2, 1, QuorumsMaekawa, actor.Unordered, 76, false},
		{2, 2, QuorumsMaekawa, actor.Unordered, 2365, false},
		{3, 1, QuorumsMaekawa, actor.Unordered, 657, false},
		{3, 1, QuorumsMaekawa, actor.FIFO, 549, false},
		{3, 1, QuorumsMajority, actor.Unordered, 657, false}, // the same triangle,
		{3, 2, QuorumsMaekawa, actor.FIFO, 22081, false},
		{4, 1, QuorumsMaekawa, actor.FIFO, 511978, true},
	} {
		t.Run(fmt.Sprintf("n=%d,requests=%d,%s,%v", tc.n, tc.reqs, tc.quorums, tc.net), func(t *testing.T) {
			if tc.long && testing.Short() {
				t.Skip("a larger space")
			}
			m := mustNew(t, Config{N: tc.n, Requests: tc.reqs, Quorums: tc.quorums, Network: tc.net})
			if tc.long {
				// The enumerator's map of full states is too big.
				exploretest.CrossCheckEngines(t, m, tc.want)
				return
			}
			exploretest.CrossCheck(t, m, tc.want) // the enumerator finds no deadlock either
		})
	}
}

// TestOneProcess: alone, a process is its own request set: each request
// enters at once and sends nothing.
func TestOneProcess(t *testing.T) {
	sp := exploretest.EnumerateSpace(mustNew(t, Config{N: 1, Requests: 3}))
	require.Len(t, sp.Finals, 1)
	s := sp.Finals[0]
	assert.Equal(t, 3, Entries(s))
	assert.Equal(t, 0, Messages(s))
	assert.Len(t, sp.States, 7, "idle, in CS, three times, then done: 2*3+1 states")
}

// TestNoInquireDeadlock: without Failed, Inquire and Relinquish, the
// candidates of a deadlock wait in a cycle: each holds some locks and
// lacks one that another waiting candidate holds; nothing is in flight.
func TestNoInquireDeadlock(t *testing.T) {
	c, err := Spec.Defaults(VariantNoInquire)
	require.NoError(t, err)
	m := mustNew(t, Config{N: c.Int("n"), Requests: c.Int("requests"), Variant: VariantNoInquire})
	tr := exploretest.Violates(t, m, PropDeadlock, explore.Options{Workers: 2})
	t.Logf("deadlock:\n%s", exploretest.Render(tr))
	s, ok := tr.Steps[len(tr.Steps)-1].State.(State)
	require.True(t, ok)
	assert.Empty(t, s.Net)
	sets, _, err := Quorums(c.Int("n"), QuorumsMaekawa)
	require.NoError(t, err)
	for i, p := range s.Procs {
		me := p.Local
		require.Equal(t, Waiting, me.Phase, "p%d", i)
		missing := sets[i] &^ me.Held
		require.NotZero(t, missing, "p%d lacks a lock", i)
		for v := range s.Procs {
			if missing.Has(actor.ID(v)) {
				holder := s.Procs[v].Local.Lock.ID
				assert.Equal(t, Waiting, s.Procs[holder].Local.Phase, "p%d waits for p%d, locked for waiting p%d", i, v, holder)
			}
		}
	}
	assert.NotEmpty(t, exploretest.EnumerateSpace(m).Deadlocks, "the naive enumerator finds deadlocks too")
}

// TestArrivalOnlyDeadlock: with Failed sent only on arrival, a waiting
// request overtaken by a later, preceding one is never told it failed: in
// the deadlock some candidate defers an inquiry it will never answer,
// because it has no Failed and has yielded nothing.
func TestArrivalOnlyDeadlock(t *testing.T) {
	if testing.Short() {
		t.Skip("514,071 states")
	}
	c, err := Spec.Defaults(VariantArrivalOnly)
	require.NoError(t, err)
	m, err := Spec.Build(c)
	require.NoError(t, err)
	tr := exploretest.Violates(t, m, PropDeadlock, explore.Options{Workers: 2, StopAtFirst: true})
	t.Logf("deadlock:\n%s", exploretest.Render(tr))
	s, ok := tr.Steps[len(tr.Steps)-1].State.(State)
	require.True(t, ok)
	assert.Empty(t, s.Net)
	stuck := false
	for _, p := range s.Procs {
		me := p.Local
		stuck = stuck || (me.Phase == Waiting && me.Deferred != 0 && me.Failed|me.Yielded == 0)
	}
	assert.True(t, stuck, "a candidate defers an inquiry for ever")
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{N: 0, Requests: 1}, {N: MaxN + 1, Requests: 1}, {N: 2}, {N: 2, Requests: MaxRequests + 1},
		{N: 2, Requests: 1, Variant: "nope"}, {N: 2, Requests: 1, Network: actor.Duplicating},
		{N: 2, Requests: 1, Quorums: "nope"},
	} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}

func TestPrinting(t *testing.T) {
	assert.Equal(t, "Relinquish(ts=3)", Msg{Relinquish, 3}.String())
	p := Proc{Phase: Waiting, TS: 2, Held: 0b11, Failed: 0b1000, Lock: Req{TS: 1, ID: 2},
		Queue: []Req{{TS: 2, ID: 0}}, Inquired: true, Sent: 4}
	assert.Equal(t, "waiting ts=2 locks={p0,p1} failed={p3} | lock=p2:1 queue=[p0:2] inquired sent=4 done=0", p.String())
	assert.Equal(t, "idle | lock=free sent=0 done=0", Proc{}.String())
	var names []string
	for _, p := range mustNew(t, Config{N: 2, Requests: 1}).Properties() {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{invariants.PropMutex, PropLocks, invariants.PropGranted,
		"p0 enters its critical section", "p1 enters its critical section"}, names)
}

// TestQueueIsCopyOnWrite: adding to or taking from a queue leaves the
// original as it was (states share queues).
func TestQueueIsCopyOnWrite(t *testing.T) {
	q := []Req{{1, 0}, {3, 2}}
	q2 := insert(q, Req{2, 1})
	assert.Equal(t, []Req{{1, 0}, {2, 1}, {3, 2}}, q2)
	assert.Equal(t, []Req{{1, 0}, {3, 2}}, q)
	first, rest := popFront(q2)
	assert.Equal(t, Req{1, 0}, first)
	assert.Equal(t, []Req{{2, 1}, {3, 2}}, rest)
	assert.Equal(t, []Req{{1, 0}, {2, 1}, {3, 2}}, q2)
	assert.True(t, Req{2, 0}.before(Req{2, 1}))
	assert.False(t, Req{2, 1}.before(Req{2, 1}))
}

// TestContract checks what package model requires of a model (pure,
// deterministic Next, canonical keys, pure properties) on sampled states
// of every variant at its defaults, on each network.
func TestContract(t *testing.T) { exploretest.ContractEverywhere(t, Spec) }
