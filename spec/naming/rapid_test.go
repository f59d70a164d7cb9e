package naming

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomRuns draws a configuration (mode, cache, queries, network,
// retries, drops no more than retries, duplication) and a schedule, step
// by step, and checks after every step, independently of package explore:
// the safety properties hold, the counters never decrease, and a run that
// has no step left has every right answer (no deadlock).
func TestRandomRuns(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		retries := rapid.IntRange(0, MaxRetries).Draw(t, "retries")
		cfg := Config{
			Mode:    rapid.SampledFrom(Modes).Draw(t, "mode"),
			Cache:   rapid.Bool().Draw(t, "cache"),
			Queries: rapid.SampledFrom(QuerySets).Draw(t, "queries"),
			Retries: retries,
			Variant: rapid.SampledFrom([]string{VariantCorrect, VariantLoopDetected}).Draw(t, "variant"),
			Network: rapid.SampledFrom([]actor.Network{actor.Unordered, actor.FIFO}).Draw(t, "network"),
			Faults: actor.Faults{
				Drop: rapid.IntRange(0, retries).Draw(t, "drop"),
				Dup:  rapid.IntRange(0, 1).Draw(t, "dup"),
			},
		}
		m, err := New(cfg)
		require.NoError(t, err)
		st, err := newSetup(cfg)
		require.NoError(t, err)
		var s State
		m.Init(func(x State) { s = x })
		for step := 0; ; step++ {
			require.True(t, st.answersRight(s), "answer right:\n%v", s)
			require.True(t, st.cachesRight(s), "cache right:\n%v", s)
			for d := dsa1; d <= dsa3; d++ {
				require.False(t, s.Local(d).Revisit, "loop detection:\n%v", s)
			}
			var next []State
			m.Next(s, func(_ Action, x State) { next = append(next, x) })
			if len(next) == 0 {
				require.True(t, st.done(s), "a run ended before the DUA had every answer:\n%v", s)
				require.Equal(t, st.expect, s.Local(dua).Answers, "the right answers")
				return
			}
			require.Less(t, step, 200, "a run of a loop-free configuration is finite")
			x := next[rapid.IntRange(0, len(next)-1).Draw(t, "step")]
			require.GreaterOrEqual(t, Messages(x), Messages(s))
			require.GreaterOrEqual(t, Remembered(x), Remembered(s))
			require.GreaterOrEqual(t, Answered(x), Answered(s))
			s = x
		}
	})
}
