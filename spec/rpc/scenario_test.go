package rpc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// initial returns the only initial state of sys.
func initial(t *testing.T, sys *actor.System[Proc, Msg]) State {
	t.Helper()
	var states []State
	sys.Init(func(s State) { states = append(states, s) })
	require.Len(t, states, 1, "one initial state")
	return states[0]
}

// step takes the step labelled label from s.
func step(t *testing.T, sys *actor.System[Proc, Msg], s State, label string) State {
	t.Helper()
	var labels []string
	var found *State
	sys.Next(s, func(a actor.Action[Msg], next State) {
		labels = append(labels, a.String())
		if a.String() == label && found == nil {
			found = &next
		}
	})
	require.NotNil(t, found, "step %q not enabled; enabled: %q", label, labels)
	return *found
}

// run takes the labelled steps in order from the initial state.
func run(t *testing.T, sys *actor.System[Proc, Msg], labels ...string) State {
	t.Helper()
	s := initial(t, sys)
	for _, l := range labels {
		s = step(t, sys, s, l)
	}
	return s
}

// lastOutcome returns the outcome of the last return in s's history.
func lastOutcome(t *testing.T, s State) Outcome {
	t.Helper()
	for i := len(s.History) - 1; i >= 0; i-- {
		if s.History[i].Kind == actor.Return {
			return s.History[i].Op.(Outcome)
		}
	}
	require.Fail(t, "no return in the history")
	return Outcome{}
}

// TestBindingError: a call through a stale binding (the server moved after
// the binder answered, or the binder never learnt of the move) ends with
// the distinct binding-error outcome, not a hang. Reference: Birrell &
// Nelson 1984, section 3.1 (binding); PROTOCOLS.md, spec/rpc.
func TestBindingError(t *testing.T) {
	sys := mustNew(t, mustConfig(t, "server-moved", func(c *Config) { c.Faults = actor.Faults{Drop: 1} }))
	tests := map[string][]string{
		"moved after lookup": {
			"deliver p2->p0 Lookup",
			"deliver p0->p2 Binding(port=1 incarnation=0 version=0)",
			"timeout p1 move",
			"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
			"deliver p1->p2 Rejected(e0#0 no such port)",
		},
		"binder stale": {
			"timeout p1 move",
			"drop p1->p0 Register(port=2 incarnation=0 version=1)",
			"deliver p2->p0 Lookup",
			"deliver p0->p2 Binding(port=1 incarnation=0 version=0)",
			"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
			"deliver p1->p2 Rejected(e0#0 no such port)",
		},
	}
	for name, labels := range tests {
		t.Run(name, func(t *testing.T) {
			s := run(t, sys, labels...)
			cl := s.Local(FirstClient)
			assert.Equal(t, Done, cl.Phase, "the call has ended")
			assert.False(t, cl.Bound, "the stale binding is dropped")
			assert.Equal(t, BindError, lastOutcome(t, s).Kind, "the client got a binding error")
			assert.Equal(t, 0, execs(s, FirstClient, Xid{}), "the call did not run")
			assert.True(t, sys.Final(s), "a client that got its error is at an intended end")
			for _, p := range sys.Properties() {
				if p.Expect.String() == "always" {
					assert.True(t, p.Holds(s), "property %q", p.Name)
				}
			}
		})
	}
}

// TestSilentStalePort: in the broken variant the old port swallows the
// request; the client can only time out ("lost"), never learn the server
// moved.
func TestSilentStalePort(t *testing.T) {
	sys := mustNew(t, mustConfig(t, "server-moved-silent", func(c *Config) { c.Faults = actor.Faults{} }))
	s := run(t, sys,
		"deliver p2->p0 Lookup",
		"deliver p0->p2 Binding(port=1 incarnation=0 version=0)",
		"timeout p1 move",
		"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
		"timeout p2 retry",
		"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
		"timeout p2 retry",
	)
	assert.Equal(t, Lost, lastOutcome(t, s).Kind, "only a timeout")
	assert.True(t, s.Local(Server).Discarded)
}

