package counterexamples

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

type pmsg struct{ pong bool }

func (m pmsg) AppendKey(dst []byte) []byte { return model.AppendBool(dst, m.pong) }
func (m pmsg) String() string {
	if m.pong {
		return "Pong"
	}
	return "Ping"
}

type pproc struct{ got int }

func (p pproc) AppendKey(dst []byte) []byte { return model.AppendInt(dst, p.got) }
func (p pproc) String() string              { return "got=" + strconv.Itoa(p.got) }

// pingTrace runs model/actor's pinger and ponger to the end, always taking
// the first step, and returns the trace.
func pingTrace(t *testing.T) *model.Trace {
	recv := func(c *actor.Ctx[pmsg], s pproc, from actor.ID, m pmsg) pproc {
		if !m.pong {
			c.Send(from, pmsg{pong: true})
		} else {
			c.Return(m)
		}
		s.got++
		return s
	}
	sys, err := actor.New(actor.Config[pproc, pmsg]{Actors: []actor.Actor[pproc, pmsg]{
		{Name: "pinger", Start: func(c *actor.Ctx[pmsg]) pproc { c.Call(pmsg{}); c.Send(1, pmsg{}); return pproc{} }, Receive: recv},
		{Name: "ponger", Start: func(c *actor.Ctx[pmsg]) pproc { return pproc{} }, Receive: recv},
	}})
	require.NoError(t, err)
	tr := &model.Trace{Loop: -1}
	var s actor.State[pproc, pmsg]
	sys.Init(func(init actor.State[pproc, pmsg]) { s = init })
	tr.Path, tr.Steps = []int{0}, []model.Step{{State: s}}
	for {
		var next *model.Step
		sys.Next(s, func(a actor.Action[pmsg], n actor.State[pproc, pmsg]) {
			if next == nil {
				next, s = &model.Step{Action: a.String(), State: n}, n
			}
		})
		if next == nil {
			return tr
		}
		tr.Path, tr.Steps = append(tr.Path, 0), append(tr.Steps, *next)
	}
}

// TestActorStatesRender: with model/actor's own states, a trace names
// processes by id and role in fields and lifelines, and notes the initial
// states, local changes and history events.
func TestActorStatesRender(t *testing.T) {
	tr := pingTrace(t)
	var text, diagram strings.Builder
	require.NoError(t, WriteTrace(&text, tr))
	require.NoError(t, WriteMermaid(&diagram, tr, MermaidOptions{Property: "no pong", Expect: model.ExpectAlways}))
	assert.Contains(t, text.String(), "p1(ponger)=got=1\n")
	assert.Equal(t, `sequenceDiagram
    participant p0 as p0(pinger)
    participant p1 as p1(ponger)
    Note over p0: got=0
    Note over p1: got=0
    Note over p0: history: call Ping
    p0->>p1: 1. Ping
    Note over p1: got=1
    p1->>p0: 2. Pong
    Note over p0: got=1
    Note over p0: history: return Pong
    Note over p0,p1: ✗ no pong fails here
`, diagram.String())
}
