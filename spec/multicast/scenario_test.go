package multicast

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

func mustPlan(t *testing.T, cfg Config) *plan {
	t.Helper()
	p, err := newPlan(cfg)
	require.NoError(t, err)
	return p
}

// deliveredBy returns process id's deliveries in s.
func deliveredBy(s State, id actor.ID) []uint8 {
	p := s.Local(id)
	return p.delivered()
}

func mustNew(t testing.TB, cfg Config) *Model {
	t.Helper()
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestScenarioLayout checks each scenario's processes, groups and
// messages against the doc's table, written out by hand.
func TestScenarioLayout(t *testing.T) {
	ids := func(xs ...int) []actor.ID {
		out := make([]actor.ID, len(xs))
		for i, x := range xs {
			out[i] = actor.ID(x)
		}
		return out
	}
	for _, tc := range []struct {
		scen   string
		msgs   int
		names  []string
		groups [][]actor.ID
		dests  [][]actor.ID // per message, in id order
		inter  uint64
	}{
		{"a", 2, []string{"S1", "r1", "r2"}, [][]actor.ID{ids(1, 2)}, [][]actor.ID{ids(1, 2), ids(1, 2)}, 0},
		{"b", 1, []string{"S1", "S2", "r1", "r2"}, [][]actor.ID{ids(2, 3)}, [][]actor.ID{ids(2, 3), ids(2, 3)}, 0},
		{"c-L", 2, []string{"S1", "r1", "r2", "r3"}, [][]actor.ID{ids(1, 2, 3), ids(2, 3)},
			[][]actor.ID{ids(1, 2, 3), ids(2, 3)}, 1<<2 | 1<<3},
		{"c-R", 1, []string{"S1", "S2", "r1", "r2", "r3"}, [][]actor.ID{ids(2, 3, 4), ids(3, 4)},
			[][]actor.ID{ids(2, 3, 4), ids(3, 4)}, 1<<3 | 1<<4},
		{"d-L", 1, []string{"S1", "S2", "r1", "r2", "r3"}, [][]actor.ID{ids(2, 3), ids(4)},
			[][]actor.ID{ids(2, 3, 4), ids(2, 3, 4)}, 0},
		{"d-R", 1, []string{"S1", "S2", "r1", "r2", "r3"}, [][]actor.ID{ids(2, 3, 4), ids(3, 4)},
			[][]actor.ID{ids(2, 3, 4), ids(2, 3, 4)}, 1<<3 | 1<<4},
	} {
		t.Run(tc.scen, func(t *testing.T) {
			p := mustPlan(t, Config{Scenario: tc.scen, Reliability: Dedup, Ordering: OrderFIFO, Msgs: tc.msgs})
			assert.Equal(t, tc.names, p.names)
			assert.Equal(t, tc.groups, p.groups)
			require.Len(t, p.msgs, len(tc.dests))
			for i, m := range p.msgs {
				assert.Equal(t, tc.dests[i], m.dests, "destinations of m%d", i+1)
				assert.Equal(t, m.dests, m.direct, "fifo: the sender sends to the destinations")
			}
			assert.Equal(t, tc.inter, p.intersections())
		})
	}
}

// TestSequencerLayout: total order adds a sequencer per group (q1, q2),
// global order one (q); the sender's direct receivers are the sequencers
// of the message's groups, and a sequencer sends a message on to its own
// groups' members among the destinations.
func TestSequencerLayout(t *testing.T) {
	p := mustPlan(t, Config{Scenario: "d-R", Reliability: Dedup, Ordering: OrderTotal, Msgs: 1})
	assert.Equal(t, []string{"S1", "S2", "r1", "r2", "r3", "q1", "q2"}, p.names)
	assert.Equal(t, []actor.ID{5, 6}, p.msgs[0].direct)
	assert.Equal(t, []actor.ID{2, 3, 4}, p.members(0, 0), "q1 orders m1 for G1")
	assert.Equal(t, []actor.ID{3, 4}, p.members(1, 0), "q2 orders m1 for G2")
	g := mustPlan(t, Config{Scenario: "d-R", Reliability: Dedup, Ordering: OrderGlobal, Msgs: 1})
	assert.Equal(t, []string{"S1", "S2", "r1", "r2", "r3", "q"}, g.names)
	assert.Equal(t, []actor.ID{5}, g.msgs[1].direct)
	assert.Equal(t, []actor.ID{2, 3, 4}, g.members(0, 1))
	c := mustPlan(t, Config{Scenario: "c-L", Reliability: Atomic, Ordering: OrderTotal, Msgs: 2})
	assert.Equal(t, []actor.ID{4}, c.msgs[0].direct, "m1 goes to G1 only: q1")
	assert.Equal(t, []actor.ID{5}, c.msgs[1].direct, "m2 goes to G2 only: q2")
}

// TestSenderPlan: the sender's copies in order, the FIFO numbers per
// (sender, receiver) and the vector timestamps; at the atomic level the
// sender sends to the first direct receiver only (the chain).
func TestSenderPlan(t *testing.T) {
	p := mustPlan(t, Config{Scenario: "c-L", Reliability: Recovery, Ordering: OrderFIFO, Msgs: 2})
	assert.Equal(t, []send{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}}, p.sends[0])
	assert.Equal(t, uint8(1), p.msgs[0].fifo[2])
	assert.Equal(t, uint8(2), p.msgs[1].fifo[2], "m2 is S1's second message to r2")
	assert.Equal(t, [MaxSenders]uint8{2, 0}, p.msgs[1].vt, "T(m2) = (2,0)")
	assert.True(t, p.happenedBefore(0, 1))
	assert.False(t, p.happenedBefore(1, 0))
	a := mustPlan(t, Config{Scenario: "c-L", Reliability: Atomic, Ordering: OrderFIFO, Msgs: 2})
	assert.Equal(t, []send{{0, 1}, {1, 2}}, a.sends[0])
	next, ok := a.successor(0, 1)
	assert.True(t, ok)
	assert.Equal(t, actor.ID(2), next)
	_, ok = a.successor(0, 3)
	assert.False(t, ok, "r3 ends m1's chain")
}

