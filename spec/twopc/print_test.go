package twopc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/invariants"
)

// TestProcPrintsSetsAsSets: the coordinator's yes votes print as a set of
// process ids, not as a bit string (votes=110 read as p2 and p1).
func TestProcPrintsSetsAsSets(t *testing.T) {
	assert.Equal(t, "WAIT votes={p1,p2}", Proc{Phase: PhaseWait, Votes: 0b110}.String())
	assert.Equal(t, "WAIT votes={p2}", Proc{Phase: PhaseWait, Votes: 0b100}.String())
	assert.Equal(t, "READY vote=yes", Proc{Phase: PhaseReady, Vote: invariants.Yes}.String())
	assert.Equal(t, "INIT", Proc{}.String())
}

// TestStateFieldsNameRoles: a trace names the coordinator and the
// participants by id and role.
func TestStateFieldsNameRoles(t *testing.T) {
	sys, err := New(Config{N: 2})
	require.NoError(t, err)
	var names []string
	sys.Init(func(s State) {
		for _, f := range s.Fields() {
			names = append(names, f.Name)
		}
	})
	assert.Equal(t, []string{"p0(coordinator)", "p1(participant)", "p2(participant)", "net"}, names)
}
