package sendsem

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomSchedules drives every primitive, with random fault budgets,
// along random schedules (rapid draws each next step, so a failure
// shrinks to a short schedule). After every step the honest claims and
// the other Always properties hold, and no host forgets a step it took:
// the record the guarantees rest on only grows.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := Primitive(rapid.IntRange(0, len(primitiveNames)-1).Draw(rt, "primitive"))
		f := actor.Faults{Drop: rapid.IntRange(0, 2).Draw(rt, "drop"), Crash: rapid.IntRange(0, 2).Draw(rt, "crash")}
		m := mustNew(rt, Config{Primitive: p, Faults: f})
		var s State
		m.Init(func(i State) { s = i })
		for range 30 {
			for _, prop := range m.Properties() {
				if prop.Expect == model.ExpectAlways {
					require.True(rt, prop.Holds(s), "%q violated in\n%v", prop.Name, s)
				}
			}
			var next []State
			m.Next(s, func(_ Action, n State) { next = append(next, n) })
			if len(next) == 0 {
				require.True(rt, m.Final(s), "a run ended in a state that is not final:\n%v", s)
				return
			}
			n := next[rapid.IntRange(0, len(next)-1).Draw(rt, "step")]
			for _, id := range []actor.ID{SenderID, ReceiverID} {
				require.True(rt, n.Local(id).Done.Contains(s.Local(id).Done), "%v forgot a step", id)
			}
			s = n
		}
	})
}