// TestNackRecovers: "omission detection/recovery per receiver". r1 misses
// copy 1 of S1's stream, sees copy 2, detects the gap and sends Nack(1);
// S1 retransmits copy 1, and r1 delivers both in order.
func TestNackRecovers(t *testing.T) {
	m := mustNew(t, Config{Scenario: "a", Reliability: Recovery, Ordering: OrderFIFO, Msgs: 2, Faults: actor.Faults{Drop: 1}})
	s := exploretest.Run(t, m,
		"timeout p0 send", "drop p0->p1 Data(m1 #1)", "timeout p0 send", "timeout p0 send",
		"deliver p0->p1 Data(m2 #2)")
	r1 := s.Local(1)
	assert.Equal(t, "{m2}", msgSet(r1.Held), "m2 is held back")
	assert.Empty(t, deliveredBy(s, 1))
	s = exploretest.Step(t, m, s, "deliver p1->p0 Nack(1)")
	s = exploretest.Step(t, m, s, "deliver p0->p1 Data(m1 #1)")
	r1 = s.Local(1)
	assert.Equal(t, []uint8{0, 1}, deliveredBy(s, 1))
	s = exploretest.Step(t, m, s, "deliver p1->p0 Ack(2)")
	assert.Equal(t, uint8(2), s.Local(0).Out[1].Acked)
}

// TestTailLossRetransmitted: a lost last copy shows no gap; the origin's
// retransmission timer sends the first unacknowledged copy again.
func TestTailLossRetransmitted(t *testing.T) {
	m := mustNew(t, Config{Scenario: "a", Reliability: Recovery, Ordering: OrderNone, Msgs: 1, Faults: actor.Faults{Drop: 1}})
	s := exploretest.Run(t, m,
		"timeout p0 send", "drop p0->p1 Data(m1 #1)", "timeout p0 send",
		"deliver p0->p2 Data(m1 #1)", "deliver p2->p0 Ack(1)", "timeout p0 retransmit",
		"deliver p0->p1 Data(m1 #1)", "deliver p1->p0 Ack(1)")
	assert.Equal(t, []uint8{0}, deliveredBy(s, 1))
	assert.False(t, s.TimerSet(0, timerRetransmit), "every copy acknowledged: the timer stops")
	assert.Empty(t, s.Net)
}

// TestChainSurvivesCrash: at the atomic level the sender crashes right
// after its one send; the first receiver forwards the message along the
// chain and both receivers deliver it.
func TestChainSurvivesCrash(t *testing.T) {
	m := mustNew(t, Config{Scenario: "a", Reliability: Atomic, Ordering: OrderFIFO, Msgs: 1, Faults: actor.Faults{Crash: 1}})
	s := exploretest.Run(t, m,
		"timeout p0 send", "crash p0", "deliver p0->p1 Data(m1 #1)", "deliver p1->p2 Relay(m1 #1)")
	assert.Equal(t, []uint8{0}, deliveredBy(s, 1))
	assert.Equal(t, []uint8{0}, deliveredBy(s, 2))
}

