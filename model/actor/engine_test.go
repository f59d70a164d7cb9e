package actor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// withinBudget is the Always property that no run exceeds its budgets.
func withinBudget(f Faults) model.Property[tstate] {
	return model.Always("within budget", func(s tstate) bool {
		u := s.Used
		return int(u.Drop) <= f.Drop && int(u.Dup) <= f.Dup && int(u.Crash) <= f.Crash &&
			int(u.Restart) <= f.Restart && int(u.Partition) <= f.Partition
	})
}

// TestEnginesAgreeWithReference runs BFS and DFS on a faulty echo system
// on every network and compares the distinct counts with the naive
// enumerator; the budget property must hold and every kind of fault be
// used somewhere.
func TestEnginesAgreeWithReference(t *testing.T) {
	f := Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1, Partition: 1}
	for _, net := range []Network{Unordered, FIFO, Duplicating} {
		t.Run(net.String(), func(t *testing.T) {
			sys := echo(t, net, f, 1, 2)
			sys.cfg.Properties = []model.Property[tstate]{
				withinBudget(f),
				model.Sometimes("all faults used", func(s tstate) bool {
					return s.Used.Drop == 1 && s.Used.Crash == 1 && s.Used.Restart == 1 && s.Used.Partition == 1 &&
						(s.Used.Dup == 1 || net == Duplicating)
				}),
			}
			bfs, err := explore.BFS(sys, explore.Options{Workers: 2})
			require.NoError(t, err)
			require.True(t, bfs.OK(), "%+v", bfs.Violations())
			dfs, err := explore.DFS(sys, explore.Options{})
			require.NoError(t, err)
			require.True(t, dfs.OK())
			want := len(enumerate(sys, nil))
			assert.EqualValues(t, want, bfs.Distinct, "bfs = reference")
			assert.EqualValues(t, want, dfs.Distinct, "dfs = reference")
		})
	}
}

// TestBudgetViolationIsFound checks that the budget property can fail: a
// property with a smaller budget than the run's is violated, with a trace
// that uses the extra fault.
func TestBudgetViolationIsFound(t *testing.T) {
	sys := echo(t, Unordered, Faults{Drop: 2}, 1, 2)
	sys.cfg.Properties = []model.Property[tstate]{withinBudget(Faults{Drop: 1})}
	res, err := explore.BFS(sys, explore.Options{Workers: 1})
	require.NoError(t, err)
	v := res.Violations()
	require.Len(t, v, 1)
	require.Equal(t, 2, v[0].Trace.Len(), "the shortest violation drops two messages")
	assert.Contains(t, v[0].Trace.Steps[1].Action, "drop p0->p1")
}

// TestResendIsAbsorbed checks that a retry loop with Resend keeps at most
// one copy in flight (and a finite space), while Send piles copies up.
func TestResendIsAbsorbed(t *testing.T) {
	mk := func(resend bool) *System[tproc, tmsg] {
		a := echoActor(nil, 1)
		a.Start = func(c *Ctx[tmsg]) tproc { c.SetTimer(retry); return tproc{Peer: 1} }
		a.Timeout = func(c *Ctx[tmsg], s tproc, _ Timer) tproc {
			if resend {
				c.Resend(s.Peer, tmsg{Seq: 9})
			} else if s.Sent < 3 {
				c.Send(s.Peer, tmsg{Seq: 9})
				s.Sent++
			}
			c.SetTimer(retry)
			return s
		}
		b := echoActor(nil, 0)
		sys, err := New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{a, b}, Timers: []string{"retry"}})
		require.NoError(t, err)
		return sys
	}
	most := func(sys *System[tproc, tmsg]) int {
		n := 0
		for _, s := range enumerate(sys, nil) {
			k := 0
			for _, e := range s.Net {
				if e.From == 0 && !e.Msg.Ack {
					k++
				}
			}
			n = max(n, k)
		}
		return n
	}
	assert.Equal(t, 1, most(mk(true)), "Resend: one copy in flight at most")
	assert.Equal(t, 3, most(mk(false)), "Send: every copy stays in flight")
}
