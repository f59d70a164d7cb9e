package socket

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomSchedules drives both modes over a reliable FIFO network,
// with and without a server that closes early, along random schedules
// (rapid draws each next step, so a failure shrinks). After every step
// the Always properties hold and nobody reads more than its peer wrote;
// a run that stops has both processes finished, except for a datagram
// server that closed early: its client waits in recvfrom for good.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		cfg := Config{
			Mode:       Mode(rapid.IntRange(0, 1).Draw(rt, "mode")),
			Segments:   rapid.IntRange(1, maxSegments).Draw(rt, "segments"),
			CloseEarly: rapid.Bool().Draw(rt, "close early"),
			Network:    actor.FIFO,
		}
		m := mustNew(rt, cfg)
		var s State
		m.Init(func(i State) { s = i })
		for range 60 {
			for _, p := range m.Properties() {
				if p.Expect == model.ExpectAlways {
					require.True(rt, p.Holds(s), "%q violated in\n%v", p.Name, s)
				}
			}
			sv, cl := s.Local(ServerID), s.Local(ClientID)
			require.LessOrEqual(rt, sv.Read, cl.Wrote, "the server read more than the client wrote")
			require.LessOrEqual(rt, cl.Read, sv.Wrote, "the client read more than the server wrote")
			var next []State
			m.Next(s, func(_ Action, n State) { next = append(next, n) })
			if len(next) == 0 {
				if cfg.Mode == Connectionless && sv.Early {
					require.Equal(rt, CallRecvfrom, cl.Next, "the datagram client waits for its reply:\n%v", s)
					return
				}
				require.True(rt, m.Final(s), "a run stopped before both processes finished:\n%v", s)
				return
			}
			s = next[rapid.IntRange(0, len(next)-1).Draw(rt, "step")]
		}
		rt.Fatalf("no end after 60 steps:\n%v", s)
	})
}