// TestCrashCutsMulticast: below the atomic level a crash between two sends
// of one multicast leaves it delivered by some destinations only.
func TestCrashCutsMulticast(t *testing.T) {
	m := mustNew(t, Config{Scenario: "a", Reliability: Recovery, Ordering: OrderFIFO, Msgs: 1, Faults: actor.Faults{Crash: 1}})
	p := mustPlan(t, Config{Scenario: "a", Reliability: Recovery, Ordering: OrderFIFO, Msgs: 1})
	s := exploretest.Run(t, m, "timeout p0 send", "crash p0", "deliver p0->p1 Data(m1 #1)", "deliver p1->p0 Ack(1) (lost: p0 down)")
	assert.True(t, p.partial(s), "m1 delivered by r1, never by r2")
	assert.True(t, p.noOmission(s), "a crashed sender's messages are all-or-none's business")
	var steps []string
	m.Next(s, func(a Action, _ State) { steps = append(steps, a.String()) })
	assert.Empty(t, steps, "nothing can complete the multicast")
}

// TestCausalRule follows the text's rule at r1: m2 (T=(2)) arrives first
// and is delayed; m1 (T=(1)) is accepted and m2, examined again, too; a
// duplicate of m1 is rejected (at best effort it reaches the rule).
func TestCausalRule(t *testing.T) {
	m := mustNew(t, Config{Scenario: "a", Reliability: BestEffort, Ordering: OrderCausal, Msgs: 2, Faults: actor.Faults{Dup: 1}})
	s := exploretest.Run(t, m, "timeout p0 send", "dup p0->p1 Data(m1 #1)", "timeout p0 send", "timeout p0 send",
		"deliver p0->p1 Data(m2 #2)")
	assert.Equal(t, "{m2}", msgSet(s.Local(1).Held), "T_1 = 2 > S_1 + 1 = 1: delay")
	s = exploretest.Step(t, m, s, "deliver p0->p1 Data(m1 #1)")
	assert.Equal(t, []uint8{0, 1}, deliveredBy(s, 1), "accept m1, then the delayed m2")
	assert.Equal(t, [MaxSenders]uint8{2, 0}, s.Local(1).Cnt, "S after Rx")
	s = exploretest.Step(t, m, s, "deliver p0->p1 Data(m1 #1)")
	assert.Equal(t, []uint8{0, 1}, deliveredBy(s, 1), "T_1 = 1 <= S_1 = 2: reject")
}

// TestHandCount: scenario (a), best effort, no ordering, one message, no
// fault. The sender has sent 0, 1 or 2 copies, each sent copy is in
// flight or delivered: 1 + 2 + 4 = 7 states.
func TestHandCount(t *testing.T) {
	m := mustNew(t, Config{Scenario: "a", Reliability: BestEffort, Ordering: OrderNone, Msgs: 1})
	exploretest.CrossCheck(t, m, 7)
}

// TestMeasures: over the final states of fault-free runs, the data copies
// per multicast are what each mechanism sends, counted by hand: one per
// destination (a) and (b) with FIFO; the same along the atomic chain
// (sender to r1, r1 to r2); one to the sequencer plus one per member with
// a global sequencer.
func TestMeasures(t *testing.T) {
	for _, tc := range []struct {
		scen, rel, ord string
		msgs           int
		copies, units  int
	}{
		{"a", Recovery, OrderFIFO, 2, 4, 2},
		{"b", Atomic, OrderFIFO, 1, 4, 2},
		{"b", Dedup, OrderGlobal, 1, 6, 2},
		{"c-L", Dedup, OrderTotal, 2, 2 + 3 + 2, 2},
	} {
		m := mustNew(t, Config{Scenario: tc.scen, Reliability: tc.rel, Ordering: tc.ord, Msgs: tc.msgs})
		finals := exploretest.Finals(t, m)
		require.NotEmpty(t, finals)
		for _, s := range finals {
			assert.Equal(t, tc.copies, DataCopies(s), "(%s) %s %s copies", tc.scen, tc.rel, tc.ord)
			assert.Equal(t, tc.units, Multicasts(s), "(%s) %s %s multicasts", tc.scen, tc.rel, tc.ord)
		}
	}
}
