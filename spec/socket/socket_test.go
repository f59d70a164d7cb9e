package socket

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestVerifies checks every property, liveness included, where the text's
// exchange must work, and pins the distinct counts: BFS, DFS and the
// naive enumerator agree.
//
// Hand argument for connectionless with one datagram: before the client's
// sendto, the server is before socket, before bind or bound and the
// client likewise: 3x3 = 9; the datagram in flight, then held in the
// server's kernel, beside the server's 3 positions: 3 + 3; then the
// server's recvfrom, its reply in flight, the reply buffered, and the
// client's recvfrom: 4. In all 9 + 6 + 4 = 19.
func TestVerifies(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want int64
	}{
		{"connection/1", Config{Mode: Connection, Segments: 1, Network: actor.FIFO}, 30},
		{"connection/2", Config{Mode: Connection, Segments: 2, Network: actor.FIFO}, 39},
		{"connection/3", Config{Mode: Connection, Segments: 3, Network: actor.FIFO}, 53},
		{"connectionless/1", Config{Mode: Connectionless, Segments: 1, Network: actor.Unordered}, 19},
		{"connectionless/2", Config{Mode: Connectionless, Segments: 2, Network: actor.Unordered}, 43},
		{"connectionless/2/fifo", Config{Mode: Connectionless, Segments: 2, Network: actor.FIFO}, 31},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mustNew(t, tc.cfg)
			exploretest.Contract(t, m)
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestVariantsAtDefaults builds every variant through the catalogue at its
// own defaults: the connection verifies, a broken one violates exactly
// what it declares.
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.VariantList() {
		t.Run(v.Name, func(t *testing.T) {
			exploretest.VariantAtDefaults(t, Spec, v.Name)
		})
	}
}

// TestConnectionlessUnderLoss is `socket -variant connectionless -faults
// drop=1`: the request may never be answered, because a datagram was
// lost; with -faults none the same variant verifies.
func TestConnectionlessUnderLoss(t *testing.T) {
	drop := actor.Faults{Drop: 1}
	c, err := Spec.Resolve(catalog.Request{Variant: VariantConnectionless, Faults: &drop})
	require.NoError(t, err)
	m, err := Spec.Build(c)
	require.NoError(t, err)
	tr := exploretest.Violates(t, m, PropReply)
	dropped := false
	for _, st := range tr.Steps {
		dropped = dropped || strings.HasPrefix(st.Action, "drop ")
	}
	assert.True(t, dropped, "the counterexample loses a datagram:\n%s", exploretest.Render(tr))
	last := tr.Steps[len(tr.Steps)-1].State.(State)
	assert.Equal(t, CallRecvfrom, last.Local(ClientID).Next, "the client waits in recvfrom")

	none := actor.Faults{}
	c, err = Spec.Resolve(catalog.Request{Variant: VariantConnectionless, Faults: &none})
	require.NoError(t, err)
	m, err = Spec.Build(c)
	require.NoError(t, err)
	exploretest.Check(t, m)
}

// TestServerClosesEarly: when the server closes before its reply, the
// client is not left hanging: every end state without a reply is one
// where the server closed early and the client read end of file and
// closed.
func TestServerClosesEarly(t *testing.T) {
	m := mustNew(t, Config{Mode: Connection, Segments: 2, Network: actor.FIFO, CloseEarly: true})
	res := exploretest.Violates(t, m, PropReply)
	require.NotNil(t, res)
	ends := 0
	for _, r := range exploretest.Enumerate(m) {
		s := r.State
		if !m.Final(s) || s.Local(ClientID).GotReply {
			continue
		}
		ends++
		sv, cl := s.Local(ServerID), s.Local(ClientID)
		assert.True(t, sv.Early, "no reply, yet the server did not close early:\n%v", s)
		assert.True(t, cl.EOF && cl.Next == CallDone, "the client read EOF and closed:\n%v", s)
	}
	assert.Positive(t, ends, "some run ends without a reply")
}

// TestUnorderedConnection: over a network that reorders, segments of one
// connection are read out of order, which "no data lost on a connection"
// catches without any loss.
func TestUnorderedConnection(t *testing.T) {
	m := mustNew(t, Config{Mode: Connection, Segments: 2, Network: actor.Unordered})
	tr := exploretest.Violates(t, m, PropNoDataLost)
	for _, st := range tr.Steps {
		assert.False(t, strings.HasPrefix(st.Action, "drop "), "no loss in this run")
	}
	assert.True(t, tr.Steps[len(tr.Steps)-1].State.(State).Local(ServerID).Gap)
}

// TestPropertiesCanFail: each safety property rejects a state that breaks
// it, built by hand (the models never reach one).
func TestPropertiesCanFail(t *testing.T) {
	prop := func(mode Mode, name string) model.Property[State] {
		for _, p := range properties(mode) {
			if p.Name == name {
				return p
			}
		}
		t.Fatalf("no property %q", name)
		return model.Property[State]{}
	}
	state := func(server, client End) State {
		return State{Procs: []actor.Proc[End]{{Local: server}, {Local: client}}}
	}
	readNoAccept := End{Made: 1<<CallSocket | 1<<CallBind | 1<<CallListen | 1<<CallRead, Read: 1}
	assert.False(t, prop(Connection, PropNoEarlyRead).Holds(state(readNoAccept, End{})))
	readNoConnect := End{Made: 1<<CallSocket | 1<<CallConnect | 1<<CallRead}
	assert.False(t, prop(Connection, PropNoEarlyRead).Holds(state(End{}, readNoConnect)))
	closedNoReply := End{Made: 1<<CallSocket | 1<<CallConnect | 1<<CallClose, Conn: true, Next: CallDone}
	assert.False(t, prop(Connection, PropClientCloses).Holds(state(End{}, closedNoReply)))
	eofTooSoon := End{EOF: true}
	assert.False(t, prop(Connection, PropNoDataLost).Holds(state(End{Wrote: 1}, eofTooSoon)))
	unbound := End{Made: 1<<CallSocket | 1<<CallRecvfrom}
	assert.False(t, prop(Connectionless, PropNoUnboundRecv).Holds(state(unbound, End{})))
	assert.True(t, prop(Connectionless, PropNoUnboundRecv).Holds(state(End{}, End{})))
}

// TestBadConfig: unsupported values are errors.
func TestBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{Segments: 0}, {Segments: maxSegments + 1}, {Segments: 1, Mode: 7},
		{Segments: 1, Network: actor.Duplicating}, {Segments: 1, Faults: actor.Faults{Crash: 1}},
	} {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}
