package twopc

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

type step struct {
	a Action
	s State
}

func steps(m *Model, s State) []step {
	var out []step
	m.Next(s, func(a Action, n State) { out = append(out, step{a, n}) })
	return out
}

// TestRandomSchedules drives the correct protocol with random
// configurations and schedules: rapid draws the index of each next step,
// so a failure shrinks to a short schedule. After every step the Always
// properties hold; exploretest.Contract checks the model contract (Next
// deterministic and pure, keys canonical) on a sample of each drawn
// configuration.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		cfg := Config{
			N:       rapid.IntRange(1, 4).Draw(rt, "n"),
			Network: actor.Network(rapid.IntRange(0, 2).Draw(rt, "network")),
			Faults: actor.Faults{
				Drop: rapid.IntRange(0, 2).Draw(rt, "drop"), Dup: rapid.IntRange(0, 1).Draw(rt, "dup"),
				Crash: rapid.IntRange(0, 2).Draw(rt, "crash"), Partition: rapid.IntRange(0, 1).Draw(rt, "partition"),
			},
		}
		m := mustNew(rt, cfg)
		exploretest.Contract(rt, m, exploretest.ContractOptions{States: 100, Walks: 2, Depth: 40,
			Seed: rapid.Uint64().Draw(rt, "contract seed")})
		var s State
		m.Init(func(i State) { s = i })
		for i := 0; i < 40; i++ {
			for _, p := range m.Properties() {
				if p.Expect == model.ExpectAlways {
					require.True(rt, p.Holds(s), "%q violated in\n%v", p.Name, s)
				}
			}
			next := steps(m, s)
			if len(next) == 0 {
				require.True(rt, allDecided(s, cfg.N), "a run ended undecided:\n%v", s)
				return
			}
			s = next[rapid.IntRange(0, len(next)-1).Draw(rt, "step")].s
		}
	})
}

// TestRecoveryActions checks the text's recovery tables on every restart
// step of a space with crashes of any process.
func TestRecoveryActions(t *testing.T) {
	for _, v := range []string{VariantCorrect, VariantCooperative} {
		t.Run(v, func(t *testing.T) { testRecoveryActions(t, v) })
	}
}

func testRecoveryActions(t *testing.T, variant string) {
	m := mustNew(t, Config{N: 2, Variant: variant, Faults: actor.Faults{Crash: 2, Drop: 1}})
	seen := map[Phase]bool{}
	for _, s := range reference(m) {
		for _, st := range steps(m, s) {
			if st.a.Kind != actor.Restart {
				continue
			}
			id := st.a.To
			before, after := s.Local(id).Phase, st.s.Local(id).Phase
			seen[before] = true
			switch {
			case id == 0 && before == PhaseWait:
				require.Equal(t, PhaseAbort, after, "a coordinator recovering in WAIT aborts")
				for i := 1; i <= 2; i++ {
					require.True(t, inFlight(st.s, 0, actor.ID(i), Abort), "Abort sent to p%d", i)
				}
			case id != 0 && before == PhaseInit:
				require.Equal(t, PhaseAbort, after, "a participant recovering in INIT aborts")
			case id != 0 && before == PhaseReady:
				require.Equal(t, PhaseReady, after, "a participant recovering in READY must ask")
				require.True(t, st.s.TimerSet(id, timerAsk))
				if variant == VariantCooperative {
					for j := actor.ID(0); j <= 2; j++ {
						require.True(t, j == id || inFlight(st.s, id, j, DecisionReq), "a recovering participant asks p%d", j)
					}
				} else {
					require.Equal(t, requests(s, id), requests(st.s, id), "the ask timer asks later")
				}
			default:
				require.Equal(t, before, after, "a decided process keeps its decision")
			}
		}
	}
	for _, ph := range []Phase{PhaseInit, PhaseWait, PhaseReady, PhaseCommit, PhaseAbort} {
		require.True(t, seen[ph], "some process recovers in %v", ph)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	_, err := New(Config{N: 0})
	require.ErrorIs(t, err, ErrConfig)
	_, err = New(Config{N: 2, Variant: "nope"})
	require.ErrorIs(t, err, ErrConfig)
}

// inFlight reports whether a message of kind k is in flight from one
// process to another.
func inFlight(s State, from, to actor.ID, k Kind) bool {
	for _, e := range s.Net {
		if e.From == from && e.To == to && e.Msg.Kind == k {
			return true
		}
	}
	return false
}

// requests counts the decision requests from id in flight.
func requests(s State, id actor.ID) int {
	n := 0
	for _, e := range s.Net {
		if e.From == id && e.Msg.Kind == DecisionReq {
			n++
		}
	}
	return n
}
