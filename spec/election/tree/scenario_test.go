package tree

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// On the triangle, local edges are sorted by weight:
// p0: 0->p1 (w1), 1->p2 (w3); p1: 0->p0 (w1), 1->p2 (w2);
// p2: 0->p1 (w2), 1->p0 (w3).

// scenario returns the initial state of m with the given nodes' local
// states replaced and the given messages in flight (already in channel
// order), and no timers set.
func scenario(t *testing.T, m *Model, procs map[actor.ID]Proc, net ...actor.Envelope[Msg]) State {
	var s State
	m.Init(func(i State) { s = i })
	s.Procs = append([]actor.Proc[Proc](nil), s.Procs...)
	for i := range s.Procs {
		s.Procs[i].Timers = 0
		if p, ok := procs[actor.ID(i)]; ok {
			s.Procs[i].Local = p
		}
	}
	s.Net = net
	return s
}

// found returns a GHS node of the triangle awake at level l in fragment f,
// Found, with its lightest edge a Branch.
func found(deg int, l, f uint8) Proc {
	p := sleeping(deg)
	p.SN, p.LN, p.FN, p.SE[0] = Found, l, f, Branch
	return p
}

func env(from, to actor.ID, m Msg) actor.Envelope[Msg] {
	return actor.Envelope[Msg]{From: from, To: to, Msg: m}
}

// TestTestFromHigherLevelWaits: "if L > LN then place received message on
// the end of the queue" (response (6)); the broken variant answers at once.
// Once an Initiate raises the level, the Test is answered: p0 is now in
// the tester's fragment, so it rejects the edge. Reference: Gallager,
// Humblet and Spira 1983, Appendix, (6).
func TestTestFromHigherLevelWaits(t *testing.T) {
	test := Msg{Kind: Test, L: 1, F: 2}
	procs := map[actor.ID]Proc{0: found(2, 0, 0)}
	m := mustNew(t, Config{Queue: QueueDeferred})
	s := exploretest.Step(t, m, scenario(t, m, procs, env(2, 0, test)), "deliver p2->p0 Test(1,w2)")
	p0 := s.Local(0)
	assert.Equal(t, uint8(1), p0.NQ, "the Test waits on p0's queue")
	assert.Empty(t, s.Net, "and is not answered")

	s = scenario(t, m, map[actor.ID]Proc{0: p0}, env(1, 0, Msg{Kind: Initiate, L: 1, F: 2, S: Found}))
	s = exploretest.Step(t, m, s, "deliver p1->p0 Initiate(1,w2,Found)")
	assert.Zero(t, s.Local(0).NQ, "the Test is handled once p0 is at level 1")
	assert.Equal(t, Rejected, s.Local(0).SE[1], "p0 rejects the edge to p2: same fragment")
	assert.Equal(t, []actor.Envelope[Msg]{env(0, 2, Msg{Kind: Reject})}, s.Net)

	early := mustNew(t, Config{Queue: QueueDeferred, Variant: VariantAnswerTestEarly})
	s = exploretest.Step(t, early, scenario(t, early, procs, env(2, 0, test)), "deliver p2->p0 Test(1,w2)")
	assert.Equal(t, []actor.Envelope[Msg]{env(0, 2, Msg{Kind: Accept})}, s.Net,
		"answering early, p0 accepts an edge of the fragment it is joining")
}

// TestConnectFromLowerLevelAbsorbed: "if L < LN then begin SE(j) <-
// Branch; send Initiate(LN, FN, SN) on edge j; if SN = Find then
// find-count <- find-count + 1" (response (3)). Reference: Gallager,
// Humblet and Spira 1983, Appendix, (3).
func TestConnectFromLowerLevelAbsorbed(t *testing.T) {
	m := mustNew(t, Config{Queue: QueueDeferred})
	p1 := found(2, 1, 1)
	p1.SN, p1.TestEdge, p1.InBranch = Find, 1, 0
	s := exploretest.Step(t, m, scenario(t, m, map[actor.ID]Proc{1: p1}, env(2, 1, Msg{Kind: Connect, L: 0})),
		"deliver p2->p1 Connect(0)")
	got := s.Local(1)
	assert.Equal(t, Branch, got.SE[1])
	assert.Equal(t, uint8(1), got.FindCount, "p1 now waits for p2's Report too")
	assert.Equal(t, []actor.Envelope[Msg]{env(1, 2, Msg{Kind: Initiate, L: 1, F: 1, S: Find})}, s.Net)
}

// TestConnectOverBasicEdgeWaits: "else if SE(j) = Basic then place
// received message on the end of the queue" (response (3)): a fragment of
// the same level connects over an edge this fragment has not chosen.
// Reference: Gallager, Humblet and Spira 1983, Appendix, (3).
func TestConnectOverBasicEdgeWaits(t *testing.T) {
	m := mustNew(t, Config{Queue: QueueDeferred})
	s := exploretest.Step(t, m, scenario(t, m, map[actor.ID]Proc{1: found(2, 0, 0)}, env(2, 1, Msg{Kind: Connect, L: 0})),
		"deliver p2->p1 Connect(0)")
	assert.Equal(t, uint8(1), s.Local(1).NQ)
	assert.Empty(t, s.Net)
}

// TestInputQueueRequeues: with the paper's input queue, processing a
// head that must wait places it on the end, behind a message that arrived
// after it, which is then handled first.
func TestInputQueueRequeues(t *testing.T) {
	m := mustNew(t, Config{})
	p0 := found(2, 0, 0)
	p0 = p0.enqueue(1, Msg{Kind: Test, L: 1, F: 2})
	p0 = p0.enqueue(0, Msg{Kind: Initiate, L: 1, F: 2, S: Found})
	s := scenario(t, m, map[actor.ID]Proc{0: p0})
	s.Procs[0].Timers = 1 << timerProcess
	s = exploretest.Step(t, m, s, "timeout p0 process")
	q := s.Local(0)
	require.Equal(t, uint8(2), q.NQ)
	assert.Equal(t, Initiate, q.Queue[0].Msg.Kind, "the Initiate is now the head")
	assert.Equal(t, Test, q.Queue[1].Msg.Kind, "the Test went to the end")
	s = exploretest.Step(t, m, s, "timeout p0 process")
	s = exploretest.Step(t, m, s, "timeout p0 process")
	assert.Zero(t, s.Local(0).NQ, "at level 1 the Test is answered")
	assert.Equal(t, []actor.Envelope[Msg]{env(0, 2, Msg{Kind: Reject})}, s.Net)
}
