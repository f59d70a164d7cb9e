package actor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// stepsIn returns the successors of s with the System plain or not.
func stepsIn(sys *System[tproc, tmsg], s tstate, plain bool) []step {
	defer sys.caches.plain.Store(sys.caches.plain.Load())
	sys.caches.plain.Store(plain)
	return successors(sys, s)
}

// TestPlainStepsMatchCached walks random schedules of faulty and timed
// systems, taking each step plain and through the caches (twice: the
// second time from the memos, to the same vectors): the same actions, in
// the same order, to equal states (fields and keys), and Canonical agrees
// too.
func TestPlainStepsMatchCached(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		var sys *System[tproc, tmsg]
		if rapid.Bool().Draw(rt, "timed") {
			sys, _ = DrawTimedSystem(rt)
		} else {
			sys, _ = DrawFaultySystem(rt)
		}
		s := initial(sys)[0]
		for i := 0; i < 30; i++ {
			cached, plain := stepsIn(sys, s, false), stepsIn(sys, s, true)
			again := stepsIn(sys, s, false) // from the memos this time
			require.Equal(rt, len(cached), len(plain))
			require.Equal(rt, len(cached), len(again))
			for j := range cached {
				a, b := cached[j], plain[j]
				require.Same(rt, a.s.pe, again[j].s.pe, "%v: the same step, the same vector", a.a)
				require.Same(rt, a.s.ne, again[j].s.ne, "%v: the same step, the same network", a.a)
				require.Equal(rt, a.a.String(), b.a.String())
				require.Equal(rt, key(a.s), key(b.s), "%v", a.a)
				require.Equal(rt, a.s.Procs, b.s.Procs, "%v", a.a)
				require.Equal(rt, a.s.Net, b.s.Net, "%v", a.a)
				require.Equal(rt, key(sys.Canonical(a.s)), key(sys.Canonical(b.s)), "%v", a.a)
			}
			if len(cached) == 0 {
				return
			}
			s = cached[rapid.IntRange(0, len(cached)-1).Draw(rt, "step")].s
		}
	})
}

// countProc is the counters' local state.
type countProc struct{ N int }

func (p countProc) AppendKey(dst []byte) []byte { return model.AppendInt(dst, p.N) }

// counters is a system of two processes whose timers count to n each:
// its (n+1)^2 states have as many process vectors.
func counters(t *testing.T, n int) *System[countProc, tmsg] {
	count := Actor[countProc, tmsg]{
		Start:   func(c *Ctx[tmsg]) countProc { c.SetTimer(retry); return countProc{} },
		Receive: func(c *Ctx[tmsg], s countProc, _ ID, _ tmsg) countProc { return s },
		Timeout: func(c *Ctx[tmsg], s countProc, _ Timer) countProc {
			if s.N++; s.N < n {
				c.SetTimer(retry)
			}
			return s
		},
	}
	sys, err := New(Config[countProc, tmsg]{
		Actors: []Actor[countProc, tmsg]{count, count},
		Timers: []string{"retry"},
		Properties: []model.Property[State[countProc, tmsg]]{
			model.Always("bounded", func(s State[countProc, tmsg]) bool { return s.Local(0).N <= n }),
		},
	})
	require.NoError(t, err)
	return sys
}

// TestSystemTurnsPlain: a System whose steps keep making new vectors turns
// plain once it has counted enough look-ups, and explores the same space;
// one whose vectors repeat keeps its caches.
func TestSystemTurnsPlain(t *testing.T) {
	n := 400 // 160,801 states, two look-ups each
	sys := counters(t, n)
	res, err := explore.BFS(sys, explore.Options{Workers: 1})
	require.NoError(t, err)
	require.True(t, res.OK() && res.Complete)
	assert.EqualValues(t, (n+1)*(n+1), res.Distinct)
	assert.True(t, sys.caches.plain.Load(), "every look-up made an entry: %d of %d",
		sys.caches.creates.Load(), sys.caches.lookups.Load())
	assert.True(t, sys.caches.procs.table.Load() == nil, "a plain System drops its caches")

	rep := echo(t, Unordered, Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1}, 1, 2, 3)
	enumerate(rep, nil)
	require.GreaterOrEqual(t, rep.caches.lookups.Load(), int64(plainAfter), "enough look-ups to decide")
	assert.False(t, rep.caches.plain.Load(), "vectors repeat: %d entries for %d look-ups",
		rep.caches.creates.Load(), rep.caches.lookups.Load())
}

// TestAccountRule checks the rule on counts: plain only after plainAfter
// look-ups of which more than one in plainRatio made an entry.
func TestAccountRule(t *testing.T) {
	for _, c := range []struct {
		lookups, creates int64
		plain            bool
	}{
		{plainAfter - 1, plainAfter - 1, false},
		{plainAfter, plainAfter / plainRatio, false},
		{plainAfter, plainAfter/plainRatio + 1, true},
		{4 * plainAfter, plainAfter, true},
	} {
		sys := echo(t, Unordered, Faults{})
		ctx := &Ctx[tmsg]{lookups: c.lookups, creates: c.creates}
		sys.account(ctx)
		assert.Equal(t, c.plain, sys.caches.plain.Load(), "%+v", c)
		assert.Zero(t, ctx.lookups+ctx.creates, "the counts moved to the System")
	}
}
