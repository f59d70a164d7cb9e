package lamport

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// "When receive REQUEST from S, enqueue REQUEST and send REPLY to S."
// The reply is stamped later than the request.
// Reference: the text, "Contention-based DME", Lamport.
func TestRequestQueuedAndAnswered(t *testing.T) {
	m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO})
	s := exploretest.Run(t, m, "timeout p0 want", "deliver p0->p1 Request(ts=1)")
	assert.Equal(t, uint16(1), local(s, 1).Queue[0], "p1 queued p0's request")
	require.Len(t, s.Net, 1)
	assert.Equal(t, "p1->p0 Reply(ts=2)", s.Net[0].String())
}

// "When own REQUEST at front of queue, enter CS": two requests with the
// same timestamp are ordered by process id, so p1 waits, with a later
// message from p0 in hand, until p0's release removes p0's request.
// Reference: Lamport 1978, rule 5 and the total order =>.
func TestTieBrokenByID(t *testing.T) {
	m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO})
	s := exploretest.Run(t, m, "timeout p0 want", "timeout p1 want",
		"deliver p1->p0 Request(ts=1)", // later than (1, p0): p0 enters
		"deliver p0->p1 Request(ts=1)", // earlier than (1, p1): p0 heads p1's queue
		"deliver p0->p1 Reply(ts=2)")
	assert.Equal(t, PhaseInCS, local(s, 0).Phase)
	assert.Equal(t, PhaseWaiting, local(s, 1).Phase, "p1 has a later message from p0 but p0's request heads its queue")
	s = exploretest.Run(t, m, "timeout p0 want", "timeout p1 want", "deliver p1->p0 Request(ts=1)",
		"deliver p0->p1 Request(ts=1)", "deliver p0->p1 Reply(ts=2)", "timeout p0 exit", "deliver p1->p0 Reply(ts=2)",
		"deliver p0->p1 Release(ts=3)")
	assert.Equal(t, PhaseInCS, local(s, 1).Phase, "the release lets p1 in")
}

// "Node may ask head of queue what is the hold up": p0's release to p1 is
// lost, so p0's old request heads p1's queue forever; p1's retry timer
// inquires, p0 (idle) sends its release again, and p1 enters.
// Reference: the text, "Lamport Timestamp DME with message failure".
func TestLostReleaseInquiry(t *testing.T) {
	m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO, Variant: VariantMessageFailure,
		Faults: actor.Faults{Drop: 1}})
	lost := []string{"timeout p0 want", "deliver p0->p1 Request(ts=1)", "deliver p1->p0 Reply(ts=2)",
		"timeout p0 exit", "drop p0->p1 Release(ts=3)",
		"timeout p1 want", "deliver p1->p0 Request(ts=3)", "deliver p0->p1 Reply(ts=4)"}
	s := exploretest.Run(t, m, lost...)
	assert.Equal(t, PhaseWaiting, local(s, 1).Phase, "p1 heard from p0 but p0's stale request heads its queue")
	s = exploretest.Run(t, m, append(lost, "timeout p1 retry", "deliver p1->p0 Inquire(ts=1)", "deliver p0->p1 Release(ts=4)")...)
	assert.Equal(t, PhaseInCS, local(s, 1).Phase, "the release sent again lets p1 in")
}

// A lost request must not let its sender's later reply through alone:
// p0's request to p1 is lost, p0 enters on p1's later request, and p0's
// reply to p1 carries p0's pending request, so p1 queues it and waits.
// With the text's four rules alone (VariantResendOnly) p1 enters too.
func TestLostRequestCarriedByReply(t *testing.T) {
	steps := []string{"timeout p0 want", "drop p0->p1 Request(ts=1)", "timeout p1 want",
		"deliver p1->p0 Request(ts=1)"}
	for _, tc := range []struct {
		variant, reply string
		p1             Phase
	}{{VariantMessageFailure, "deliver p0->p1 Reply(ts=2,req=1)", PhaseWaiting}, {VariantResendOnly, "deliver p0->p1 Reply(ts=2)", PhaseInCS}} {
		m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO, Variant: tc.variant, Faults: actor.Faults{Drop: 1}})
		s := exploretest.Run(t, m, append(steps, tc.reply)...)
		assert.Equal(t, PhaseInCS, local(s, 0).Phase, tc.variant)
		assert.Equal(t, tc.p1, local(s, 1).Phase, tc.variant)
	}
}
