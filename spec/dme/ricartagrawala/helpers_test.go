package ricartagrawala

import (
	"fmt"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// local returns process i's local state.
func local(s State, i int) Proc { return s.Local(actor.ID(i)) }

// counts formats a final state's measures for failure messages.
func counts(s State) string {
	return fmt.Sprintf("messages=%d entries=%d\n%v", Messages(s), Entries(s), s)
}
