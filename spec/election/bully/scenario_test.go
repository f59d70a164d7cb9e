package bully

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model/actor"
)

// labels returns the labels of the steps m offers in s.
func labels(m *Model, s State) []string {
	var out []string
	m.Next(s, func(a Action, _ State) { out = append(out, a.String()) })
	return out
}

// step takes the step labelled label from s.
func step(t *testing.T, m *Model, s State, label string) State {
	t.Helper()
	var next *State
	m.Next(s, func(a Action, n State) {
		if next == nil && a.String() == label {
			next = &n
		}
	})
	require.NotNil(t, next, "no step %q from\n%v\nsteps: %q", label, s, labels(m, s))
	return *next
}

// run takes the steps from the single initial state of m.
func run(t *testing.T, m *Model, steps ...string) State {
	t.Helper()
	var s State
	m.Init(func(i State) { s = i })
	for _, l := range steps {
		s = step(t, m, s, l)
	}
	return s
}

func net(s State) []string {
	out := make([]string, len(s.Net))
	for i, e := range s.Net {
		out[i] = e.String()
	}
	return out
}

// TestBootStepOne: "Are-U-Up to higher numbered nodes"; the highest node
// has none and goes on to Enter-Election at once.
func TestBootStepOne(t *testing.T) {
	m := mustNew(t, Config{N: 3})
	s := run(t, m)
	assert.Equal(t, StatusProbing, s.Local(0).Status)
	assert.Equal(t, StatusProbing, s.Local(1).Status)
	assert.Equal(t, StatusCoordinating, s.Local(2).Status)
	assert.Equal(t, []string{"p0->p1 AreYouUp", "p0->p2 AreYouUp", "p1->p2 AreYouUp",
		"p2->p0 EnterElection", "p2->p1 EnterElection"}, net(s))
}

// TestReliableTimeouts: "if highest alive": the Are-U-Up timeout expires
// only once every higher node is down and nothing it sent is in flight;
// with unreliable timeouts it may expire at once.
func TestReliableTimeouts(t *testing.T) {
	m := mustNew(t, Config{N: 3, Faults: DefaultFaults})
	s := run(t, m, "crash p2")
	assert.NotContains(t, labels(m, s), "timeout p1 answer", "p2 sent Enter-Election before it crashed: not gone yet")
	s = step(t, m, s, "deliver p2->p1 EnterElection")
	assert.Equal(t, actor.ID(2), s.Local(1).Peer, "p1 is halted by p2")
	assert.NotContains(t, labels(m, s), "timeout p1 result", "p2's Enter-Election to p0 is still in flight")
	s = step(t, m, s, "deliver p2->p0 EnterElection")
	assert.Contains(t, labels(m, s), "timeout p1 result", "p2 is gone: p1 stops waiting for its Result")
	assert.Contains(t, labels(m, s), "timeout p0 result")

	u := mustNew(t, Config{N: 3, Variant: VariantUnreliableTimeouts})
	ls := labels(u, run(t, u))
	assert.Contains(t, ls, "timeout p0 answer", "unreliable: expires while p1 and p2 are alive")
	assert.NotContains(t, ls, "timeout p2 ack", "only the Are-U-Up timeout is unreliable")
}

// TestEnterElectionHalts: "Enter-Election received: transient state until
// Result": the node ACKs, follows nobody, ignores another node's Result
// and follows the sender on its Result. "When ACK or TRO for all lower
// nodes, send Result": the coordinator leads after the last ACK.
func TestEnterElectionHalts(t *testing.T) {
	m := mustNew(t, Config{N: 3})
	s := run(t, m, "deliver p2->p1 EnterElection")
	assert.Equal(t, Proc{Status: StatusHalted, Peer: 2}, s.Local(1))
	assert.Equal(t, -1, s.Local(1).leader(), "a halted node follows nobody")
	assert.Contains(t, net(s), "p1->p2 Ack")
	s = step(t, m, s, "deliver p1->p2 Ack")
	assert.Equal(t, uint64(0b10), s.Local(2).Acked)
	s = step(t, m, s, "deliver p2->p0 EnterElection")
	s = step(t, m, s, "deliver p0->p2 Ack")
	assert.Equal(t, Proc{Status: StatusNormal, Peer: 2}, s.Local(2), "every lower node ACKed: p2 leads")
	assert.Subset(t, net(s), []string{"p2->p0 Result", "p2->p1 Result"})
	s = step(t, m, s, "deliver p2->p1 Result")
	assert.Equal(t, Proc{Status: StatusNormal, Peer: 2}, s.Local(1))
	assert.True(t, s.TimerSet(1, timerLeader), "a follower watches its leader")
	assert.False(t, s.TimerSet(2, timerLeader), "the leader watches nobody")
}

// TestStaleMessagesIgnored: a node follows no lower node than the one it
// follows, and takes a Result only from the node it is halted by.
func TestStaleMessagesIgnored(t *testing.T) {
	m := mustNew(t, Config{N: 3})
	s := run(t, m, "deliver p2->p0 EnterElection")
	var c actor.Ctx[Msg]
	var tm timing // untimed
	receive := tm.receive
	halted := s.Local(0)
	assert.Equal(t, halted, receive(&c, halted, 1, Msg{EnterElection}), "halted by p2: ignores p1")
	assert.Equal(t, halted, receive(&c, halted, 1, Msg{Result}), "halted by p2: ignores p1's Result")
	follower := Proc{Status: StatusNormal, Peer: 2}
	assert.Equal(t, follower, receive(&c, follower, 1, Msg{EnterElection}), "follows p2: ignores p1")
}

// TestRecoveryStartsElection: a recovering node starts an election, and
// only once nothing to or from it is in flight.
func TestRecoveryStartsElection(t *testing.T) {
	m := mustNew(t, Config{N: 3, Start: StartElected, Faults: DefaultFaults})
	s := run(t, m, "crash p2", "timeout p1 leader")
	assert.Contains(t, net(s), "p1->p2 AreYouUp")
	assert.NotContains(t, labels(m, s), "restart p2", "Are-U-Up to p2 in flight")
	s = step(t, m, s, "deliver p1->p2 AreYouUp (lost: p2 down)")
	s = step(t, m, s, "restart p2")
	assert.Equal(t, StatusCoordinating, s.Local(2).Status, "the highest node needs ask nobody")
	assert.Subset(t, net(s), []string{"p2->p0 EnterElection", "p2->p1 EnterElection"})

	s = run(t, m, "crash p0", "restart p0")
	assert.Equal(t, StatusProbing, s.Local(0).Status)
	assert.Equal(t, []string{"p0->p1 AreYouUp", "p0->p2 AreYouUp"}, net(s))
}
