package naming

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

var drop1 = actor.Faults{Drop: 1}

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestModesHold checks every property, liveness included, in every mode
// with caches off and on, at the catalogue's defaults (cn=alice then
// cn=zed, one drop, one retry), and pins the distinct counts: BFS, DFS and
// the naive enumerator agree (exploretest.CrossCheck).
func TestModesHold(t *testing.T) {
	for _, tc := range []struct {
		variant, mode string
		cache         bool
		want          int64
		long          bool
	}{
		{VariantCorrect, ModeRecursive, false, 3742, false},
		{VariantCorrect, ModeRecursive, true, 3766, false},
		{VariantCorrect, ModeTransitive, false, 572, false},
		{VariantCorrect, ModeTransitive, true, 572, false},
		{VariantCorrect, ModeReferral, false, 48960, true},
		{VariantCorrect, ModeReferral, true, 48960, true},
		{VariantLoopDetected, ModeRecursive, false, 3742, false},
		{VariantLoopDetected, ModeRecursive, true, 3913, false},
		{VariantLoopDetected, ModeTransitive, false, 571, false},
		{VariantLoopDetected, ModeReferral, false, 263704, true},
	} {
		name := tc.variant + "/" + tc.mode
		if tc.cache {
			name += "/cache"
		}
		t.Run(name, func(t *testing.T) {
			if tc.long && testing.Short() {
				t.Skipf("%d states", tc.want)
			}
			m := mustNew(t, Config{Mode: tc.mode, Cache: tc.cache, Retries: 1, Variant: tc.variant, Faults: drop1})
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestReferralSmall pins referral's count on one query, under -short too.
func TestReferralSmall(t *testing.T) {
	m := mustNew(t, Config{Mode: ModeReferral, Queries: QueriesFound, Retries: 1, Faults: drop1})
	exploretest.CrossCheck(t, m, 1230)
}

// TestVariantsAtDefaults: each catalogue variant at its own defaults
// verifies, or violates exactly what it declares; the broken one's
// liveness counterexample is a lasso in which the request for cn=alice
// goes round DSA1 and DSA2 and the DUA never has an answer.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.Variants {
		t.Run(v.Name, func(t *testing.T) {
			res := exploretest.VariantAtDefaults(t, Spec, v.Name)
			t.Logf("%s: %d distinct states", v.Name, res.Distinct)
		})
	}
	res := exploretest.VariantAtDefaults(t, Spec, VariantLoop)
	p, ok := res.Property(PropAnswered)
	require.True(t, ok)
	require.True(t, p.Trace.Lasso(), "a knowledge loop without detection never ends:\n%s", exploretest.Render(p.Trace))
	for _, step := range p.Trace.Steps[p.Trace.Loop:] {
		s := step.State.(State)
		assert.Equal(t, NoResult, s.Local(dua).Answers[0])
		require.Len(t, s.Net, 1)
		e := s.Net[0]
		assert.ElementsMatch(t, []actor.ID{dsa1, dsa2}, []actor.ID{e.From, e.To}, "the request goes between DSA1 and DSA2: %v", e)
	}
	t.Logf("%s", exploretest.Render(p.Trace))
	d, ok := res.Property(PropDetect)
	require.True(t, ok)
	last := d.Trace.Steps[len(d.Trace.Steps)-1].State.(State)
	assert.True(t, last.Local(dsa1).Revisit, "DSA1 passed on a request whose trace names it")
}

// TestLossNeedsRetries: with more drops than retransmissions a lost request
// is never answered (a deadlock: the DUA waits with no timer left); with
// as many retries as drops every query is answered.
func TestLossNeedsRetries(t *testing.T) {
	for _, mode := range Modes {
		t.Run(mode, func(t *testing.T) {
			m := mustNew(t, Config{Mode: mode, Queries: QueriesFound, Retries: 0, Faults: drop1})
			exploretest.Violates(t, m, PropAnswered, explore.Options{Workers: 2})
			exploretest.Violates(t, m, explore.DeadlockProperty, explore.Options{Workers: 2})
			m = mustNew(t, Config{Mode: mode, Queries: QueriesFound, Retries: 1, Faults: actor.Faults{Drop: 2}})
			exploretest.Violates(t, m, PropAnswered, explore.Options{Workers: 2})
			if mode == ModeReferral && testing.Short() {
				return // 140,571 states
			}
			m = mustNew(t, Config{Mode: mode, Queries: QueriesFound, Retries: 2, Faults: actor.Faults{Drop: 2}})
			res := exploretest.Check(t, m, explore.Options{Workers: 2})
			t.Logf("drop=2 retries=2: %d states", res.Distinct)
		})
	}
}

// TestNetworksAndDuplication: FIFO channels and duplicated messages keep
// every property.
func TestNetworksAndDuplication(t *testing.T) {
	for _, mode := range Modes {
		for _, net := range []actor.Network{actor.Unordered, actor.FIFO} {
			t.Run(mode+"/"+net.String(), func(t *testing.T) {
				m := mustNew(t, Config{Mode: mode, Cache: true, Queries: QueriesFound, Retries: 1,
					Faults: actor.Faults{Drop: 1, Dup: 1}, Network: net})
				res := exploretest.Check(t, m, explore.Options{Workers: 2})
				t.Logf("drop=1 dup=1: %d states", res.Distinct)
			})
		}
	}
}

// TestNewRejects: invalid configurations are errors, not panics.
func TestNewRejects(t *testing.T) {
	for _, cfg := range []Config{
		{Mode: "multicast"},
		{Queries: "all"},
		{Retries: MaxRetries + 1},
		{Retries: -1},
		{Variant: "buggy"},
		{Faults: actor.Faults{Crash: 1}},
	} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}

// TestContract checks the model contract (deterministic, pure Next;
// canonical keys; pure properties) in every mode with every option on.
func TestContract(t *testing.T) {
	for _, mode := range Modes {
		for _, v := range []string{VariantCorrect, VariantLoop} {
			t.Run(mode+"/"+v, func(t *testing.T) {
				exploretest.Contract(t, mustNew(t, Config{Mode: mode, Cache: true, Queries: QueriesRepeat, Retries: 1,
					Variant: v, Faults: actor.Faults{Drop: 1, Dup: 1}}))
			})
		}
	}
}
