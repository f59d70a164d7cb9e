package actor

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Timers of timedClients.
const (
	retryT Timer = 0 // client: retransmit, 2 ticks
	flushT Timer = 1 // server: a deadline of 1 tick after each request
)

// timedClients returns a timed server p0 and k interchangeable clients.
// A client sends a request, retransmits once if no ack comes within 2
// ticks, and stops its timer at the ack; the server logs each request's
// origin, acks it, and sets a 1-tick deadline that counts flushes.
func timedClients(t require.TestingT, k int, net Network, f Faults, tc TimeConfig) *System[tproc, tmsg] {
	srv := server()
	recv := srv.Receive
	srv.Receive = func(c *Ctx[tmsg], s tproc, from ID, m tmsg) tproc {
		if len(s.Log) >= 3 {
			return s
		}
		c.SetDeadline(flushT, 1)
		return recv(c, s, from, m)
	}
	srv.Timeout = func(c *Ctx[tmsg], s tproc, _ Timer) tproc { s.Acks = min(s.Acks+1, 2); return s }
	actors := []Actor[tproc, tmsg]{srv}
	var group []ID
	for i := 1; i <= k; i++ {
		actors = append(actors, Actor[tproc, tmsg]{
			Start: func(c *Ctx[tmsg]) tproc {
				c.Send(0, tmsg{Seq: 1, Origin: c.Self()})
				c.SetTimerAfter(retryT, 2)
				return tproc{Sent: 1}
			},
			Receive: func(c *Ctx[tmsg], s tproc, _ ID, m tmsg) tproc {
				c.CancelTimer(retryT)
				s.Acks = 1
				return s
			},
			Timeout: func(c *Ctx[tmsg], s tproc, _ Timer) tproc {
				if s.Sent < 2 {
					c.Resend(0, tmsg{Seq: 1, Origin: c.Self()})
					c.SetTimerAfter(retryT, 2)
					s.Sent++
				}
				return s
			},
		})
		group = append(group, ID(i))
	}
	sys, err := New(Config[tproc, tmsg]{
		Actors: actors, Network: net, Faults: f, Timers: []string{"retry", "flush"}, Time: &tc,
		Symmetry: [][]ID{group}, PermuteLocal: permuteProc, PermuteMsg: permuteMsg,
		Properties: []model.Property[tstate]{withinBudget(f)},
	})
	require.NoError(t, err)
	return sys
}

// timedFaults are the fault budgets of the timed engine tests.
var timedFaults = Faults{Drop: 1, Crash: 1, Restart: 1, Partition: 1}

// TestTimedEnginesAgree: BFS, DFS and the naive enumerator find the same
// states in a timed system with every fault, on both networks time allows
// (the counts pinned are those runs').
func TestTimedEnginesAgree(t *testing.T) {
	for net, pinned := range map[Network]int64{Unordered: 1696, FIFO: 1672} {
		sys := timedClients(t, 1, net, timedFaults, TimeConfig{MaxDelay: 1, MinDowntime: 1})
		bfs, err := explore.BFS(sys, explore.Options{Workers: 2})
		require.NoError(t, err)
		require.True(t, bfs.OK() && bfs.Complete)
		dfs, err := explore.DFS(sys, explore.Options{})
		require.NoError(t, err)
		want := len(enumerate(sys, nil))
		assert.EqualValues(t, want, bfs.Distinct, "%v: bfs = reference", net)
		assert.EqualValues(t, want, dfs.Distinct, "%v: dfs = reference", net)
		assert.Equal(t, pinned, bfs.Distinct, "%v", net)
		untimed := timedClients(t, 1, net, timedFaults, TimeConfig{})
		untimed.cfg.Time, untimed.timed, untimed.names.timed = nil, false, false
		t.Logf("%v: %d states timed, %d untimed", net, want, len(enumerate(untimed, nil)))
	}
}

// TestTickRules checks every reachable state and step of a timed system
// with every fault against the rules of time: a tick is enabled exactly
// when no live process has a due deadline, no message outside a partition
// is at its bound, and some bound is pending or another step is enabled;
// a tick lowers every remaining time by one (to 0) and changes nothing
// else; no other step changes a remaining time but by setting a timer,
// sending (at the bound), or a crash; and the network stays in canonical
// order, due times included.
func TestTickRules(t *testing.T) {
	sys := timedClients(t, 1, Unordered, timedFaults, TimeConfig{MaxDelay: 2, MinDowntime: 1})
	ticks := 0
	for _, s := range enumerate(sys, nil) {
		var tick *tstate
		others := 0
		sys.Next(s, func(a taction, n tstate) {
			if a.Kind == Tick {
				tick = &n
			} else {
				others++
			}
		})
		blocked, pending := false, false
		for i, p := range s.Procs {
			left, urgent := s.Remaining(ID(i), flushT)
			blocked = blocked || (!p.Down && urgent && left == 0 && s.TimerSet(ID(i), flushT))
			pending = pending || p.clock.pending()
		}
		for _, e := range s.Net {
			blocked = blocked || (e.Due == 0 && !s.Partitioned(e.From, e.To))
			pending = pending || e.Due > 0
			require.LessOrEqual(t, int(e.Due), 2, "a message's due time is within the bound")
		}
		require.Equal(t, !blocked && (pending || others > 0), tick != nil, "tick enabled in\n%v", s)
		requireCanonicalNet(t, s)
		if tick == nil {
			continue
		}
		ticks++
		require.Equal(t, len(s.Net), len(tick.Net))
		for i, e := range s.Net {
			want := e
			want.Due = max(e.Due, 1) - 1
			require.Equal(t, want, tick.Net[i], "a tick lowers a message's due time")
		}
		for i, p := range s.Procs {
			want := p
			want.clock = p.clock.tick()
			require.Equal(t, want, tick.Procs[i], "a tick lowers the remaining times")
		}
	}
	assert.Positive(t, ticks)
}

