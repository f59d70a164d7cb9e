package lamport

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// TestCorrectHolds checks the model contract and every property,
// liveness included, on FIFO channels, and pins the distinct counts: BFS,
// DFS and the naive enumerator agree.
func TestCorrectHolds(t *testing.T) {
	for _, tc := range []struct {
		n, requests int
		want        int64
	}{{2, 1, 70}, {2, 2, 815}, {3, 1, 111430}} {
		m := mustNew(t, Config{N: tc.n, Requests: tc.requests, Network: actor.FIFO})
		exploretest.Contract(t, m)
		exploretest.CrossCheck(t, m, tc.want)
	}
}

// TestVariantsAtDefaults runs every catalogue variant at its own defaults:
// a correct one verifies, a broken one violates exactly what it declares.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) { exploretest.VariantAtDefaults(t, Spec, v.Name) })
	}
}

// TestUnorderedNetworkFails: over an unordered network the algorithm
// loses mutual exclusion, at every size, because a reply can overtake the
// request its sender sent before it, so the requester does not know the
// earlier request when it enters. The counterexample shows the overtaking.
// Reference: Lamport 1978, section "Ordering the Events Totally" (the
// algorithm assumes messages between two processes arrive in order).
func TestUnorderedNetworkFails(t *testing.T) {
	for _, n := range []string{"2", "3"} {
		m := build(t, VariantCorrect, "unordered", map[string]string{"n": n})
		tr := exploretest.Violates(t, m, invariants.PropMutex, explore.Options{Workers: 2, StopAtFirst: true})
		t.Logf("n=%s:\n%s", n, exploretest.Render(tr))
		assert.True(t, overtakes(tr.Steps), "a reply is delivered before the request its sender sent earlier, n=%s", n)
	}
}

// TestMessageFailure: under one loss and one duplication the text's
// algorithm fails (a lost message blocks every later request, and a lost
// request lets a later reply through), and the message-failure variant
// holds, with two losses too.
func TestMessageFailure(t *testing.T) {
	lossy := actor.Faults{Drop: 1, Dup: 1}
	basic := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO, Faults: lossy})
	res, err := explore.Check(basic, explore.Options{Workers: 2})
	require.NoError(t, err)
	for _, name := range []string{invariants.PropGranted, invariants.PropMutex} {
		p, ok := res.Property(name)
		require.True(t, ok)
		assert.Equal(t, explore.Violated, p.Status, "the basic algorithm under drop=1,dup=1: %q", name)
	}
	for _, tc := range []struct {
		faults actor.Faults
		want   int64
	}{{lossy, 8405}, {actor.Faults{Drop: 2, Dup: 1}, 15438}} {
		m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO, Variant: VariantMessageFailure, Faults: tc.faults})
		exploretest.Contract(t, m)
		exploretest.CrossCheck(t, m, tc.want)
	}
}

// TestMessageFailureLarger checks the message-failure variant with two
// requests each (not under -short: 349,797 states).
func TestMessageFailureLarger(t *testing.T) {
	if testing.Short() {
		t.Skip("349,797 states")
	}
	m := mustNew(t, Config{N: 2, Requests: 2, Network: actor.FIFO, Variant: VariantMessageFailure,
		Faults: actor.Faults{Drop: 1, Dup: 1}})
	res := exploretest.Check(t, m, explore.Options{Workers: 2})
	assert.EqualValues(t, 349797, res.Distinct)
}
