package rpc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrintingOneWordOneThing: "inc" names the increment operation only; a
// server incarnation is spelled out, a registration's version too.
func TestPrintingOneWordOneThing(t *testing.T) {
	x := Xid{Epoch: 0, Seq: 1}
	for _, c := range []struct {
		got, want string
	}{
		{Msg{Kind: Binding, Port: 1, Inc: 2, Ver: 3}.String(), "Binding(port=1 incarnation=2 version=3)"},
		{Msg{Kind: Register, Port: 2, Inc: 0, Ver: 1}.String(), "Register(port=2 incarnation=0 version=1)"},
		{Msg{Kind: Request, Xid: x, Op: Inc, Port: 1, Inc: 1}.String(), "Request(e0#1 inc port=1 incarnation=1)"},
		{Msg{Kind: Crashed, Xid: x, Inc: 1}.String(), "Crashed(e0#1 incarnation=1)"},
		{Proc{Phase: Calling, Next: 1, Bound: true, Port: 1, Inc: 2, Tries: 1}.String(), "calling e0#1 bound=port1/incarnation2 tries=1"},
		{Proc{Port: 1, Inc: 1, Ver: 2}.String(), "port=1 incarnation=1 version=2"},
	} {
		assert.Equal(t, c.want, c.got)
		assert.NotContains(t, c.got, "inc=", "inc= would read as the operation")
	}
}

// TestServerPrintsClientsByID: the server's per-client epochs name their
// client instead of relying on its index, and execution counts do not read
// as hexadecimal.
func TestServerPrintsClientsByID(t *testing.T) {
	p := Proc{Port: 1, Known: []uint8{0, 2}, Execs: []Exec{{Client: FirstClient, Xid: Xid{Seq: 0}, N: 2}}}
	s := p.String()
	assert.Contains(t, s, "known=[p2:e0 p3:e2]")
	assert.Contains(t, s, "execs=[p2:e0#0=2]")

	sys, err := New(DefaultConfig())
	require.NoError(t, err)
	sys.Init(func(st State) {
		var names []string
		for _, f := range st.Fields()[:3] {
			names = append(names, f.Name)
		}
		assert.Equal(t, []string{"p0(binder)", "p1(server)", "p2(client)"}, names)
		assert.False(t, strings.Contains(st.String(), "inc="), "no inc= in %s", st)
	})
}

func TestClientNames(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Clients = 2
	sys, err := New(cfg)
	require.NoError(t, err)
	sys.Init(func(st State) {
		assert.Equal(t, []string{"p2(client)", "p3(client)"}, ClientNames(st))
	})
}
