package ricartagrawala

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// TestCorrectHolds checks every property, liveness included, on both
// networks and pins the distinct counts: BFS, DFS and the naive
// enumerator agree (SPIN agrees on the FIFO counts: TestSpinStateCount).
func TestCorrectHolds(t *testing.T) {
	for _, tc := range []struct {
		net         actor.Network
		n, requests int
		want        int64
	}{
		{actor.Unordered, 2, 1, 35}, {actor.Unordered, 3, 1, 2858}, {actor.Unordered, 3, 2, 39933},
		{actor.FIFO, 2, 1, 31}, {actor.FIFO, 3, 1, 2080}, {actor.FIFO, 3, 2, 30846},
	} {
		m := mustNew(t, Config{N: tc.n, Requests: tc.requests, Network: tc.net})
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

// TestLossBreaksIt: the algorithm assumes reliable delivery. A lost
// message blocks its requester for good, and a duplicated reply counts
// twice and lets a requester in early.
func TestLossBreaksIt(t *testing.T) {
	for _, tc := range []struct {
		faults actor.Faults
		prop   string
	}{{actor.Faults{Drop: 1}, invariants.PropGranted}, {actor.Faults{Dup: 1}, invariants.PropMutex}} {
		m := mustNew(t, Config{N: 3, Requests: 1, Network: actor.Unordered, Faults: tc.faults})
		tr := exploretest.Violates(t, m, tc.prop, explore.Options{Workers: 2})
		t.Logf("%v: %q\n%s", tc.faults, tc.prop, exploretest.Render(tr))
	}
}

// TestFourProcesses checks n=4 on the FIFO network (not under -short:
// 1,405,161 states, as many as SPIN stores).
func TestFourProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("1,405,161 states")
	}
	m := mustNew(t, Config{N: 4, Requests: 1, Network: actor.FIFO})
	res := exploretest.Check(t, m, explore.Options{Workers: 2})
	assert.EqualValues(t, 1405161, res.Distinct)
}
