package bully

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// violated runs BFS and the liveness engine and returns the names of the
// properties that fail.
func violated(t *testing.T, m *Model) (*explore.Result, []string) {
	t.Helper()
	res, err := explore.Check(m, explore.Options{Workers: 2})
	require.NoError(t, err)
	require.True(t, res.Complete)
	var failed []string
	for _, p := range res.Violations() {
		failed = append(failed, p.Name)
	}
	return res, failed
}

// TestCatalogVariants builds every variant at its catalogue defaults and
// checks that it fails exactly the properties it lists.
func TestCatalogVariants(t *testing.T) {
	for _, v := range Spec.Variants {
		t.Run(v.Name, func(t *testing.T) {
			c, err := Spec.Defaults(v.Name)
			require.NoError(t, err)
			m, err := Spec.Build(c)
			require.NoError(t, err)
			res, failed := violated(t, m.(*Model))
			assert.ElementsMatch(t, v.Violates, failed, "the violated properties at %v", c)
			for _, name := range v.Violates {
				p, _ := res.Property(name)
				t.Logf("%s:\n%s", name, exploretest.Render(p.Trace))
			}
		})
	}
}

// TestUnreliableTimeoutsGiveTwoLeaders: the shortest counterexample is a
// node whose Are-U-Up timeout expires while the higher nodes are alive,
// and which leads beside the highest node.
func TestUnreliableTimeoutsGiveTwoLeaders(t *testing.T) {
	m := mustNew(t, Config{N: 3, Variant: VariantUnreliableTimeouts, Faults: DefaultFaults})
	tr := exploretest.Violates(t, m, PropOneLeader, explore.Options{Workers: 2})
	last := tr.Steps[len(tr.Steps)-1].State.(State)
	leaders := 0
	for i := range last.Procs {
		if p := last.Local(actor.ID(i)); last.Up(actor.ID(i)) && p.Status == StatusNormal && p.Peer == actor.ID(i) {
			leaders++
		}
	}
	assert.Equal(t, 2, leaders, "two live nodes lead:\n%s", exploretest.Render(tr))
	premature := false
	for i, st := range tr.Steps[1:] {
		var id actor.ID
		if _, err := fmt.Sscanf(st.Action, "timeout p%d answer", &id); err == nil && !due(tr.Steps[i].State.(State), id) {
			premature = true
		}
	}
	assert.True(t, premature, "some Are-U-Up timeout expires while a higher node is alive")
}

// TestTwoCrashesBreakAgreement pins a finding (see the package doc): with
// two crashes "leader agreement" fails while every other property holds.
func TestTwoCrashesBreakAgreement(t *testing.T) {
	m := mustNew(t, Config{N: 3, Start: StartElected, Faults: actor.Faults{Crash: 2, Restart: 2}})
	res, failed := violated(t, m)
	assert.EqualValues(t, 13698, res.Distinct)
	assert.Equal(t, []string{PropAgreement}, failed)
	p, _ := res.Property(PropAgreement)
	t.Logf("%s", exploretest.Render(p.Trace))
}

// TestFourNodes checks every property at N=4 with one crash.
func TestFourNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("46,013 states with liveness")
	}
	m := mustNew(t, Config{N: 4, Start: StartElected, Faults: DefaultFaults})
	res := exploretest.Check(t, m, explore.Options{Workers: 2})
	assert.EqualValues(t, 46013, res.Distinct)
	dfs, err := explore.DFS(m, explore.Options{})
	require.NoError(t, err)
	assert.Equal(t, res.Distinct, dfs.Distinct, "dfs finds the states bfs finds")
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{N: 1},
		{N: MaxN + 1},
		{N: 3, Variant: "nope"},
		{N: 3, Start: "later"},
		{N: 3, Faults: actor.Faults{Drop: 1}},
		{N: 3, Network: actor.Duplicating},
		{N: 3, Delay: MaxDelay + 1},
		{N: 3, Delay: 1, Poll: -1},
	} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}
