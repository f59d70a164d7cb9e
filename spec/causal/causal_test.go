package causal

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

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
// n=2 with one message each and no fault has 13 states by hand: each
// process sends (S) and receives the other's message (R, after the other's
// S); the events that happened, with each process's order of its own S
// and R, make a state: none 1; one S 2; two events 3 (both S, or one S and
// the other's R); three events 2+2 (both S and one R, that R before or
// after its receiver's own S); all four 3 (not both R first: each R needs
// the other's S).
func TestCorrectHolds(t *testing.T) {
	for _, tc := range []struct {
		sends  []int
		faults actor.Faults
		net    actor.Network
		want   int64
	}{
		{[]int{1, 1}, actor.Faults{}, actor.Unordered, 13},
		{[]int{1, 2}, actor.Faults{Dup: 1}, actor.Unordered, 179},
		{[]int{2, 2}, actor.Faults{Dup: 1}, actor.Unordered, 910},
		{[]int{1, 1, 1}, actor.Faults{}, actor.Unordered, 690},
		{[]int{1, 1, 1}, actor.Faults{Dup: 1}, actor.Unordered, 5374},
		{[]int{2, 2}, actor.Faults{Dup: 1}, actor.FIFO, 611},
	} {
		t.Run(fmt.Sprintf("%v,%v,%v", tc.sends, tc.faults, tc.net), func(t *testing.T) {
			m := mustNew(t, Config{Sends: tc.sends, Faults: tc.faults, Network: tc.net})
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestTextScenario explores the text's example (P1 sends 2, P2 1, P3 3)
// completely, without faults.
func TestTextScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("755,117 states, about 10 s")
	}
	m := mustNew(t, Config{Sends: TextSends})
	res := exploretest.Check(t, m, explore.Options{Workers: 2})
	assert.Equal(t, int64(755117), res.Distinct)
	dfs, err := explore.DFS(m, explore.Options{})
	require.NoError(t, err)
	assert.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the same states as bfs")
}

// TestVariantsAtDefaults builds every variant through the catalogue at its
// own defaults: the correct one satisfies every property; a broken one
// violates exactly the properties it lists.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) {
			res := exploretest.VariantAtDefaults(t, Spec, v.Name)
			t.Logf("%s: %d distinct states, %v", v.Name, res.Distinct, res.Elapsed)
			if p, _ := res.Property(PropCausal); p.Status == explore.Violated {
				t.Logf("%s", exploretest.Render(p.Trace))
			}
		})
	}
}

// TestBrokenVariantsWithDup: both broken variants still fail with a
// duplicated message, and delivery on receipt then also delivers it twice.
func TestBrokenVariantsWithDup(t *testing.T) {
	dup := actor.Faults{Dup: 1}
	exploretest.Violates(t, mustNew(t, Config{Sends: []int{1, 1, 1}, Variant: VariantNoDependencyCheck, Faults: dup}), PropCausal)
	exploretest.Violates(t, mustNew(t, Config{Sends: []int{1, 1, 1}, Variant: VariantDeliverOnReceipt, Faults: dup}), PropNoDup)
}

// TestTwoProcessesNeedNoCheck: with two processes every message depends
// only on messages of its own sender or of the receiver, so even delivery
// on receipt is causal over a FIFO network.
func TestTwoProcessesNeedNoCheck(t *testing.T) {
	m := mustNew(t, Config{Sends: []int{2, 2}, Variant: VariantDeliverOnReceipt, Network: actor.FIFO})
	exploretest.Check(t, m, explore.Options{Workers: 2})
}

