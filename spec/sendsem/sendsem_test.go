package sendsem

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestHonestVerifies checks every primitive claimed to give what its steps
// give, liveness included, under drop=1,crash=1 and fault-free, and pins
// the distinct counts: BFS, DFS and the naive enumerator agree.
//
// Hand arguments for the fault-free counts. Nonblocking: the initial
// state, then after step 1 two independent chains, the release (not yet,
// done) and the message (in the kernel, in flight, arrived, delivered):
// 1 + 2x4 = 9. Blocking: the initial state and the state after 1; after 2
// the sender's 7 and 8 (3 positions) beside the message's flight,
// arrival and delivery (3 positions): 2 + 3x3 = 11. Reliable blocking:
// the initial state, after 1, after 2 (in flight); after 3 the delivery
// (2 positions) beside the acknowledgement's 6, 7, 8 (4 positions):
// 3 + 2x4 = 11. Explicit blocking is one chain of 8 steps: 9 states;
// request and reply adds the service: 10.
func TestHonestVerifies(t *testing.T) {
	for _, tc := range []struct {
		p                 Primitive
		faulty, faultFree int64
	}{
		{Nonblocking, 35, 9}, {Blocking, 45, 11}, {ReliableBlocking, 45, 11},
		{ExplicitBlocking, 35, 9}, {RequestReply, 38, 10},
	} {
		t.Run(tc.p.String(), func(t *testing.T) {
			for _, run := range []struct {
				f    actor.Faults
				want int64
			}{{faults, tc.faulty}, {actor.Faults{}, tc.faultFree}} {
				m := mustNew(t, Config{Primitive: tc.p, Faults: run.f})
				exploretest.Contract(t, m)
				exploretest.CrossCheck(t, m, run.want)
			}
		})
	}
}

// TestVariantsAtDefaults builds every catalogued variant through the
// catalogue at its own defaults: an honest one verifies, a broken one
// violates exactly the properties it declares.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) {
			exploretest.VariantAtDefaults(t, Spec, v.Name)
		})
	}
}

// TestBlockingSendClaimsKernel: the blocking send releases its sender
// once the message is on the wire; a claim that it is then in the
// receiver's kernel fails, and the shortest counterexample is the
// sender's four steps with the message still in flight.
func TestBlockingSendClaimsKernel(t *testing.T) {
	claims, err := ClaimsOf(Blocking, InKernel.Claim())
	require.NoError(t, err)
	tr := exploretest.Violates(t, mustNew(t, Config{Primitive: Blocking, Claims: claims, Faults: faults}), InKernel.Prop())
	var labels []string
	for _, st := range tr.Steps[1:] {
		labels = append(labels, st.Action)
	}
	assert.Equal(t, []string{"timeout p0 1-copy", "timeout p0 2-transmit", "timeout p0 7-sent", "timeout p0 8-release"}, labels)
	last := tr.Steps[len(tr.Steps)-1].State.(State)
	assert.True(t, released(last))
	assert.False(t, InKernel.holds(last))
	assert.Len(t, last.Net, 1, "the Data is still in flight")
}

// TestReliableSendBlocksUnderLoss: the reliable blocking send waits for
// the receiver kernel's Ack, so a loss (or a receiver crash) can keep the
// sender blocked for good, while the blocking send is released whatever
// the network does.
func TestReliableSendBlocksUnderLoss(t *testing.T) {
	for _, f := range []actor.Faults{{Drop: 1}, {Crash: 1}} {
		claims, _ := ClaimsOf(ReliableBlocking, NoBlock.Claim())
		tr := exploretest.Violates(t, mustNew(t, Config{Primitive: ReliableBlocking, Claims: claims, Faults: f}), NoBlock.Prop())
		last := tr.Steps[len(tr.Steps)-1].State.(State)
		assert.False(t, released(last), "faults %v", f)
		assert.True(t, last.Up(SenderID), "faults %v: the sender is up, and blocked", f)
	}
	claims, _ := ClaimsOf(Blocking, NoBlock.Claim())
	exploretest.Check(t, mustNew(t, Config{Primitive: Blocking, Claims: claims, Faults: actor.Faults{Drop: 2, Crash: 1}}))
}

// TestStepLists: the step lists are the text's, and the order relation
// accepts the primitive's own list.
func TestStepLists(t *testing.T) {
	want := map[Primitive]string{
		Nonblocking: "1,8", Blocking: "1,2,7,8", ReliableBlocking: "1,2,3,6,7,8",
		ExplicitBlocking: "1,2,3,4,5,6,7,8", RequestReply: "1,2,3,4,service,5,6,7,8",
	}
	for _, p := range Primitives() {
		assert.Equal(t, want[p], p.Steps().String(), p.String())
		assert.True(t, p.inOrder(p.Steps()), "%s: its own list is in order", p)
		assert.True(t, p.inOrder(p.Complete()), "%s: a complete run is in order", p)
		assert.False(t, p.inOrder(Of(StepRelease)), "%s: a release without step 1 is out of order", p)
		q, ok := ParsePrimitive(p.String())
		assert.True(t, ok)
		assert.Equal(t, p, q)
	}
	assert.False(t, ReliableBlocking.inOrder(Of(1, 2, 7, 8)), "the reliable send's 7 needs the kernel's 6")
}

// TestBadConfig: unsupported faults and claims are errors.
func TestBadConfig(t *testing.T) {
	_, err := New(Config{Faults: actor.Faults{Dup: 1}})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = New(Config{Primitive: 9})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = ClaimsOf(Blocking, "everything")
	assert.ErrorIs(t, err, ErrConfig)
}
