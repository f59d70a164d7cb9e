package actor

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

func TestStateFields(t *testing.T) {
	s := State[tproc, tmsg]{
		Procs: []Proc[tproc]{{Local: tproc{}, Timers: 1 << 2}, {Local: tproc{}, Down: true}},
		Used:  Used{Crash: 1, Drop: 2},
		Cut:   0b01,
	}
	s.Net = []Envelope[tmsg]{{From: 0, To: 1, Msg: tmsg{}}}
	fs := s.Fields()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	assert.Equal(t, []string{"p0", "p1", "net", "faults", "partition"}, names,
		"a state not made by a System names processes by bare id")
	assert.Contains(t, fs[0].Value, "timers=2", "an unnamed timer prints its index")
	assert.Contains(t, fs[1].Value, "(down)")
	assert.Equal(t, "["+s.Net[0].String()+"]", fs[2].Value)
	assert.Equal(t, model.Field{Name: "faults", Value: "drop:2,crash:1"}, fs[3])
	assert.Equal(t, model.Field{Name: "partition", Value: "{p0} | {p1}"}, fs[4], "a partition prints as two sets, not bits")
}

// TestStateFieldsNameRolesAndTimers: states a System makes know its timer
// names and its processes' roles, and keep them along every step.
func TestStateFieldsNameRolesAndTimers(t *testing.T) {
	a, b := echoActor([]uint8{1}, 1), echoActor(nil, 0)
	a.Name = "sender"
	sys, err := New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{a, b}, Timers: []string{"retry"}})
	require.NoError(t, err)
	var s tstate
	sys.Init(func(init tstate) { s = init })
	require.True(t, s.TimerSet(0, retry))
	fs := s.Fields()
	assert.Equal(t, "p0(sender)", fs[0].Name, "a process with a role is named id(role)")
	assert.Equal(t, "p1", fs[1].Name, "an actor without a Name keeps its bare id")
	assert.Contains(t, fs[0].Value, "timers=retry")
	assert.Equal(t, []string{"p0(sender)", "p1"}, s.ProcNames())
	assert.True(t, strings.HasPrefix(s.String(), "p0(sender) "), "String names processes as Fields does: %q", s.String())
	sys.Next(s, func(a taction, n tstate) {
		assert.Same(t, s.names, n.names, "%v keeps the names", a)
	})
	assert.Same(t, s.names, sys.Canonical(s).names)
}

func TestIDSet(t *testing.T) {
	assert.Equal(t, "{}", IDSet(0))
	assert.Equal(t, "{p1,p2}", IDSet(0b110))
	assert.Equal(t, "{p0,p63}", IDSet(1|1<<63))
	assert.Equal(t, "{p0,p2} | {p1,p3}", cutString(0b0101, 4), "the label form of a partition is unchanged")
	assert.Equal(t, "{} | {p0,p1}", cutString(0, 2))
}

func TestHistoryEvents(t *testing.T) {
	s := State[tproc, tmsg]{History: []Event{{Kind: Call, Client: 2, Op: tmsg{Seq: 1}}, {Kind: Return, Client: 2, Op: tmsg{Ack: true, Seq: 1}}}}
	assert.Equal(t, [][2]string{{"p2", "call Req(1)"}, {"p2", "return Ack(1)"}}, s.HistoryEvents())
	assert.Equal(t, "[p2 call Req(1), p2 return Ack(1)]", s.Fields()[len(s.Fields())-1].Value, "the history field lists the same events")
}