// TestDelayAndRejectReachable: in the correct protocol some process holds
// a delayed message, and some duplicate is rejected (a dup step whose
// delivery changes nothing at the receiver).
func TestDelayAndRejectReachable(t *testing.T) {
	m := mustNew(t, Config{Sends: []int{1, 1, 1}, Faults: actor.Faults{Dup: 1}})
	delayed, rejected := false, false
	for _, r := range exploretest.Enumerate(m) {
		for i := range r.State.Procs {
			delayed = delayed || len(r.State.Local(actor.ID(i)).Delayed) > 0
		}
		m.Next(r.State, func(a Action, next State) {
			if a.Kind == actor.Deliver && r.State.Used.Dup == 1 {
				before, after := r.State.Local(a.To), next.Local(a.To)
				rejected = rejected || Rule(before.S, a.Msg, true) == Reject && len(before.Seq) == len(after.Seq)
			}
		})
	}
	assert.True(t, delayed, "a message is delayed")
	assert.True(t, rejected, "a duplicate is rejected")
}

// TestMeasures: in every final state each multicast went to the n-1 other
// processes and was delivered by everyone.
func TestMeasures(t *testing.T) {
	m := mustNew(t, Config{Sends: []int{1, 2, 1}})
	finals := exploretest.Finals(t, m)
	require.NotEmpty(t, finals)
	for _, s := range finals {
		require.Equal(t, 4*2, Messages(s))
		require.Equal(t, 4, Units(s))
	}
}

// TestRule checks the text's rule on its three cases. Reference: the
// text, "Causal order": accept m if T_i = S_i + 1 and T_k <= S_k for all
// k != i; delay if T_i > S_i + 1 or some T_k > S_k; reject if T_i <= S_i.
func TestRule(t *testing.T) {
	m := Msg{ID: ID(1, 2), T: VC{1, 2, 0}} // M2_2 from p1, after M1_1
	assert.Equal(t, Accept, Rule(VC{1, 1, 0}, m, true))
	assert.Equal(t, Accept, Rule(VC{3, 1, 5}, m, true), "T_k < S_k is fine")
	assert.Equal(t, Delay, Rule(VC{0, 1, 0}, m, true), "M1_1 not delivered yet")
	assert.Equal(t, Accept, Rule(VC{0, 1, 0}, m, false), "without the dependency check")
	assert.Equal(t, Delay, Rule(VC{1, 0, 0}, m, true), "M2_1 missing: T_i > S_i + 1")
	assert.Equal(t, Reject, Rule(VC{1, 2, 0}, m, true), "already delivered")
	assert.Equal(t, Reject, Rule(VC{0, 3, 0}, m, true), "T_i <= S_i wins over T_k > S_k")
}

// TestRulePartitions: on random clocks the rule gives exactly the verdict
// whose condition in the text holds (reject first where reject and delay
// overlap).
func TestRulePartitions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, MaxN).Draw(t, "n")
		var s, tm VC
		for k := range n {
			s[k] = uint8(rapid.IntRange(0, 3).Draw(t, "s"))
			tm[k] = uint8(rapid.IntRange(0, 3).Draw(t, "t"))
		}
		i := rapid.IntRange(0, n-1).Draw(t, "sender")
		tm[i] = max(tm[i], 1)
		m := Msg{ID: ID(i, int(tm[i])), T: tm}
		later := false
		for k := range n {
			later = later || k != i && tm[k] > s[k]
		}
		want := Accept
		switch {
		case tm[i] <= s[i]:
			want = Reject
		case tm[i] > s[i]+1 || later:
			want = Delay
		}
		require.Equal(t, want, Rule(s, m, true), "S=%v T=%v from p%d", s, tm, i)
	})
}

func TestContract(t *testing.T) {
	exploretest.Contract(t, mustNew(t, Config{Sends: []int{2, 1, 1}, Faults: actor.Faults{Dup: 1}}))
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{Sends: nil},
		{Sends: []int{1, 1, 1, 1, 1}},
		{Sends: []int{4}},
		{Sends: []int{1}, Variant: "nope"},
		{Sends: []int{1}, Network: actor.Duplicating},
		{Sends: []int{1}, Faults: actor.Faults{Drop: 1}},
	} {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
	_, err := scenarioSends(ScenarioText, 2, 1)
	require.ErrorIs(t, err, ErrConfig)
}
