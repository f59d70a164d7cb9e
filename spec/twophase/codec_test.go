package twophase

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// TestCodec: every reachable state (n=4) encodes to its eight key bytes
// and decodes to itself; model.CodecOf picks the model's own codec.
func TestCodec(t *testing.T) {
	m, err := New(Config{N: 4})
	require.NoError(t, err)
	c, err := model.CodecOf(m)
	require.NoError(t, err)
	require.Same(t, m, c)
	n := 0
	res, err := explore.Visit(m, explore.Options{Workers: 1}, func(s State, _ explore.Visited) {
		n++
		enc := m.AppendState(nil, s)
		if assert.Len(t, enc, 8) {
			assert.Equal(t, m.AppendKey(nil, s), enc)
		}
		got, err := m.DecodeState(enc)
		assert.NoError(t, err)
		assert.Equal(t, s, got)
	})
	require.NoError(t, err)
	require.True(t, res.Complete)
	require.EqualValues(t, res.Distinct, n, "every state visited")
}

// TestCodecRefuses: a word of the wrong length, of another number of
// resource managers, or that is not a state (TypeOK) is an error.
func TestCodecRefuses(t *testing.T) {
	m, err := New(Config{N: 3})
	require.NoError(t, err)
	var init State
	m.Init(func(s State) { init = s })
	other, err := New(Config{N: 4})
	require.NoError(t, err)
	for name, src := range map[string][]byte{
		"short":           m.AppendState(nil, init)[:7],
		"long":            append(m.AppendState(nil, init), 0),
		"other n":         other.AppendState(nil, State{w: 4 << nShift}),
		"rm beyond n":     binary.LittleEndian.AppendUint64(nil, init.w|1<<(rmBits*3)),
		"unknown tmState": binary.LittleEndian.AppendUint64(nil, init.w|3<<tmShift),
	} {
		_, err := m.DecodeState(src)
		assert.ErrorIs(t, err, model.ErrDecode, name)
	}
}
