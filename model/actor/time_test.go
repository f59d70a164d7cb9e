package actor

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Timers of the timed test systems.
const (
	exact Timer = 0 // set with SetDeadline
	after Timer = 1 // set with SetTimerAfter
)

// fired records that timer t fired in the process's log (as 100+t).
func fired(s tproc, t Timer) tproc {
	s.Log = append(s.Log[:len(s.Log):len(s.Log)], 100+uint8(t))
	return s
}

// clockSystem returns a timed two-process system: p0 sets the deadline
// "exact" (3 ticks) and the timer "after" (2 ticks) at start, and logs
// whatever arrives; p1 sends p0 one request. Messages take up to 2 ticks.
func clockSystem(t require.TestingT, tc TimeConfig) *System[tproc, tmsg] {
	p0 := echoActor(nil, 1)
	p0.Start = func(c *Ctx[tmsg]) tproc {
		c.SetDeadline(exact, 3)
		c.SetTimerAfter(after, 2)
		return tproc{}
	}
	p0.Timeout = func(c *Ctx[tmsg], s tproc, t Timer) tproc { return fired(s, t) }
	p0.Receive = func(c *Ctx[tmsg], s tproc, _ ID, m tmsg) tproc {
		s.Log = append(s.Log[:len(s.Log):len(s.Log)], m.Seq)
		return s
	}
	p1 := echoActor([]uint8{1}, 0)
	p1.Start = func(c *Ctx[tmsg]) tproc { c.Send(0, tmsg{Seq: 1}); return tproc{} }
	sys, err := New(Config[tproc, tmsg]{
		Actors: []Actor[tproc, tmsg]{p0, p1}, Timers: []string{"exact", "after"},
		Faults: Faults{Crash: 1, Restart: 1}, Time: &tc,
	})
	require.NoError(t, err)
	return sys
}

// walk calls visit on every path of up to depth steps from the initial
// states, with the number of ticks taken before each step (counted here,
// not read from the state).
func walk(sys *System[tproc, tmsg], depth int, visit func(a taction, s tstate, ticks int)) {
	var rec func(s tstate, ticks, left int)
	rec = func(s tstate, ticks, left int) {
		if left == 0 {
			return
		}
		sys.Next(s, func(a taction, n tstate) {
			visit(a, n, ticks)
			if a.Kind == Tick {
				rec(n, ticks+1, left-1)
			} else {
				rec(n, ticks, left-1)
			}
		})
	}
	for _, s := range initial(sys) {
		rec(s, 0, depth)
	}
}

// instants collects, per step label, the sorted instants it was taken at.
type instants map[string][]int

func (in instants) add(label string, at int) {
	if !slices.Contains(in[label], at) {
		in[label] = append(in[label], at)
		slices.Sort(in[label])
	}
}

