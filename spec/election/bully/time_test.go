package bully

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// TestTimedVariantsAtDefaults: built through the catalogue at their own
// defaults (delay 1), the timed variant keeps every property it lists and
// the unreliable one fails exactly "at most one leader".
func TestTimedVariantsAtDefaults(t *testing.T) {
	for _, v := range []string{VariantTimed, VariantUnreliableTimeouts} {
		t.Run(v, func(t *testing.T) {
			c, err := Spec.Defaults(v)
			require.NoError(t, err)
			require.Equal(t, 1, c.Int("delay"), "timed by default")
			exploretest.VariantAtDefaults(t, Spec, v)
		})
	}
}

// TestTimedCounts pins the timed spaces and cross-checks them: BFS and
// DFS agree, and on two nodes the naive enumerator too.
func TestTimedCounts(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want int64
	}{
		{"two nodes", Config{N: 2, Faults: DefaultFaults, Delay: 1}, 544},
		{"elected", Config{N: 3, Start: StartElected, Faults: DefaultFaults, Delay: 1}, 44212},
		{"boot (defaults)", Config{N: 3, Faults: DefaultFaults, Delay: 1}, 109224},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mustNew(t, tc.cfg)
			res := exploretest.Check(t, m, explore.Options{Workers: 2})
			assert.Equal(t, tc.want, res.Distinct, "bfs distinct states")
			dfs, err := explore.DFS(m, explore.Options{})
			require.NoError(t, err)
			assert.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the states bfs finds")
			if tc.cfg.N == 2 {
				assert.Len(t, reference(m), int(res.Distinct), "the naive enumerator finds the same states")
			}
		})
	}
}

// TestTimedUnreliableTimeoutLosesTheRace: with an Are-U-Up timeout of
// 2*Delay ticks, the shortest way to two leaders has a node conclude that
// no higher node is up while an answer to it from a live higher node is
// in flight, due at that very instant.
func TestTimedUnreliableTimeoutLosesTheRace(t *testing.T) {
	m := mustNew(t, Config{N: 3, Variant: VariantUnreliableTimeouts, Faults: DefaultFaults, Delay: 1})
	tr := exploretest.Violates(t, m, PropOneLeader, explore.Options{Workers: 2})
	raced := false
	for i, st := range tr.Steps[1:] {
		s := tr.Steps[i].State.(State)
		for id := actor.ID(0); id < 3; id++ {
			if st.Action != "timeout "+id.String()+" answer" {
				continue
			}
			for _, e := range s.Net {
				if e.To == id && e.From > id && s.Up(e.From) && e.Due == 0 && e.Msg.Kind != AreYouUp {
					raced = true
				}
			}
		}
	}
	assert.True(t, raced, "an answer due now loses to the timeout:\n%s", exploretest.Render(tr))
}

// TestTimedFollowersLag: timed, "leader agreement" is not a property: p1
// checks on its leader p2 just as p2 crashes, hears nothing for a round
// trip and takes over, while p0, which still follows p2 and has not
// checked yet, ignores p1's Enter-Election (a node following a higher node
// does); p1's ACK timeout then expires and p1 leads while p0 follows p2.
// Untimed, the oracle keeps p1's ACK timeout from expiring while p0 is up.
func TestTimedFollowersLag(t *testing.T) {
	m := mustNew(t, Config{N: 3, Start: StartElected, Faults: DefaultFaults, Delay: 1})
	for _, p := range m.Properties() {
		assert.NotEqual(t, PropAgreement, p.Name, "not listed when timed")
	}
	s := run(t, m, "tick", "tick", "tick", "tick", "tick", "timeout p1 leader", "crash p2",
		"deliver p1->p2 AreYouUp (lost: p2 down)", "tick", "tick", "tick", "timeout p1 answer",
		"deliver p1->p0 EnterElection", "tick", "tick", "tick", "timeout p1 ack")
	assert.Equal(t, Proc{Status: StatusNormal, Peer: 1}, s.Local(1), "p1 leads")
	assert.Equal(t, Proc{Status: StatusNormal, Peer: 2}, s.Local(0), "p0 still follows p2")
	assert.False(t, election(3).Agree(s))
	assert.True(t, election(3).OneLeader(s))
	assert.Contains(t, labels(m, s), "timeout p0 leader", "p0's next check is due")
}

// TestPollMustOutlastACheck: a follower that checks on its leader more
// often than a check takes (4*Delay ticks) can keep the election from
// ever being settled: two followers' checks overlap forever, and "every
// live node learns the leader" fails; with the default period it holds
// (TestTimedCounts).
func TestPollMustOutlastACheck(t *testing.T) {
	m := mustNew(t, Config{N: 3, Faults: DefaultFaults, Delay: 1, Poll: 3})
	res, err := explore.Check(m, explore.Options{Workers: 2})
	require.NoError(t, err)
	require.True(t, res.Complete)
	var failed []string
	for _, p := range res.Violations() {
		failed = append(failed, p.Name)
	}
	assert.Equal(t, []string{PropLearns}, failed)
	p, _ := res.Property(PropLearns)
	require.GreaterOrEqual(t, p.Trace.Loop, 0, "a lasso")
	loop := p.Trace.Steps[p.Trace.Loop+1:]
	assert.True(t, slices.ContainsFunc(loop, func(st model.Step) bool { return st.Action == "timeout p0 leader" }) &&
		slices.ContainsFunc(loop, func(st model.Step) bool { return st.Action == "timeout p1 leader" }),
		"both followers check again and again")
}

// TestTimedTwoCrashes: with two crashes and recoveries the timed model
// keeps every property it lists (the untimed one fails agreement, see
// TestTwoCrashesBreakAgreement).
func TestTimedTwoCrashes(t *testing.T) {
	if testing.Short() {
		t.Skip("383,726 states with liveness")
	}
	m := mustNew(t, Config{N: 3, Start: StartElected, Faults: actor.Faults{Crash: 2, Restart: 2}, Delay: 1})
	res := exploretest.Check(t, m, explore.Options{Workers: 2})
	assert.EqualValues(t, 383726, res.Distinct)
}
