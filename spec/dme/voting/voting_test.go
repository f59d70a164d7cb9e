package voting

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

// TestRescensionHolds checks every property, liveness included, and pins
// the distinct counts: BFS, DFS and the naive enumerator agree.
func TestRescensionHolds(t *testing.T) {
	for _, tc := range []struct {
		n, reqs int
		net     actor.Network
		want    int64
		long    bool // DFS and the enumerator only without -short
	}{
		{1, 3, actor.Unordered, 7, false},
		{2, 1, actor.Unordered, 49, false},
		{2, 2, actor.Unordered, 336, false},
		{2, 2, actor.FIFO, 231, false},
		{3, 1, actor.FIFO, 37123, false},
		{3, 1, actor.Unordered, 95148, true},
	} {
		t.Run(fmt.Sprintf("n=%d,requests=%d,%v", tc.n, tc.reqs, tc.net), func(t *testing.T) {
			m := mustNew(t, Config{N: tc.n, Requests: tc.reqs, Network: tc.net})
			if tc.long && testing.Short() {
				res := exploretest.Check(t, m, explore.Options{Workers: 2})
				assert.Equal(t, tc.want, res.Distinct, "bfs distinct states")
				return
			}
			exploretest.CrossCheck(t, m, tc.want) // the enumerator finds no deadlock either
			assert.NotEmpty(t, exploretest.Finals(t, m), "some run ends")
		})
	}
}

// TestOneProcess: alone, a process has its own vote, a majority: each
// request enters at once and sends nothing.
func TestOneProcess(t *testing.T) {
	sp := exploretest.EnumerateSpace(mustNew(t, Config{N: 1, Requests: 3}))
	require.Len(t, sp.Finals, 1)
	s := sp.Finals[0]
	assert.Equal(t, 3, Entries(s))
	assert.Equal(t, 0, Messages(s))
	assert.Len(t, sp.States, 7, "idle, in CS, three times, then done: 2*3+1 states")
}

// TestVariantsAtDefaults builds every variant through the catalogue at its
// own defaults: a correct one satisfies every property; a broken one
// violates exactly the properties it lists, and every other holds.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) {
			exploretest.VariantAtDefaults(t, Spec, v.Name)
		})
	}
}

// TestSimpleMajorityDeadlock: the deadlock of simple majority voting is a
// split vote. In the shortest one every process is a candidate, every vote
// is given, nothing is in flight, and no candidate has a majority.
func TestSimpleMajorityDeadlock(t *testing.T) {
	c, err := Spec.Defaults(VariantSimple)
	require.NoError(t, err)
	m := mustNew(t, Config{N: c.Int("n"), Requests: c.Int("requests"), Variant: VariantSimple})
	tr := exploretest.Violates(t, m, PropDeadlock, explore.Options{Workers: 2})
	t.Logf("split vote:\n%s", exploretest.Render(tr))
	s, ok := tr.Steps[len(tr.Steps)-1].State.(State)
	require.True(t, ok)
	assert.Empty(t, s.Net)
	for i, p := range s.Procs {
		assert.Equal(t, Waiting, p.Local.Phase, "p%d", i)
		assert.LessOrEqual(t, 2*p.Local.votes(), len(s.Procs), "p%d has no majority", i)
		assert.NotEqual(t, Req{}, p.Local.Voted, "p%d has given its vote", i)
	}
	// The rescension variant has no such state: its space has no deadlock.
	assert.Empty(t, exploretest.EnumerateSpace(mustNew(t, Config{N: 3, Requests: 1, Network: actor.FIFO})).Deadlocks)
	// The naive enumerator finds the simple variant's deadlocks too.
	assert.NotEmpty(t, exploretest.EnumerateSpace(m).Deadlocks)
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{N: 0, Requests: 1}, {N: MaxN + 1, Requests: 1}, {N: 2}, {N: 2, Requests: MaxRequests + 1},
		{N: 2, Requests: 1, Variant: "nope"}, {N: 2, Requests: 1, Network: actor.Duplicating},
	} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}

func TestPrinting(t *testing.T) {
	assert.Equal(t, "Inquire(ts=3)", Msg{Inquire, 3}.String())
	p := Proc{Phase: Waiting, TS: 2, Held: 0b101, Voted: Req{TS: 2, ID: 0},
		Queue: []Req{{TS: 3, ID: 1}}, Inquired: true, Sent: 4}
	assert.Equal(t, "waiting ts=2 votes={p0,p2} | vote->p0:2 queue=[p1:3] inquired sent=4 done=0", p.String())
	assert.Equal(t, "idle | vote->free sent=0 done=0", Proc{}.String())
	assert.Equal(t, []string{invariants.PropMutex, PropVotes, invariants.PropGranted,
		"p0 enters its critical section", "p1 enters its critical section"},
		propertyNames(mustNew(t, Config{N: 2, Requests: 1})))
}

func propertyNames(m *Model) []string {
	var out []string
	for _, p := range m.Properties() {
		out = append(out, p.Name)
	}
	return out
}

// TestQueueIsCopyOnWrite: adding to or taking from a queue leaves the
// original as it was (states share queues).
func TestQueueIsCopyOnWrite(t *testing.T) {
	q := []Req{{1, 0}, {3, 2}}
	q2 := appendQueue(q, Req{2, 1}, true)
	assert.Equal(t, []Req{{1, 0}, {2, 1}, {3, 2}}, q2)
	assert.Equal(t, []Req{{1, 0}, {3, 2}}, q)
	assert.Equal(t, []Req{{1, 0}, {3, 2}, {2, 1}}, appendQueue(q, Req{2, 1}, false))
	first, rest := popFront(q2)
	assert.Equal(t, Req{1, 0}, first)
	assert.Equal(t, []Req{{2, 1}, {3, 2}}, rest)
	assert.Equal(t, []Req{{2, 2}, {1, 0}, {2, 1}, {3, 2}}, append([]Req{{2, 2}}, q2...))
	assert.True(t, Req{2, 0}.before(Req{2, 1}))
	assert.False(t, Req{2, 1}.before(Req{2, 1}))
}

// TestContract checks what package model requires of a model (pure,
// deterministic Next, canonical keys, pure properties) on sampled states
// of every variant at its defaults, on each network.
func TestContract(t *testing.T) { exploretest.ContractEverywhere(t, Spec) }
