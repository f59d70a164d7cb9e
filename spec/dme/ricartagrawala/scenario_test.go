package ricartagrawala

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// "Only send REPLY if not in CS": p0 in its critical section defers p1's
// request and replies on exit; in VariantReplyInCS it replies at once and
// p1 enters while p0 is inside.
// Reference: the text, "Contention-based DME", Ricart & Agrawala; Ricart
// and Agrawala 1981, the Receive-Request procedure.
func TestDeferWhileInCS(t *testing.T) {
	inCS := []string{"timeout p0 want", "deliver p0->p1 Request(seq=1)", "deliver p1->p0 Reply",
		"timeout p1 want", "deliver p1->p0 Request(seq=2)"}
	m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO})
	s := exploretest.Run(t, m, inCS...)
	assert.Equal(t, PhaseInCS, local(s, 0).Phase)
	assert.Equal(t, uint8(1<<1), local(s, 0).Deferred, "p0 defers p1's request")
	assert.Empty(t, s.Net, "no reply while in the critical section")
	s = exploretest.Run(t, m, append(inCS, "timeout p0 exit", "deliver p0->p1 Reply")...)
	assert.Equal(t, PhaseInCS, local(s, 1).Phase, "the deferred reply lets p1 in")

	broken := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO, Variant: VariantReplyInCS})
	s = exploretest.Run(t, broken, append(inCS, "deliver p0->p1 Reply")...)
	assert.Equal(t, PhaseInCS, local(s, 0).Phase)
	assert.Equal(t, PhaseInCS, local(s, 1).Phase, "reply-in-cs: both inside")
}

// "Only send REPLY if REQUEST is ahead of mine": two requests with the
// same sequence number are ordered by id; p1 replies to p0's, p0 defers
// p1's.
// Reference: Ricart and Agrawala 1981, Defer_it.
func TestDeferToLaterRequest(t *testing.T) {
	m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO})
	s := exploretest.Run(t, m, "timeout p0 want", "timeout p1 want",
		"deliver p1->p0 Request(seq=1)", "deliver p0->p1 Request(seq=1)")
	assert.Equal(t, uint8(1<<1), local(s, 0).Deferred, "p0's request is ahead: p1's waits")
	assert.Zero(t, local(s, 1).Deferred, "p1 replies to the request ahead of its own")
	require.Len(t, s.Net, 1)
	assert.Equal(t, "p1->p0 Reply", s.Net[0].String())
	assert.Equal(t, uint8(1), local(s, 1).Highest, "Highest_Sequence_Number follows the requests received")
}
