package actor

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// The POR test system: p1 sends Msg(1) to p0 at start, p2 has a timer
// (or not); what p0 and p2 do with their inputs, and what the declaration
// says, vary per test (porSetup).
type porMsg struct{ K uint8 }

func (m porMsg) AppendKey(dst []byte) []byte { return append(dst, m.K) }
func (m porMsg) String() string              { return "Msg(" + string(rune('0'+m.K)) + ")" }

type porProc struct{ Got, Fired uint8 }

func (p porProc) AppendKey(dst []byte) []byte { return append(dst, p.Got, p.Fired) }

type (
	porState  = State[porProc, porMsg]
	porAction = Action[porMsg]
)

// porSetup configures the test system.
type porSetup struct {
	timer      bool  // p2 has a timer set at start
	timerTo0   bool  // p2's timeout sends to p0
	p0Resends  bool  // p0 resends Msg(3) to p2 on every delivery
	p0SendsTo2 bool  // p0 sends Msg(3) to p2 at start
	p0Calls    bool  // p0 records a history event on delivery
	p2Replies  bool  // p2 answers every message with Msg(4) to its sender
	p2Forwards bool  // p2 sends Msg(5) to p0 on every message it receives
	p1To2      bool  // p1 also sends Msg(6) to p2 at start
	reply      Sends // what MaySend says of p2 -> p0
	observeGot bool  // the properties read Got
	faults     Faults
	declare    bool // Config.Reduction is set
}

func porSystem(t *testing.T, o porSetup) *System[porProc, porMsg] {
	p0 := Actor[porProc, porMsg]{
		Start: func(c *Ctx[porMsg]) porProc {
			if o.p0SendsTo2 {
				c.Send(2, porMsg{3})
			}
			return porProc{}
		},
		Receive: func(c *Ctx[porMsg], s porProc, _ ID, m porMsg) porProc {
			if o.p0Resends {
				c.Resend(2, porMsg{3})
			}
			if o.p0Calls {
				c.Call(m)
			}
			s.Got++
			return s
		},
	}
	p1 := Actor[porProc, porMsg]{
		Start: func(c *Ctx[porMsg]) porProc {
			c.Send(0, porMsg{1})
			if o.p1To2 {
				c.Send(2, porMsg{6})
			}
			return porProc{}
		},
		Receive: func(_ *Ctx[porMsg], s porProc, _ ID, _ porMsg) porProc { return s },
	}
	p2 := Actor[porProc, porMsg]{
		Start: func(c *Ctx[porMsg]) porProc {
			if o.timer {
				c.SetTimer(0)
			}
			return porProc{}
		},
		Receive: func(c *Ctx[porMsg], s porProc, from ID, _ porMsg) porProc {
			if o.p2Replies {
				c.Send(from, porMsg{4})
			}
			if o.p2Forwards {
				c.Send(0, porMsg{5})
			}
			return s
		},
		Timeout: func(c *Ctx[porMsg], s porProc, _ Timer) porProc {
			if o.timerTo0 {
				c.Send(0, porMsg{2})
			}
			s.Fired++
			return s
		},
	}
	cfg := Config[porProc, porMsg]{
		Actors: []Actor[porProc, porMsg]{p0, p1, p2}, Faults: o.faults, Timers: []string{"t"},
		Properties: []model.Property[porState]{
			model.Always("got at most 1", func(s porState) bool { return !o.observeGot || s.Local(0).Got <= 1 }),
			model.Always("fired at most 9", func(s porState) bool { return s.Local(2).Fired <= 9 }), // holds: runs are complete
		},
	}
	if o.declare {
		cfg.Reduction = &Reduction[porProc, porMsg]{
			MaySend: func(from ID, _ porProc, to ID, _ bool) Sends {
				switch {
				case from == 2 && to == 0 && o.timerTo0:
					return SendsAny
				case from == 2 && to == 0 && o.p2Replies:
					return o.reply
				case from == 2 && to == 0 && o.p2Forwards:
					return SendsAfterReceive
				case from == 0 && to == 2 && o.p0Resends: // p0SendsTo2 sends at start only
					return SendsAny
				}
				return SendsNever
			},
			Observe: func(_ ID, p porProc) porProc {
				if o.observeGot {
					return porProc{Got: p.Got}
				}
				return porProc{}
			},
		}
	}
	sys, err := New(cfg)
	require.NoError(t, err)
	return sys
}

// ample returns the labels of the initial state's ample set, and whether
// it has one.
func ample(sys *System[porProc, porMsg]) ([]string, bool) {
	var s porState
	sys.Init(func(i porState) { s = i })
	var labels []string
	ok := sys.Ample(s, func(a porAction, _ porState, key bool) {
		labels = append(labels, a.String()+map[bool]string{true: " (key)"}[key])
	})
	return labels, ok
}

