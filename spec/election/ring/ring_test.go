package ring

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestCorrectHolds checks every property, liveness included, and pins the
// distinct counts: BFS, DFS and the naive enumerator agree.
func TestCorrectHolds(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want int64
	}{
		{"defaults", Config{IDs: []int{3, 1, 2}, Network: actor.FIFO}, 14},
		{"unordered", Config{IDs: []int{3, 1, 2}, Network: actor.Unordered}, 28},
		{"one initiator", Config{IDs: []int{1, 3, 2, 4}, Initiators: InitOne, Network: actor.FIFO}, 12}, // see TestOneInitiatorByHand
		{"some initiators", Config{IDs: []int{2, 5, 1, 4, 3}, Initiators: InitSome, Network: actor.FIFO}, 55},
		{"no flag", Config{IDs: []int{3, 1, 2}, Variant: VariantNoFlag, Network: actor.FIFO}, 64},
		{"duplication", Config{IDs: []int{3, 1, 2}, Faults: actor.Faults{Dup: 1}, Network: actor.FIFO}, 126},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mustNew(t, tc.cfg)
			exploretest.Contract(t, m)
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestOneInitiatorByHand: with one initiator a single message is in flight
// at any time, so the run is a line: ids 1,3,2,4 in ring order, p0 (id 1)
// initiates: Election(1) to id 3, which replaces it by Election(3); id 2
// forwards it; id 4 replaces it by Election(4), which goes round (4
// messages) and comes back; then Elected(4) goes round (4 messages). One
// initial state and 3+4+4 = 11 steps: 12 states, the last final.
func TestOneInitiatorByHand(t *testing.T) {
	m := mustNew(t, Config{IDs: []int{1, 3, 2, 4}, Initiators: InitOne, Network: actor.FIFO})
	states := exploretest.Enumerate(m)
	assert.Len(t, states, 12)
	var final []State
	for _, r := range states {
		if len(r.State.Net) == 0 {
			final = append(final, r.State)
		}
	}
	require.Len(t, final, 1)
	assert.Equal(t, 7, ElectionMessages(final[0]), "3 until id 4, then 4 round the ring")
	assert.Equal(t, 4, Announcements(final[0]))
	for i := range 4 {
		assert.Equal(t, uint8(4), final[0].Local(actor.ID(i)).Leader, "p%d knows the leader", i)
	}
}

// TestCatalogVariants builds every variant at its catalogue defaults and
// checks that it fails exactly the properties it lists.
func TestCatalogVariants(t *testing.T) {
	for _, v := range Spec.Variants {
		t.Run(v.Name, func(t *testing.T) {
			res := exploretest.VariantAtDefaults(t, Spec, v.Name)
			for _, name := range v.Violates {
				p, _ := res.Property(name)
				t.Logf("%s:\n%s", name, exploretest.Render(p.Trace))
			}
		})
	}
}

// TestLossyNeverElects: one lost message and the election stops for good:
// the counterexample ends in a state where nothing is in flight and some
// node never learnt the leader.
func TestLossyNeverElects(t *testing.T) {
	m := mustNew(t, Config{IDs: []int{3, 1, 2}, Variant: VariantLossy, Faults: actor.Faults{Drop: 1}, Network: actor.FIFO})
	tr := exploretest.Violates(t, m, PropLearns, explore.Options{Workers: 2})
	last := tr.Steps[len(tr.Steps)-1].State.(State)
	assert.Empty(t, last.Net, "stuck: nothing in flight\n%s", exploretest.Render(tr))
	assert.EqualValues(t, 1, last.Used.Drop)
	assert.False(t, election([]int{3, 1, 2}).Elected(last))
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{IDs: []int{1}},
		{IDs: []int{1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{IDs: []int{2, 2, 1}},
		{IDs: []int{0, 1}},
		{IDs: []int{1, 2}, Initiators: "most"},
		{IDs: []int{1, 2}, Variant: "nope"},
		{IDs: []int{1, 2}, Faults: actor.Faults{Crash: 1}},
		{IDs: []int{1, 2}, Network: actor.Duplicating},
	} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
	c, err := Spec.Resolve(catalog.Request{Params: map[string]string{"ids": "2,1,2"}})
	require.NoError(t, err, "the catalogue checks each id, the model the set")
	_, err = Spec.Build(c)
	assert.ErrorIs(t, err, ErrConfig)
}