// TestAtMostOnceServerCrash: a retransmission that reaches a restarted
// server is refused with the "server crashed" exception and the
// at-most-once client gives up, so the call runs at most once although the
// reply cache was lost. Reference: the chapter's "at most once: server
// raises an exception and client gives up".
func TestAtMostOnceServerCrash(t *testing.T) {
	sys := mustNew(t, mustConfig(t, "at-most-once", func(c *Config) { c.Faults = actor.Faults{Crash: 1, Restart: 1} }))
	s := run(t, sys,
		"deliver p2->p0 Lookup",
		"deliver p0->p2 Binding(port=1 incarnation=0 version=0)",
		"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
		"timeout p1 work",
		"crash p1",
		"restart p1",
		"timeout p2 retry",
		"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
		"deliver p1->p2 Crashed(e0#0 incarnation=1)",
	)
	assert.Equal(t, ServerCrashed, lastOutcome(t, s).Kind)
	assert.Equal(t, 1, execs(s, FirstClient, Xid{}), "ran once, before the crash")
	assert.Equal(t, int8(1), s.Local(Server).Counter, "the counter is on stable storage")
}

// TestExtermination: the rebooted client kills its orphan before it goes
// on.
func TestExtermination(t *testing.T) {
	sys := mustNew(t, mustConfig(t, "orphans-extermination", func(c *Config) { c.Faults = actor.Faults{Crash: 1, Restart: 1} }))
	s := run(t, sys,
		"deliver p2->p0 Lookup",
		"deliver p0->p2 Binding(port=1 incarnation=0 version=0)",
		"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
		"crash p2",
		"restart p2",
	)
	require.Equal(t, Killing, s.Local(FirstClient).Phase)
	require.Len(t, s.Local(Server).Running, 1, "the orphan still runs")
	s = step(t, sys, s, "deliver p2->p1 Kill(e1)")
	assert.Empty(t, s.Local(Server).Running, "the orphan is dead")
	assert.True(t, s.Local(Server).Killed)
	s = step(t, sys, s, "deliver p1->p2 KillAck(e1)")
	assert.Equal(t, Done, s.Local(FirstClient).Phase)
}

// TestHistory checks the conversion of a recorded history into porcupine
// operations: only ok outcomes are responses.
func TestHistory(t *testing.T) {
	c0, c1 := FirstClient, FirstClient+1
	s := State{History: []actor.Event{
		{Kind: actor.Call, Client: c0, Op: Call{Op: Inc}},
		{Kind: actor.Call, Client: c1, Op: Call{Op: Read}},
		{Kind: actor.Return, Client: c0, Op: Outcome{Kind: OK, Val: 1}},
		{Kind: actor.Return, Client: c1, Op: Outcome{Kind: Lost}},
		{Kind: actor.Call, Client: c0, Op: Call{Op: Read, Xid: Xid{Seq: 1}}},
	}}
	want := []invariants.Op[OpKind, int]{
		{Client: 0, Input: Inc, Output: 1, Call: 0, Return: 2},
		{Client: 1, Input: Read, Call: 1, Pending: true},
		{Client: 0, Input: Read, Call: 4, Pending: true},
	}
	assert.Equal(t, want, History(s))
	assert.True(t, Linearization(s).OK)
	s.History = append(s.History, actor.Event{Kind: actor.Return, Client: c0, Op: Outcome{Kind: OK, Val: 0, Xid: Xid{Seq: 1}}})
	assert.False(t, Linearization(s).OK, "a read of 0 after inc() -> 1")
}

// TestConfigErrors checks that New rejects bad configurations.
func TestConfigErrors(t *testing.T) {
	for name, edit := range map[string]func(*Config){
		"no client":       func(c *Config) { c.Clients = 0 },
		"three clients":   func(c *Config) { c.Clients = 3 },
		"no call":         func(c *Config) { c.Ops = 0 },
		"many retries":    func(c *Config) { c.Retries = 9 },
		"silent, unmoved": func(c *Config) { c.SilentStale = true },
	} {
		_, err := New(mustConfig(t, "", edit))
		assert.ErrorIs(t, err, ErrConfig, name)
	}
	_, err := VariantConfig("exactly-once")
	assert.ErrorIs(t, err, ErrConfig)
}
