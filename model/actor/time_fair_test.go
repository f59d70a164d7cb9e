package actor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// unfair wraps a system and withdraws the fairness of the steps of one
// kind: the control experiment of the fairness tests.
type unfair struct {
	*System[tproc, tmsg]
	kind ActionKind
}

// FairClass implements model.Fair.
func (u unfair) FairClass(a taction) (string, bool) {
	if a.Kind == u.kind {
		return "", false
	}
	return u.System.FairClass(a)
}

// hasFired reports whether p0 logged a firing of timer t.
func hasFired(t Timer) func(tstate) bool {
	return func(s tstate) bool {
		for _, v := range s.Local(0).Log {
			if v == 100+uint8(t) {
				return true
			}
		}
		return false
	}
}

// oneFiring is an Always property of the fairness systems, so that BFS
// explores them completely before the liveness engine runs.
var oneFiring = model.Always("fires once at most", func(s tstate) bool { return len(s.Local(0).Log) <= 1 })

// lonelyTimer returns a one-process timed system whose process sets a
// timer of 2 ticks and logs its firing, with "eventually it fires".
func lonelyTimer(t *testing.T) *System[tproc, tmsg] {
	a := echoActor(nil, 0)
	a.Start = func(c *Ctx[tmsg]) tproc { c.SetTimerAfter(after, 2); return tproc{} }
	a.Timeout = func(c *Ctx[tmsg], s tproc, tm Timer) tproc { return fired(s, tm) }
	sys, err := New(Config[tproc, tmsg]{
		Actors: []Actor[tproc, tmsg]{a}, Timers: []string{"exact", "after"}, Time: &TimeConfig{},
		Properties: []model.Property[tstate]{oneFiring, model.Eventually("the timer fires", hasFired(after))},
	})
	require.NoError(t, err)
	return sys
}

// lassoOf returns the labels of the loop of the named property's lasso.
func lassoOf(t *testing.T, res *explore.Result, name string) []string {
	t.Helper()
	p, ok := res.Property(name)
	require.True(t, ok)
	require.Equal(t, explore.Violated, p.Status, "%s: %s", name, p.Message)
	require.NotNil(t, p.Trace)
	require.GreaterOrEqual(t, p.Trace.Loop, 0, "a lasso")
	var loop []string
	for _, st := range p.Trace.Steps[p.Trace.Loop+1:] {
		loop = append(loop, st.Action)
	}
	return loop
}

// TestExpiredTimerCannotStallWhileTimePasses: once its timer has expired,
// a process may let time pass (the tick stays enabled beside the timeout),
// but not forever: the timer's class stays enabled across ticks, so weak
// fairness makes it fire and "the timer fires" holds. The control
// withdraws the timer's fairness: then the behaviour that ticks forever
// with the timer expired is fair, and the property fails with that lasso.
func TestExpiredTimerCannotStallWhileTimePasses(t *testing.T) {
	sys := lonelyTimer(t)
	res, err := explore.Check(sys, explore.Options{Workers: 2})
	require.NoError(t, err)
	require.True(t, res.Complete)
	p, _ := res.Property("the timer fires")
	assert.Equal(t, explore.Holds, p.Status, p.Message)

	ctl, err := explore.Check(unfair{sys, Timeout}, explore.Options{Workers: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"tick"}, lassoOf(t, ctl, "the timer fires"), "time passes forever, the timer expired")
}

// pingPong returns a timed two-process system that bounces a message
// forever (every delivery sends it back), in which p0 also sets a timer
// of 2 ticks; messages take up to 1 tick.
func pingPong(t *testing.T) *System[tproc, tmsg] {
	bounce := func(c *Ctx[tmsg], s tproc, from ID, m tmsg) tproc {
		c.Send(from, m)
		return s
	}
	p0 := echoActor(nil, 1)
	p0.Start = func(c *Ctx[tmsg]) tproc { c.Send(1, tmsg{Seq: 1}); c.SetTimerAfter(after, 2); return tproc{} }
	p0.Receive = bounce
	p0.Timeout = func(c *Ctx[tmsg], s tproc, tm Timer) tproc { return fired(s, tm) }
	p1 := echoActor(nil, 0)
	p1.Receive = bounce
	sys, err := New(Config[tproc, tmsg]{
		Actors: []Actor[tproc, tmsg]{p0, p1}, Timers: []string{"exact", "after"}, Time: &TimeConfig{MaxDelay: 1},
		Properties: []model.Property[tstate]{oneFiring, model.Eventually("the timer fires", hasFired(after))},
	})
	require.NoError(t, err)
	return sys
}

// TestTimeCannotStop: a message bounced forever between two processes
// never waits for time, yet "the timer fires" holds, because the tick is
// weakly fair: a Zeno behaviour (bouncing forever at one instant, the tick
// enabled all along) is not fair. The control withdraws the tick's
// fairness, and the property fails with a loop of deliveries and no tick.
func TestTimeCannotStop(t *testing.T) {
	sys := pingPong(t)
	res, err := explore.Check(sys, explore.Options{Workers: 2})
	require.NoError(t, err)
	require.True(t, res.Complete)
	p, _ := res.Property("the timer fires")
	assert.Equal(t, explore.Holds, p.Status, p.Message)

	ctl, err := explore.Check(unfair{sys, Tick}, explore.Options{Workers: 2})
	require.NoError(t, err)
	loop := lassoOf(t, ctl, "the timer fires")
	assert.NotContains(t, loop, "tick", "time stands still")
	assert.Contains(t, loop, "deliver p0->p1 Req(1)")
}

// TestQuiescentStateIsTerminal: time passing where nothing is pending is
// not a step when nothing else can happen, so a timed run still ends and
// the deadlock check still works: a process that waits for a message that
// never comes is a deadlock (Final says only "fired" is an end); with a
// timer to end the wait, there is none.
func TestQuiescentStateIsTerminal(t *testing.T) {
	for _, withTimer := range []bool{false, true} {
		a := echoActor(nil, 0)
		a.Start = func(c *Ctx[tmsg]) tproc {
			if withTimer {
				c.SetTimerAfter(after, 1)
			}
			return tproc{}
		}
		a.Timeout = func(c *Ctx[tmsg], s tproc, tm Timer) tproc { return fired(s, tm) }
		sys, err := New(Config[tproc, tmsg]{
			Actors: []Actor[tproc, tmsg]{a}, Timers: []string{"exact", "after"}, Time: &TimeConfig{},
			Properties: []model.Property[tstate]{model.Always("log short", func(s tstate) bool { return len(s.Local(0).Log) < 2 })},
			Final:      hasFired(after),
		})
		require.NoError(t, err)
		res, err := explore.BFS(sys, explore.Options{Workers: 2})
		require.NoError(t, err)
		require.True(t, res.Complete)
		p, ok := res.Property("deadlock free")
		require.True(t, ok)
		if withTimer {
			assert.Equal(t, explore.Holds, p.Status)
		} else {
			assert.Equal(t, explore.Violated, p.Status, "waiting forever is a deadlock, ticks or not")
		}
	}
}
