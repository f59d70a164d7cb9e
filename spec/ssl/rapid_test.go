package ssl

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
)

// TestRandomSchedulesBudgetFour extends the correct variant's safety to
// budget 4, beyond the exhaustive runs: rapid draws schedules (each a run
// to its end) and every safety property must hold at every step.
func TestRandomSchedulesBudgetFour(t *testing.T) {
	m := mustNew(t, Config{Attacker: 4})
	var safety []model.Property[State]
	for _, p := range m.Properties() {
		if p.Expect == model.ExpectAlways {
			safety = append(safety, p)
		}
	}
	require.Len(t, safety, 3)
	rapid.Check(t, func(rt *rapid.T) {
		var s State
		m.Init(func(i State) { s = i })
		for {
			var next []State
			m.Next(s, func(_ Action, u State) { next = append(next, u) })
			if len(next) == 0 {
				break
			}
			s = next[rapid.IntRange(0, len(next)-1).Draw(rt, "step")]
			for _, p := range safety {
				require.True(rt, p.Holds(s), "%s\n%v", p.Name, s)
			}
		}
		require.True(rt, m.Final(s), "a run ends in a final state\n%v", s)
	})
}

// TestCorrectBudgetThree explores the correct handshake against three
// injections (235,564 states; BFS and DFS agree).
func TestCorrectBudgetThree(t *testing.T) {
	if testing.Short() {
		t.Skip("235,564 states")
	}
	m := mustNew(t, Config{Attacker: 3})
	res := exploretest.Check(t, m, explore.Options{Workers: 2})
	require.Equal(t, int64(235564), res.Distinct)
	dfs, err := explore.DFS(m, explore.Options{})
	require.NoError(t, err)
	require.Equal(t, res.Distinct, dfs.Distinct)
}
