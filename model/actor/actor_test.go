package actor

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

var (
	_ model.Model[tstate, taction] = (*System[tproc, tmsg])(nil)
	_ model.Finaler[tstate]        = (*System[tproc, tmsg])(nil)
	_ model.Fair[taction]          = (*System[tproc, tmsg])(nil)
	_ model.FairKeyer[taction]     = (*System[tproc, tmsg])(nil)
	_ model.Symmetric[tstate]      = (*System[tproc, tmsg])(nil)
)

func initial(sys *System[tproc, tmsg]) []tstate {
	var out []tstate
	sys.Init(func(s tstate) { out = append(out, s) })
	return out
}

func TestCanonicalNetworkIgnoresSendOrder(t *testing.T) {
	for _, net := range []Network{Unordered, Duplicating} {
		a := initial(echo(t, net, Faults{}, 1, 2, 3))
		b := initial(echo(t, net, Faults{}, 3, 1, 2))
		require.Len(t, a, 1)
		require.Len(t, b, 1)
		assert.Equal(t, key(a[0]), key(b[0]), "%v: the same messages sent in another order must give the same key", net)
	}
	a := initial(echo(t, FIFO, Faults{}, 1, 2))
	b := initial(echo(t, FIFO, Faults{}, 2, 1))
	assert.NotEqual(t, key(a[0]), key(b[0]), "fifo: the order within a channel is part of the state")
}

func TestCanonicalNetworkAfterDeliveries(t *testing.T) {
	// Every reachable state's network is in canonical order: re-inserting
	// its messages in any order gives the same slice.
	sys := echo(t, Unordered, Faults{Dup: 1}, 2, 1, 2)
	enumerate(sys, func(_ tstate, _ taction, s tstate) {
		rev := slices.Clone(s.Net)
		slices.Reverse(rev)
		empty := tstate{Procs: s.Procs}
		sys.intern(&empty, new(msgKeys))
		got, _ := sys.send(&empty, -1, &Ctx[tmsg]{sends: rev, resend: make([]bool, len(rev))})
		require.Equal(t, s.Net, got, "network not canonical in %v", s)
	})
}

