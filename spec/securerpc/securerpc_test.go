package securerpc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
)

// defaults is the catalogue's default configuration, with a budget.
func defaults(variant string, budget int) Config {
	return Config{M: 11, Secrets: [3]int{3, 9, 2}, Attacker: budget, Variant: variant}
}

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestAuthenticatedHolds checks every property and pins the counts for
// budgets 0..4: BFS, DFS and the naive enumerator agree. With no budget
// the 10 states are counted by hand: each of the three messages is
// forwarded or dropped (a drop ends the run), each forwarded one is
// delivered: initial, then for each message "at the attacker", "dropped",
// "forwarded" (3*3 = 9), the last delivery giving the 10th.
func TestAuthenticatedHolds(t *testing.T) {
	for budget, want := range []int64{10, 46, 134, 308, 610} {
		exploretest.CrossCheck(t, mustNew(t, defaults(VariantAuthenticated, budget)), want)
	}
}

// TestUnauthenticatedCounts pins the broken variant's counts (BFS, DFS and
// the enumerator agree) and the budget each property needs: secrecy and
// authentication fall to one injection, agreement needs three.
func TestUnauthenticatedCounts(t *testing.T) {
	for _, tc := range []struct {
		budget   int
		want     int64
		violated []string
	}{
		{0, 10, nil},
		{1, 189, []string{PropSecrecy, PropAuth}},
		{2, 1763, []string{PropSecrecy, PropAuth}},
		{3, 10903, []string{PropAgreement, PropSecrecy, PropAuth}},
		{4, 51526, []string{PropAgreement, PropSecrecy, PropAuth}},
	} {
		if tc.budget == 4 && testing.Short() {
			continue // about a second
		}
		m := mustNew(t, defaults(VariantUnauthenticated, tc.budget))
		bfs, err := explore.Check(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		require.True(t, bfs.Complete)
		assert.Equal(t, tc.want, bfs.Distinct, "budget %d", tc.budget)
		dfs, err := explore.DFS(m, explore.Options{})
		require.NoError(t, err)
		assert.Equal(t, bfs.Distinct, dfs.Distinct, "dfs, budget %d", tc.budget)
		assert.Len(t, exploretest.Enumerate(m), int(bfs.Distinct), "enumerator, budget %d", tc.budget)
		var violated []string
		for _, p := range bfs.Properties {
			if p.Status == explore.Violated {
				violated = append(violated, p.Name)
			}
		}
		assert.Equal(t, tc.violated, violated, "budget %d", tc.budget)
	}
}

// TestVariantsAtDefaults: each variant violates exactly what it declares
// at its catalogue defaults (the model contract is checked too).
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.Variants {
		res := exploretest.VariantAtDefaults(t, Spec, v.Name)
		t.Logf("%s: %d distinct states in %v", v.Name, res.Distinct, res.Elapsed)
	}
}

// TestManInTheMiddle: the shortest agreement violation is a man in the
// middle: both ends DONE with different keys, and the attacker knows
// both.
func TestManInTheMiddle(t *testing.T) {
	tr := exploretest.Violates(t, mustNew(t, defaults(VariantUnauthenticated, 3)), PropAgreement,
		explore.Options{Workers: 2})
	t.Logf("\n%s", exploretest.Render(tr))
	last := tr.Steps[len(tr.Steps)-1].State.(State)
	c, s, a := last.Local(client), last.Local(server), last.Local(attacker)
	require.Equal(t, PhaseDone, c.Phase)
	require.Equal(t, PhaseDone, s.Phase)
	assert.NotEqual(t, c.Key, s.Key, "two keys")
	assert.True(t, a.Atk.Know.Has(c.Key.Term()), "the attacker holds the client's key %v", c.Key)
	assert.True(t, a.Atk.Know.Has(s.Key.Term()), "the attacker holds the server's key %v", s.Key)
	assert.Contains(t, a.String(), "knows {", "the attacker's knowledge is printed")
}

// TestEverySecret enumerates the secrets: for every prime modulus and
// every pair C_s, S_s, an undisturbed session ends with both ends holding
// α^(C_s*S_s) mod M, computed here by repeated multiplication (the text's
// equation), and at budget 1 the authenticated session stays secret and
// authenticated while the unauthenticated one does not.
func TestEverySecret(t *testing.T) {
	for m, alpha := range map[int]int{5: 2, 7: 3, 11: 2, 13: 2} {
		for cs := 1; cs <= m-2; cs++ {
			for ss := 1; ss <= m-2; ss++ {
				cfg := Config{M: m, Secrets: [3]int{cs, ss, 1 + (cs+ss)%(m-2)}}
				want := 1
				for range cs * ss {
					want = want * alpha % m
				}
				finals := exploretest.Finals(t, mustNew(t, cfg))
				done := 0
				for _, s := range finals {
					if Sessions(s) == 1 {
						done++
						require.Equal(t, want, int(s.Local(client).KeyValue), "M=%d C_s=%d S_s=%d", m, cs, ss)
						require.Equal(t, want, int(s.Local(server).KeyValue), "M=%d C_s=%d S_s=%d", m, cs, ss)
						require.Equal(t, 3, Messages(s))
					}
				}
				require.Equal(t, 1, done, "one undisturbed final state")
				cfg.Attacker = 1
				ok, err := explore.Check(mustNew(t, cfg), explore.Options{Workers: 1})
				require.NoError(t, err)
				require.True(t, ok.OK(), "authenticated, M=%d C_s=%d S_s=%d", m, cs, ss)
				cfg.Variant = VariantUnauthenticated
				bad, err := explore.Check(mustNew(t, cfg), explore.Options{Workers: 1})
				require.NoError(t, err)
				p, _ := bad.Property(PropSecrecy)
				require.Equal(t, explore.Violated, p.Status, "unauthenticated, M=%d C_s=%d S_s=%d", m, cs, ss)
			}
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{M: 9, Secrets: [3]int{1, 1, 1}},
		{M: 11, Secrets: [3]int{0, 1, 1}},
		{M: 11, Secrets: [3]int{1, 10, 1}},
		{M: 11, Secrets: [3]int{1, 1, 1}, Attacker: MaxAttacker + 1},
		{M: 11, Secrets: [3]int{1, 1, 1}, Variant: "nope"},
	} {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}
