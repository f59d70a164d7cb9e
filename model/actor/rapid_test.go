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

// DrawFaultySystem draws fault budgets and a network for a system of a
// server and two symmetric clients. It is exported for contract_test.go,
// an external test package: package actor's own tests cannot import
// exploretest, which depends on package actor.
func DrawFaultySystem(rt *rapid.T) (*System[tproc, tmsg], Faults) {
	f := Faults{
		Drop: rapid.IntRange(0, 2).Draw(rt, "drop"), Dup: rapid.IntRange(0, 2).Draw(rt, "dup"),
		Crash: rapid.IntRange(0, 2).Draw(rt, "crash"), Restart: rapid.IntRange(0, 2).Draw(rt, "restart"),
		Partition: rapid.IntRange(0, 2).Draw(rt, "partition"),
	}
	net := Network(rapid.IntRange(0, 2).Draw(rt, "network"))
	sys := clients(rt, 2, f)
	sys.cfg.Network = net
	return sys, f
}

// DrawTimedSystem draws fault budgets, a network and a time
// configuration for a timed server with two symmetric clients (see
// timedClients). Exported for contract_test.go, as DrawFaultySystem.
func DrawTimedSystem(rt *rapid.T) (*System[tproc, tmsg], Faults) {
	f := Faults{
		Drop: rapid.IntRange(0, 1).Draw(rt, "drop"), Dup: rapid.IntRange(0, 1).Draw(rt, "dup"),
		Crash: rapid.IntRange(0, 1).Draw(rt, "crash"), Restart: rapid.IntRange(0, 1).Draw(rt, "restart"),
		Partition: rapid.IntRange(0, 1).Draw(rt, "partition"),
	}
	net := Network(rapid.IntRange(0, 1).Draw(rt, "network"))
	tc := TimeConfig{MaxDelay: rapid.IntRange(0, 2).Draw(rt, "delay"), MinDowntime: rapid.IntRange(0, 2).Draw(rt, "downtime")}
	return timedClients(rt, 2, net, f, tc), f
}

// TestRandomTimedSchedules is TestRandomSchedules for timed systems: after
// every step, budgets hold, no message is past its bound, and Canonical
// ignores a permutation of the clients.
func TestRandomTimedSchedules(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sys, f := DrawTimedSystem(rt)
		s := initial(sys)[0]
		for i := 0; i < 30; i++ {
			steps := successors(sys, s)
			if len(steps) == 0 {
				return
			}
			s = steps[rapid.IntRange(0, len(steps)-1).Draw(rt, "step")].s
			requireWithinBudget(rt, s.Used, f)
			for _, e := range s.Net {
				require.LessOrEqual(rt, int(e.Due), sys.cfg.Time.MaxDelay)
			}
			require.Equal(rt, key(sys.Canonical(s)), key(sys.Canonical(sys.permute(&s, []ID{0, 2, 1}))))
		}
	})
}

// TestRandomSchedules drives a faulty system with random schedules: rapid
// draws the budgets, the network and the index of each next step, so a
// failure shrinks to a short schedule. After every step: budgets hold and
// Canonical ignores a permutation of the clients. TestContract (in
// contract_test.go) checks the model contract on the same systems.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sys, f := DrawFaultySystem(rt)
		s := initial(sys)[0]
		for i := 0; i < 30; i++ {
			steps := successors(sys, s)
			if len(steps) == 0 {
				return
			}
			s = steps[rapid.IntRange(0, len(steps)-1).Draw(rt, "step")].s
			requireWithinBudget(rt, s.Used, f)
			require.Equal(rt, key(sys.Canonical(s)), key(sys.Canonical(sys.permute(&s, []ID{0, 2, 1}))))
		}
	})
}
