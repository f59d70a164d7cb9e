package actor

import (
	"testing"

	"github.com/protocheck/protocheck/model"
	"github.com/stretchr/testify/assert"
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
