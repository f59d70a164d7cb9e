package suzukikasami

import (
	"github.com/stretchr/testify/require"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}