// requireCanonicalNet checks that s's network is sorted by channel, then
// message key, then due time.
func requireCanonicalNet(t *testing.T, s tstate) {
	for i := 1; i < len(s.Net); i++ {
		a, b := &s.Net[i-1], &s.Net[i]
		c := compareChan(a, b)
		if c == 0 {
			c = bytes.Compare(a.Msg.AppendKey(nil), b.Msg.AppendKey(nil))
		}
		if c == 0 {
			c = int(a.Due) - int(b.Due)
		}
		require.LessOrEqual(t, c, 0, "network not canonical: %v", s)
	}
}

// TestTimedSymmetryIsComplete: with time, Canonical still gives one key
// per orbit (brute force over every permutation of three clients), and
// the remaining times travel with their process.
func TestTimedSymmetryIsComplete(t *testing.T) {
	sys := timedClients(t, 3, Unordered, Faults{Drop: 1}, TimeConfig{MaxDelay: 1})
	states := enumerate(sys, nil)
	perms := allPerms(3)
	orbits, canon := map[string]bool{}, map[string]bool{}
	for _, s := range states {
		c := key(sys.Canonical(s))
		canon[c] = true
		least := ""
		for _, p := range perms {
			ps := sys.permute(&s, p)
			require.Equal(t, c, key(sys.Canonical(ps)), "Canonical must give one key per orbit")
			for i := range s.Procs {
				require.Equal(t, s.Procs[i].clock, ps.Procs[p[i]].clock, "a clock moves with its process")
			}
			if pk := key(ps); least == "" || pk < least {
				least = pk
			}
		}
		orbits[least] = true
	}
	assert.Equal(t, len(orbits), len(canon))
	assert.Less(t, len(canon), len(states), "symmetry must reduce the space")
}

// TestTimedFieldsShowDeadlines: a trace shows the time, when each timer
// may fire and when each message must arrive.
func TestTimedFieldsShowDeadlines(t *testing.T) {
	sys := timedClients(t, 1, Unordered, Faults{Crash: 1, Restart: 1}, TimeConfig{MaxDelay: 1, MinDowntime: 2})
	s := initial(sys)[0]
	fields := func(s tstate) map[string]string {
		out := map[string]string{}
		for _, f := range s.Fields() {
			out[f.Name] = f.Value
		}
		return out
	}
	f := fields(s)
	assert.Equal(t, "0", f["time"])
	assert.Contains(t, f["p1"], "timers=retry(in 2)")
	assert.Equal(t, "[p1->p0 Req(1) (due in 1)]", f["net"])
	s = takeStep(t, sys, s, "tick")
	s = takeStep(t, sys, s, "deliver p1->p0 Req(1)")
	f = fields(s)
	assert.Equal(t, "1", f["time"])
	assert.Contains(t, f["p0"], "timers=flush(deadline in 1)")
	assert.Contains(t, f["p1"], "timers=retry(in 1)")
	assert.Equal(t, "[p0->p1 Ack(1) (due in 1)]", f["net"])
	s = takeStep(t, sys, s, "tick")
	f = fields(s)
	assert.Contains(t, f["p0"], "timers=flush(deadline now)")
	assert.Contains(t, f["p1"], "timers=retry(ready)")
	assert.Contains(t, s.String(), "time 2\n")
	s = takeStep(t, sys, s, "crash p1")
	assert.Contains(t, fields(s)["p1"], "(down, restart in 2)")
}

// takeStep takes the step labelled label from s.
func takeStep(t *testing.T, sys *System[tproc, tmsg], s tstate, label string) tstate {
	t.Helper()
	var out *tstate
	var labels []string
	sys.Next(s, func(a taction, n tstate) {
		labels = append(labels, a.String())
		if a.String() == label && out == nil {
			out = &n
		}
	})
	require.NotNil(t, out, "%q not enabled: %q", label, labels)
	return *out
}

// TestTimeConfigErrors: New refuses a duplicating network, too many timers
// and bounds out of range in a timed run; a duration out of range panics.
func TestTimeConfigErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		net    Network
		timers int
		time   TimeConfig
	}{
		"duplicating":   {Duplicating, 1, TimeConfig{}},
		"seven timers":  {Unordered, 7, TimeConfig{}},
		"negative":      {Unordered, 1, TimeConfig{MaxDelay: -1}},
		"long downtime": {Unordered, 1, TimeConfig{MinDowntime: MaxTicks + 1}},
	} {
		_, err := New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{echoActor(nil, 0)}, Network: tc.net,
			Timers: strings.Split(strings.Repeat("t,", tc.timers-1)+"t", ","), Time: &tc.time})
		assert.ErrorIs(t, err, ErrConfig, name)
	}
	c := &Ctx[tmsg]{n: 1}
	assert.Panics(t, func() { c.SetTimerAfter(0, MaxTicks+1) })
	assert.Panics(t, func() { c.SetDeadline(MaxTimedTimers, 1) })
}