// TestAmpleDecisions: the ample set the layer offers, or its refusal, for
// each condition of System.Ample.
func TestAmpleDecisions(t *testing.T) {
	p0 := []string{"deliver p1->p0 Msg(1) (key)"}
	p2 := []string{"timeout p2 t (key)"}
	for name, c := range map[string]struct {
		setup porSetup
		want  []string // nil: no ample set
	}{
		"no declaration":                 {porSetup{timer: true}, nil},
		"independent: p0 first":          {porSetup{timer: true, declare: true}, p0},
		"p2 may send to p0: p2":          {porSetup{timer: true, timerTo0: true, declare: true}, p2},
		"p0's step is visible: p2":       {porSetup{timer: true, observeGot: true, declare: true}, p2},
		"history events: p2":             {porSetup{timer: true, p0Calls: true, declare: true}, p2},
		"p0 alone can move":              {porSetup{declare: true}, nil},
		"reply, no message to p2":        {porSetup{timer: true, p2Replies: true, reply: SendsInReply, declare: true}, p0},
		"reply to p0's message: p2":      {porSetup{timer: true, p2Replies: true, p0SendsTo2: true, reply: SendsInReply, declare: true}, []string{"deliver p0->p2 Msg(3) (key)", "timeout p2 t (key)"}},
		"a resend, none in flight":       {porSetup{timer: true, p0Resends: true, declare: true}, p0},
		"a resend absorbed: none":        {porSetup{timer: true, p0Resends: true, p0SendsTo2: true, declare: true}, nil},
		"after receive, nothing comes":   {porSetup{timer: true, p2Forwards: true, declare: true}, p0},
		"after receive, a message to p2": {porSetup{timer: true, p2Forwards: true, p1To2: true, declare: true}, []string{"deliver p1->p2 Msg(6) (key)", "timeout p2 t (key)"}},
		"crash budget: crash in set":     {porSetup{timer: true, faults: Faults{Crash: 1}, declare: true}, []string{"deliver p1->p0 Msg(1) (key)", "crash p0"}},
		"drop budget: drop in set":       {porSetup{timer: true, faults: Faults{Drop: 1}, declare: true}, []string{"deliver p1->p0 Msg(1) (key)", "drop p1->p0 Msg(1)"}},
		"partition budget: none":         {porSetup{timer: true, faults: Faults{Partition: 1}, declare: true}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			sys := porSystem(t, c.setup)
			assert.Equal(t, c.setup.declare, model.HasReduction(sys))
			labels, ok := ample(sys)
			assert.Equal(t, c.want != nil, ok)
			assert.Equal(t, c.want, labels)
		})
	}
}

// TestAmpleRunsAgree: on each setup (faults included), BFS with POR has
// the verdicts of the full run, fewer states, and traces that replay.
func TestAmpleRunsAgree(t *testing.T) {
	for _, o := range []porSetup{
		{timer: true, declare: true, faults: Faults{Crash: 1, Restart: 1, Drop: 1}},
		{timer: true, timerTo0: true, observeGot: true, declare: true, faults: Faults{Drop: 1, Dup: 1}},
		{timer: true, p2Replies: true, p0SendsTo2: true, reply: SendsInReply, declare: true, faults: Faults{Crash: 2, Restart: 1}},
		{timer: true, p2Forwards: true, p1To2: true, observeGot: true, declare: true, faults: Faults{Drop: 1}},
	} {
		sys := porSystem(t, o)
		full, err := explore.BFS(sys, explore.Options{Workers: 1})
		require.NoError(t, err)
		por, err := explore.BFS(sys, explore.Options{Workers: 2, POR: true})
		require.NoError(t, err)
		require.True(t, full.Complete && por.Complete)
		assert.Less(t, por.Distinct, full.Distinct, "each setup has independent steps to reduce")
		for i, p := range full.Properties {
			assert.Equal(t, p.Status, por.Properties[i].Status, "%s", p.Name)
			if q := por.Properties[i]; q.Trace != nil {
				_, err := explore.Replay(sys, q.Trace.Path)
				assert.NoError(t, err, "the trace replays on the full model")
			}
		}
	}
}

// TestCheckReduction: CheckReduction accepts the steps of a true
// declaration and names the step that contradicts a false one.
func TestCheckReduction(t *testing.T) {
	steps := func(sys *System[porProc, porMsg]) (errs []string) {
		_, err := explore.Visit(sys, explore.Options{Workers: 1}, func(s porState, _ explore.Visited) {
			sys.Next(s, func(a porAction, n porState) {
				if err := sys.CheckReduction(s, a, n); err != nil {
					require.ErrorIs(t, err, ErrReduction)
					errs = append(errs, err.Error())
				}
			})
		})
		require.NoError(t, err)
		return errs
	}
	o := porSetup{timer: true, timerTo0: true, p2Replies: true, reply: SendsInReply, declare: true}
	assert.Empty(t, steps(porSystem(t, o)))
	assert.Empty(t, steps(porSystem(t, porSetup{timer: true, p2Forwards: true, p1To2: true, declare: true})))
	o.timerTo0 = false // p2's timeout still sends to p0, but MaySend now says in reply only
	sys := porSystem(t, o)
	sys.cfg.Actors[2].Timeout = func(c *Ctx[porMsg], s porProc, _ Timer) porProc { c.Send(0, porMsg{2}); return s }
	errs := steps(sys)
	require.NotEmpty(t, errs)
	assert.True(t, strings.Contains(errs[0], "timeout p2 t sends to p0"), errs[0])

	// After receive, declared, but the timeout sends before any receive.
	sys = porSystem(t, porSetup{timer: true, p2Forwards: true, declare: true})
	sys.cfg.Actors[2].Timeout = func(c *Ctx[porMsg], s porProc, _ Timer) porProc { c.Send(0, porMsg{2}); return s }
	errs = steps(sys)
	require.NotEmpty(t, errs)
	assert.True(t, strings.Contains(errs[0], "MaySend(p2, p0) is after receive"), errs[0])
}
