package ring

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

func inFlight(s State) []string {
	out := make([]string, len(s.Net))
	for i, e := range s.Net {
		out[i] = e.String()
	}
	return out
}

// TestPseudoCode follows the text's cases on the ring 1,3,2,4 with p0
// (id 1) the only initiator, then on 3,1,2 with every node initiating.
// Reference: the text, "Logical ring topology".
func TestPseudoCode(t *testing.T) {
	m := mustNew(t, Config{IDs: []int{1, 3, 2, 4}, Initiators: InitOne, Network: actor.FIFO})
	s := exploretest.Initial(t, m)
	// The initiator sets participating and sends its id to its successor.
	assert.True(t, s.Local(0).Participating)
	assert.False(t, s.Local(1).Participating)
	assert.Equal(t, []string{"p0->p1 Election(1)"}, inFlight(s))
	// value < id and not participating: participating, send(id).
	s = exploretest.Step(t, m, s, "deliver p0->p1 Election(1)")
	assert.True(t, s.Local(1).Participating)
	assert.Equal(t, []string{"p1->p2 Election(3)"}, inFlight(s))
	// value > id: participating, send(value).
	s = exploretest.Step(t, m, s, "deliver p1->p2 Election(3)")
	assert.True(t, s.Local(2).Participating)
	assert.Equal(t, []string{"p2->p3 Election(3)"}, inFlight(s))
	s = exploretest.Step(t, m, s, "deliver p2->p3 Election(3)")
	assert.Equal(t, []string{"p3->p0 Election(4)"}, inFlight(s))
	for _, l := range []string{"deliver p3->p0 Election(4)", "deliver p0->p1 Election(4)", "deliver p1->p2 Election(4)"} {
		s = exploretest.Step(t, m, s, l)
	}
	// value == id: announce leader; the announcement goes round once.
	s = exploretest.Step(t, m, s, "deliver p2->p3 Election(4)")
	assert.Equal(t, uint8(4), s.Local(3).Leader)
	assert.Equal(t, []string{"p3->p0 Elected(4)"}, inFlight(s))
	for _, l := range []string{"deliver p3->p0 Elected(4)", "deliver p0->p1 Elected(4)", "deliver p1->p2 Elected(4)"} {
		s = exploretest.Step(t, m, s, l)
	}
	s = exploretest.Step(t, m, s, "deliver p2->p3 Elected(4)")
	assert.Empty(t, s.Net, "the announcement stops at the leader")

	// value < id and participating: discard.
	m = mustNew(t, Config{IDs: []int{3, 1, 2}, Network: actor.FIFO})
	s = exploretest.Step(t, m, exploretest.Initial(t, m), "deliver p1->p2 Election(1)")
	assert.Equal(t, []string{"p0->p1 Election(3)", "p2->p0 Election(2)"}, inFlight(s), "id 2 discards 1")
	// Without the flag it sends its id again.
	m = mustNew(t, Config{IDs: []int{3, 1, 2}, Variant: VariantNoFlag, Network: actor.FIFO})
	s = exploretest.Step(t, m, exploretest.Initial(t, m), "deliver p1->p2 Election(1)")
	assert.Equal(t, []string{"p0->p1 Election(3)", "p2->p0 Election(2)", "p2->p0 Election(2)"}, inFlight(s))
}
