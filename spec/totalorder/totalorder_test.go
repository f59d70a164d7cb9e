package totalorder

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestCorrectHolds checks every property, liveness included, and pins the
// distinct counts: BFS, DFS and the naive enumerator agree (CrossCheck).
// One member alone commits and delivers each message as it sends it: k
// messages give k+1 states.
func TestCorrectHolds(t *testing.T) {
	dup := actor.Faults{Dup: 1}
	for _, tc := range []struct {
		n, msgs int
		faults  actor.Faults
		net     actor.Network
		want    int64
	}{
		{1, 3, actor.Faults{}, actor.Unordered, 4},
		{2, 1, actor.Faults{}, actor.Unordered, 61},
		{2, 1, dup, actor.Unordered, 394},
		{2, 1, dup, actor.FIFO, 154},
		{2, 1, actor.Faults{}, actor.Duplicating, 61},
		{2, 2, actor.Faults{}, actor.FIFO, 670},
	} {
		t.Run(fmt.Sprintf("n=%d,msgs=%d,%v,%v", tc.n, tc.msgs, tc.faults, tc.net), func(t *testing.T) {
			m := mustNew(t, Config{N: tc.n, Msgs: tc.msgs, Faults: tc.faults, Network: tc.net})
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestLarger pins larger spaces, BFS against DFS, outside -short.
func TestLarger(t *testing.T) {
	if testing.Short() {
		t.Skip("22,252 and 160,168 states")
	}
	for _, tc := range []struct {
		n, msgs int
		want    int64
	}{{2, 2, 22252}, {3, 1, 160168}} {
		m := mustNew(t, Config{N: tc.n, Msgs: tc.msgs})
		res := exploretest.Check(t, m, explore.Options{Workers: 2})
		assert.Equal(t, tc.want, res.Distinct, "n=%d msgs=%d", tc.n, tc.msgs)
		dfs, err := explore.DFS(m, explore.Options{})
		require.NoError(t, err)
		assert.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the same states as bfs")
	}
}

// TestVariantsAtDefaults builds every variant through the catalogue at its
// own defaults: the correct one satisfies every property; the broken one
// violates exactly the properties it lists.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) {
			res := exploretest.VariantAtDefaults(t, Spec, v.Name)
			t.Logf("%s: %d distinct states, %v", v.Name, res.Distinct, res.Elapsed)
		})
	}
}

// TestEarlyDeliveryFailsElsewhere: the broken variant also fails with two
// messages per member over FIFO channels, and with duplication.
func TestEarlyDeliveryFailsElsewhere(t *testing.T) {
	exploretest.Violates(t, mustNew(t, Config{N: 2, Msgs: 2, Variant: VariantEarlyDelivery, Network: actor.FIFO}), PropOrder)
	exploretest.Violates(t, mustNew(t, Config{N: 2, Msgs: 1, Variant: VariantEarlyDelivery, Faults: actor.Faults{Dup: 1}}), PropLog)
}

// TestLogAgreesWithOrder: on every reachable state of the broken variant,
// porcupine's verdict on the deliveries as a log equals the order
// property (invariants.LogHistory: the two are equivalent), and both
// verdicts occur.
func TestLogAgreesWithOrder(t *testing.T) {
	m := mustNew(t, Config{N: 2, Msgs: 2, Variant: VariantEarlyDelivery, Network: actor.FIFO})
	d := deliveries(2)
	seen := map[bool]int{}
	checked := map[string]bool{} // porcupine once per distinct deliveries
	for _, r := range exploretest.Enumerate(m) {
		k := fmt.Sprint(r.State.Local(0).Seq, r.State.Local(1).Seq)
		if checked[k] {
			continue
		}
		checked[k] = true
		ok := d.Identical(r.State)
		require.Equal(t, ok, Linearization(r.State).OK, "%v", r.State)
		seen[ok]++
	}
	t.Logf("%d distinct delivery histories: %d in one order, %d not", len(checked), seen[true], seen[false])
	assert.Positive(t, seen[true])
	assert.Positive(t, seen[false])
}

// TestCommittedWaitsBehindPending: in the protocol a committed message is
// sometimes held behind a pending one with a smaller proposal, and the
// early variant never holds one. Reference: the text, "Total order": a
// message is delivered when its commit time is the smallest in the buffer.
func TestCommittedWaitsBehindPending(t *testing.T) {
	waits := func(variant string) bool {
		m := mustNew(t, Config{N: 2, Msgs: 1, Variant: variant})
		for _, r := range exploretest.Enumerate(m) {
			for _, p := range r.State.Procs {
				for _, e := range p.Local.Buf {
					if e.Committed {
						return true
					}
				}
			}
		}
		return false
	}
	assert.True(t, waits(VariantCorrect))
	assert.False(t, waits(VariantEarlyDelivery))
}

