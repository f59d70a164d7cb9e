package actor

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

type step struct {
	a taction
	s tstate
}

func successors(sys *System[tproc, tmsg], s tstate) []step {
	var out []step
	sys.Next(s, func(a taction, n tstate) { out = append(out, step{a, n}) })
	return out
}

// TestRandomSchedules drives a faulty system with random schedules: rapid
// draws the budgets, the network and the index of each next step, so a
// failure shrinks to a short schedule. After every step: budgets hold, Next
// is deterministic and did not mutate its input.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		f := Faults{
			Drop: rapid.IntRange(0, 2).Draw(rt, "drop"), Dup: rapid.IntRange(0, 2).Draw(rt, "dup"),
			Crash: rapid.IntRange(0, 2).Draw(rt, "crash"), Restart: rapid.IntRange(0, 2).Draw(rt, "restart"),
			Partition: rapid.IntRange(0, 2).Draw(rt, "partition"),
		}
		net := Network(rapid.IntRange(0, 2).Draw(rt, "network"))
		sys := clients(rt, 2, f)
		sys.cfg.Network = net
		s := initial(sys)[0]
		for i := 0; i < 30; i++ {
			before := key(s)
			steps := successors(sys, s)
			require.Equal(rt, before, key(s), "Next mutated its input")
			if len(steps) == 0 {
				return
			}
			again := successors(sys, s)
			require.Len(rt, again, len(steps), "Next is not deterministic")
			for j := range steps {
				require.Equal(rt, steps[j].a.String(), again[j].a.String(), "Next is not deterministic")
				require.Equal(rt, key(steps[j].s), key(again[j].s), "Next is not deterministic")
			}
			s = steps[rapid.IntRange(0, len(steps)-1).Draw(rt, "step")].s
			requireWithinBudget(rt, s.Used, f)
			require.Equal(rt, key(sys.Canonical(s)), key(sys.Canonical(sys.permute(&s, []ID{0, 2, 1}))))
		}
	})
}