// TestTimersAndDelaysOnEveryPath follows every path of the clock system up
// to 9 steps, counting ticks itself: the deadline fires at instant 3 and
// never elsewhere, the other timer at instant 2 or later, the message
// arrives at instant 0, 1 or 2, and each of those instants occurs (the
// bounds are not tighter than asked); the state's Ticks agrees with the
// count, and a crashed p0 restarts at least MinDowntime ticks after its
// crash.
func TestTimersAndDelaysOnEveryPath(t *testing.T) {
	sys := clockSystem(t, TimeConfig{MaxDelay: 2, MinDowntime: 2})
	seen := instants{}
	crashedAt := -1
	walk(sys, 9, func(a taction, s tstate, ticks int) {
		require.Equal(t, ticks+btoi(a.Kind == Tick), int(s.Ticks), "State.Ticks counts the ticks")
		switch a.Kind {
		case Crash:
			crashedAt = ticks
		case Restart:
			require.GreaterOrEqual(t, ticks-crashedAt, 2, "a restart %d ticks after the crash", ticks-crashedAt)
			seen.add("restart after", ticks-crashedAt)
		case Tick:
		default:
			seen.add(a.String(), ticks)
		}
	})
	assert.Equal(t, []int{3}, seen["timeout p0 exact"], "a deadline fires exactly when due")
	// Up to 6: 9 steps leave at most 6 ticks beside the delivery, the
	// deadline's firing and the timer's own.
	assert.Equal(t, []int{2, 3, 4, 5, 6}, seen["timeout p0 after"], "a timer fires once due, at any later time")
	assert.Equal(t, []int{0, 1, 2}, seen["deliver p1->p0 Req(1)"], "a message arrives within its bound, with every delay")
	// Up to 6 again: beside the crash, the restart and the delivery (lost).
	assert.Equal(t, []int{2, 3, 4, 5, 6}, seen["restart after"], "downtime at least MinDowntime, any longer")
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestCountdownStates counts by hand: a single process with one timer of
// 3 ticks has 5 states (3, 2, 1 and 0 ticks left, then fired), with and
// without urgency; the deadline leaves no tick at 0, the plain timer a
// tick that loops (time may pass before it fires). BFS and DFS agree.
func TestCountdownStates(t *testing.T) {
	for _, deadline := range []bool{false, true} {
		a := echoActor(nil, 0)
		a.Start = func(c *Ctx[tmsg]) tproc {
			if deadline {
				c.SetDeadline(0, 3)
			} else {
				c.SetTimerAfter(0, 3)
			}
			return tproc{}
		}
		a.Timeout = func(c *Ctx[tmsg], s tproc, t Timer) tproc { return fired(s, t) }
		sys, err := New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{a}, Timers: []string{"t"}, Time: &TimeConfig{},
			Properties: []model.Property[tstate]{model.Always("within its duration", func(s tstate) bool {
				left, _ := s.Remaining(0, 0)
				return left <= 3
			})}})
		require.NoError(t, err)
		states := enumerate(sys, nil)
		assert.Len(t, states, 5, "deadline=%v", deadline)
		bfs, err := explore.BFS(sys, explore.Options{Workers: 2})
		require.NoError(t, err)
		dfs, err := explore.DFS(sys, explore.Options{})
		require.NoError(t, err)
		assert.EqualValues(t, 5, bfs.Distinct)
		assert.EqualValues(t, 5, dfs.Distinct)
		for _, s := range states {
			var labels []string
			sys.Next(s, func(a taction, _ tstate) { labels = append(labels, a.String()) })
			left, urgent := s.Remaining(0, 0)
			switch {
			case !s.TimerSet(0, 0):
				assert.Empty(t, labels, "fired: nothing pending, the run ends (no idle tick)")
			case left > 0:
				assert.Equal(t, []string{"tick"}, labels)
			case urgent:
				assert.Equal(t, []string{"timeout p0 t"}, labels, "a due deadline: no tick")
			default:
				assert.Equal(t, []string{"timeout p0 t", "tick"}, labels, "an expired timer may wait")
			}
		}
	}
}

// TestUntimedIgnoresDurations: without Config.Time a timer set with a
// duration may fire at any moment, and there is no tick: the clock
// system's space is the one it has with SetTimer everywhere.
func TestUntimedIgnoresDurations(t *testing.T) {
	timed := clockSystem(t, TimeConfig{})
	untimed := clockSystem(t, TimeConfig{})
	untimed.cfg.Time, untimed.timed, untimed.names.timed = nil, false, false
	plain := clockSystem(t, TimeConfig{})
	plain.cfg.Time, plain.timed, plain.names.timed = nil, false, false
	plain.cfg.Actors[0].Start = func(c *Ctx[tmsg]) tproc { c.SetTimer(exact); c.SetTimer(after); return tproc{} }
	n := len(enumerate(untimed, func(_ tstate, a taction, _ tstate) {
		require.NotEqual(t, Tick, a.Kind, "no tick in an untimed run")
	}))
	assert.Equal(t, len(enumerate(plain, nil)), n)
	assert.NotEqual(t, len(enumerate(timed, nil)), n, "time changes the space")
}