// TestDeliverable checks the delivery rule on buffers by hand.
func TestDeliverable(t *testing.T) {
	p := Proc{Buf: []Entry{{ID: 0, Time: 4, Committed: true}, {ID: 1, Time: 3}}}
	assert.Equal(t, -1, p.deliverable(false), "m1 pending at 3 may commit before 4")
	assert.Equal(t, 0, p.deliverable(true), "the early variant delivers m0")
	p.Buf[1] = Entry{ID: 1, Time: 4}
	assert.Equal(t, 0, p.deliverable(false), "a tie goes to the smaller id: m1 can only follow m0")
	p.Buf[0].ID, p.Buf[1].ID = 2, 1
	assert.Equal(t, -1, p.deliverable(false), "m1 pending at 4 may commit at 4 and go before m2")
	p = p.commit(1, 5)
	assert.Equal(t, uint8(5), p.C, "the clock moves past a commit time")
	p = p.deliver(false)
	assert.Equal(t, []MsgID{2, 1}, p.Seq)
	assert.Empty(t, p.Buf)
}

// TestMeasures: in every final state each multicast cost Data, Ack and
// Commit to each other member, 3(n-1) messages, and everyone delivered it.
func TestMeasures(t *testing.T) {
	m := mustNew(t, Config{N: 3, Msgs: 1, Faults: actor.Faults{}})
	if testing.Short() {
		m = mustNew(t, Config{N: 2, Msgs: 2})
	}
	finals := exploretest.Finals(t, m)
	require.NotEmpty(t, finals)
	for _, s := range finals {
		n := len(s.Procs)
		total := n * int(s.Local(0).Sent)
		require.Equal(t, total*3*(n-1), Messages(s))
		require.Equal(t, total, Units(s))
	}
}

// TestViz: the view of the log property is porcupine's page of the
// counterexample; other properties have none.
func TestViz(t *testing.T) {
	tr := exploretest.Violates(t, mustNew(t, Config{N: 2, Msgs: 1, Variant: VariantEarlyDelivery}), PropLog)
	last := tr.Steps[len(tr.Steps)-1].State.(State)
	var b bytes.Buffer
	page := catalog.Page{Protocol: "totalorder", Property: PropLog, Verdict: "violated"}
	require.NoError(t, Spec.Viz(&b, page, PropLog, last))
	assert.Contains(t, b.String(), "not linearizable (porcupine)")
	assert.Contains(t, b.String(), "p1(member)")
	assert.ErrorIs(t, Spec.Viz(&b, page, PropOrder, last), catalog.ErrNoView)
}

func TestContract(t *testing.T) {
	exploretest.Contract(t, mustNew(t, Config{N: 2, Msgs: 2, Faults: actor.Faults{Dup: 1}}))
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{N: 0, Msgs: 1},
		{N: 5, Msgs: 1},
		{N: 2, Msgs: 4},
		{N: 2, Msgs: 1, Variant: "nope"},
		{N: 2, Msgs: 1, Faults: actor.Faults{Drop: 1}},
	} {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}

// TestIntegrityCanFail: a delivery of a message never sent, or a second
// delivery, breaks integrity (no variant does either, so forged states).
func TestIntegrityCanFail(t *testing.T) {
	m := mustNew(t, Config{N: 2, Msgs: 1})
	var integrity func(State) bool
	for _, p := range m.Properties() {
		if p.Name == PropIntegrity {
			integrity = p.Holds
		}
	}
	require.NotNil(t, integrity)
	var s State
	m.Init(func(i State) { s = i })
	forge := func(seq ...MsgID) State {
		f := s
		f.Procs = append([]actor.Proc[Proc](nil), s.Procs...)
		f.Procs[0].Local.Sent, f.Procs[1].Local.Sent = 1, 1
		f.Procs[1].Local.Seq = seq
		return f
	}
	assert.True(t, integrity(forge(0, 1)))
	assert.False(t, integrity(forge(0, 0)), "m0 delivered twice")
	f := forge(1)
	f.Procs[1].Local.Sent = 0
	assert.False(t, integrity(f), "m1 delivered but never sent")
}