// orders returns the logs p1 can end with.
func orders(t *testing.T, net Network, sends ...uint8) [][]uint8 {
	var out [][]uint8
	for _, s := range enumerate(echo(t, net, Faults{}, sends...), nil) {
		if l := s.Local(1).Log; len(l) == len(sends)+1 && !slices.ContainsFunc(out, func(o []uint8) bool { return slices.Equal(o, l) }) {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

func TestDeliveryOrders(t *testing.T) {
	// The retry timer adds request 9 after 1 and 2 were sent.
	assert.Equal(t, [][]uint8{{1, 2, 9}}, orders(t, FIFO, 1, 2), "fifo keeps the send order per channel")
	assert.Equal(t, [][]uint8{{1, 2, 9}, {1, 9, 2}, {2, 1, 9}, {2, 9, 1}, {9, 1, 2}, {9, 2, 1}},
		orders(t, Unordered, 1, 2), "unordered allows every order")
}

func TestDuplicatingNetworkRedelivers(t *testing.T) {
	redelivered := false
	for _, s := range enumerate(echo(t, Duplicating, Faults{}, 1), nil) {
		redelivered = redelivered || slices.Equal(s.Local(1).Log[:min(2, len(s.Local(1).Log))], []uint8{1, 1})
		assert.LessOrEqual(t, len(s.Net), 4, "the network is a set: Req(1), Req(9), Ack(1), Ack(9)")
	}
	assert.True(t, redelivered, "a duplicating network delivers a message again")
}

func TestFaultBudgetsRespected(t *testing.T) {
	budget := Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1, Partition: 1}
	sys := echo(t, Unordered, budget, 1, 2)
	seen := map[ActionKind]bool{}
	enumerate(sys, func(from tstate, a taction, to tstate) {
		seen[a.Kind] = true
		requireWithinBudget(t, to.Used, budget)
		want := from.Used
		switch a.Kind {
		case Drop:
			want.Drop++
		case Dup:
			want.Dup++
		case Crash:
			want.Crash++
		case Restart:
			want.Restart++
		case Partition:
			want.Partition++
		}
		require.Equal(t, want, to.Used, "step %v must count exactly its own fault", a)
	})
	for k := Deliver; k <= Heal; k++ {
		assert.True(t, seen[k], "some step of kind %v should be enabled", k)
	}
}

func TestNoFaultsWithoutBudget(t *testing.T) {
	enumerate(echo(t, Unordered, Faults{}, 1, 2), func(_ tstate, a taction, _ tstate) {
		require.False(t, a.Kind.Fault() || a.Kind == Restart || a.Kind == Heal, "fault step %v without budget", a)
	})
}

func TestCrashKeepsExactlyStableState(t *testing.T) {
	sys := echo(t, Unordered, Faults{Crash: 1, Restart: 1}, 1, 2)
	crashes, restarts := 0, 0
	enumerate(sys, func(from tstate, a taction, to tstate) {
		switch a.Kind {
		case Crash:
			crashes++
			p := from.Local(a.To)
			require.Equal(t, Proc[tproc]{Local: tproc{Log: p.Log, Peer: p.Peer}, Down: true}, to.Procs[a.To],
				"a crash keeps the log and nothing else, and unsets timers")
		case Restart:
			restarts++
			require.True(t, to.Up(a.To))
			require.Equal(t, from.Local(a.To), to.Local(a.To), "no Recover: resume with the stable state")
		case Deliver:
			if a.Lost {
				require.False(t, from.Up(a.To))
				require.Equal(t, from.Procs, to.Procs, "a message to a crashed process is lost without effect")
				require.Len(t, to.Net, len(from.Net)-1)
			}
		}
		for id := range to.Procs {
			if !to.Up(ID(id)) {
				require.Zero(t, to.Procs[id].Timers, "a down process has no timers")
			}
		}
	})
	assert.Positive(t, crashes)
	assert.Positive(t, restarts)
}

func TestTimers(t *testing.T) {
	sys := echo(t, FIFO, Faults{}, 1)
	s := initial(sys)[0]
	require.True(t, s.TimerSet(0, retry))
	var fired []tstate
	sys.Next(s, func(a taction, n tstate) {
		if a.Kind == Timeout {
			assert.Equal(t, "timeout p0 retry", a.String())
			fired = append(fired, n)
		}
	})
	require.Len(t, fired, 1, "a set timer may fire")
	assert.False(t, fired[0].TimerSet(0, retry), "a fired timer is unset unless the handler sets it again")
	assert.Len(t, fired[0].Net, 2, "the timeout handler's message is in flight")
	sys.Next(fired[0], func(a taction, _ tstate) { assert.NotEqual(t, Timeout, a.Kind) })
}

func TestPartitionBlocksDeliveryAcrossSides(t *testing.T) {
	sys := echo(t, Unordered, Faults{Partition: 1}, 1)
	parts := 0
	enumerate(sys, func(from tstate, a taction, to tstate) {
		if a.Kind == Partition {
			parts++
			assert.Equal(t, "partition {p0} | {p1}", a.String())
		}
		if a.Kind == Deliver {
			require.False(t, from.Partitioned(a.From, a.To), "delivered %v across a partition", a)
		}
		if from.Cut != 0 && a.Kind != Heal {
			require.Equal(t, from.Cut, to.Cut)
		}
	})
	assert.Positive(t, parts)
}

func TestLabels(t *testing.T) {
	m := tmsg{Seq: 1}
	for want, a := range map[string]taction{
		"deliver p1->p2 Req(1)":                 {Kind: Deliver, From: 1, To: 2, Msg: m},
		"deliver p1->p2 Req(1) (lost: p2 down)": {Kind: Deliver, From: 1, To: 2, Msg: m, Lost: true},
		"drop p1->p2 Req(1)":                    {Kind: Drop, From: 1, To: 2, Msg: m},
		"dup p0->p1 Req(1)":                     {Kind: Dup, From: 0, To: 1, Msg: m},
		"crash p2":                              {Kind: Crash, To: 2},
		"restart p2":                            {Kind: Restart, To: 2},
		"timeout p1 retry":                      {Kind: Timeout, To: 1, name: "retry"},
		"partition {p0,p2} | {p1,p3}":           {Kind: Partition, Cut: 0b0101, n: 4},
		"heal":                                  {Kind: Heal},
		"deliver p0->p1 Req(1) [vote no]":       {Kind: Deliver, From: 0, To: 1, Msg: m, Choice: "vote no"},
	} {
		assert.Equal(t, want, a.String())
	}
}

func TestFairness(t *testing.T) {
	sys := echo(t, Unordered, Faults{}, 1)
	for _, k := range []ActionKind{Drop, Dup, Crash, Partition} {
		_, fair := sys.FairClass(taction{Kind: k})
		assert.False(t, fair, "%v is a fault and not fair", k)
	}
	c, fair := sys.FairClass(taction{Kind: Deliver, From: 0, To: 1, Msg: tmsg{Seq: 1}})
	assert.True(t, fair)
	assert.Equal(t, "deliver p0->p1 Req(1)", c)
	c, fair = sys.FairClass(taction{Kind: Timeout, To: 1, name: "retry"})
	assert.True(t, fair)
	assert.Equal(t, "timeout p1 retry", c)
}

func TestHistoryRecordsCallsAndReturns(t *testing.T) {
	sys, err := New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{callingActor(), echoActor(nil, 0)}, Timers: []string{"retry"}})
	require.NoError(t, err)
	returned := false
	for _, s := range enumerate(sys, nil) {
		require.NotEmpty(t, s.History)
		assert.Equal(t, Event{Kind: Call, Client: 0, Op: tmsg{Seq: 1}}, s.History[0])
		if len(s.History) == 2 {
			returned = true
			assert.Equal(t, Event{Kind: Return, Client: 0, Op: tmsg{Ack: true, Seq: 1, Origin: 1}}, s.History[1])
			assert.Contains(t, s.String(), "history: p0 return Ack(1)")
		}
		require.LessOrEqual(t, len(s.History), 2)
	}
	assert.True(t, returned, "the call returns in some run")
}

func TestSlowTimersWaitForMessages(t *testing.T) {
	sys := echo(t, Unordered, Faults{Drop: 1}, 1)
	sys.cfg.SlowTimers = true
	fired := 0
	enumerate(sys, func(from tstate, a taction, _ tstate) {
		if a.Kind == Timeout {
			fired++
			require.False(t, sys.awaits(&from, a.To), "a slow timer fired with a message on its way to %v", a.To)
		}
	})
	assert.Positive(t, fired, "a slow timer still fires once its process has nothing to receive")
	s := initial(sys)[0]
	s.Net = append(s.Net, Envelope[tmsg]{From: 1, To: 0, Msg: tmsg{Ack: true}})
	sys.Next(s, func(a taction, _ tstate) { assert.NotEqual(t, Timeout, a.Kind, "p0 awaits an Ack") })
}
