package actor

import (
	"testing"

	"github.com/protocheck/protocheck/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStateFields(t *testing.T) {
	s := State[tproc, tmsg]{
		Procs: []Proc[tproc]{{Local: tproc{}, Timers: 1 << 2}, {Local: tproc{}, Down: true}},
		Used:  Used{Crash: 1},
	}
	s.Net = []Envelope[tmsg]{{From: 0, To: 1, Msg: tmsg{}}}
	fs := s.Fields()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	assert.Equal(t, []string{"p0", "p1", "net", "faults"}, names)
	assert.Contains(t, fs[0].Value, "timers=2")
	assert.Contains(t, fs[1].Value, "(down)")
	assert.Equal(t, "["+s.Net[0].String()+"]", fs[2].Value)
	assert.Equal(t, model.Field{Name: "faults", Value: "crash:1"}, fs[3])
}

// TestStateFieldsNameTimers: states a System makes know its timer names.
func TestStateFieldsNameTimers(t *testing.T) {
	sys := echo(t, Unordered, Faults{}, 1)
	var s tstate
	sys.Init(func(init tstate) { s = init })
	require.True(t, s.TimerSet(0, retry))
	assert.Contains(t, s.Fields()[0].Value, "timers=retry")
	sys.Next(s, func(a taction, n tstate) {
		assert.Same(t, s.names, n.names, "%v keeps the names", a)
	})
	assert.Same(t, s.names, sys.Canonical(s).names)
}
