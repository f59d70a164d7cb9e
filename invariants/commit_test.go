package invariants

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"
)

// decisions is a state for the tests: one decision and one vote per process.
type decisions struct {
	d []Decision
	v []Vote
	e []DecisionSet
}

func TestAgree(t *testing.T) {
	assert.True(t, Agree())
	assert.True(t, Agree(Undecided, Commit, Undecided, Commit))
	assert.True(t, Agree(Abort, Abort))
	assert.False(t, Agree(Commit, Undecided, Abort))
}

func TestValid(t *testing.T) {
	assert.True(t, Valid(Yes, Yes))
	assert.False(t, Valid(Yes, No))
	assert.False(t, Valid(Yes, NoVote))
}

func TestDecisionSet(t *testing.T) {
	var ds DecisionSet
	ds = ds.Add(Undecided)
	assert.Zero(t, ds)
	ds = ds.Add(Commit)
	assert.True(t, ds.Has(Commit))
	assert.False(t, ds.Has(Abort))
	assert.False(t, ds.Has(Undecided))
	assert.Equal(t, "commit", Commit.String())
	assert.Equal(t, "none", NoVote.String())
}

// TestCommitPropertiesAgainstReference compares the properties with naive
// definitions (every pair of processes; every voter) on random states.
func TestCommitPropertiesAgainstReference(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 5).Draw(rt, "n")
		s := decisions{
			d: rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Decision { return Decision(rapid.IntRange(0, 2).Draw(t, "d")) }), n, n).Draw(rt, "d"),
			v: rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Vote { return Vote(rapid.IntRange(0, 2).Draw(t, "v")) }), n, n).Draw(rt, "v"),
			e: rapid.SliceOfN(rapid.Custom(func(t *rapid.T) DecisionSet { return DecisionSet(rapid.IntRange(0, 7).Draw(t, "e")) }), n, n).Draw(rt, "e"),
		}
		agree, anyCommit, allYes, stable := true, false, true, true
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if s.d[i] != Undecided && s.d[j] != Undecided && s.d[i] != s.d[j] {
					agree = false
				}
			}
			anyCommit = anyCommit || s.d[i] == Commit
			allYes = allYes && s.v[i] == Yes
			stable = stable && s.e[i]&(1<<Commit|1<<Abort) != 1<<Commit|1<<Abort
		}
		dec := func(s decisions, i int) Decision { return s.d[i] }
		assert.Equal(rt, agree, Atomicity("a", n, dec).Holds(s))
		assert.Equal(rt, agree, Agree(s.d...))
		assert.Equal(rt, !anyCommit || allYes, Validity("v", n, n, dec, func(s decisions, i int) Vote { return s.v[i] }).Holds(s))
		assert.Equal(rt, stable, Irrevocable("i", n, func(s decisions, i int) DecisionSet { return s.e[i] }).Holds(s))
		all := true
		for _, d := range s.d {
			all = all && d != Undecided
		}
		p := AllDecided("all", n, dec)
		assert.Equal(rt, all, p.Holds(s))
		assert.True(rt, p.Expect.Liveness())
	})
}
