package actor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFaults(t *testing.T) {
	f, err := ParseFaults("drop=2,dup=1,crash=1,restart=1,partition=1")
	require.NoError(t, err)
	assert.Equal(t, Faults{Drop: 2, Dup: 1, Crash: 1, Restart: 1, Partition: 1}, f)
	assert.Equal(t, "drop=2,dup=1,crash=1,restart=1,partition=1", f.String())

	f, err = ParseFaults(" crash , drop=3 ")
	require.NoError(t, err)
	assert.Equal(t, Faults{Drop: 3, Crash: 1}, f, "a kind without a count means 1")

	f, err = ParseFaults("")
	require.NoError(t, err)
	assert.Equal(t, Faults{}, f)
	assert.Equal(t, "none", f.String())

	for in, msg := range map[string]string{
		"drop=x":        `bad count "x"`,
		"explode=1":     `unknown fault kind "explode"`,
		"drop=-1":       "out of range",
		"drop=1,drop=2": "given twice",
		"crash=256":     "out of range",
	} {
		_, err := ParseFaults(in)
		require.ErrorIs(t, err, ErrConfig, in)
		assert.Contains(t, err.Error(), msg, in)
	}
}

func TestFaultsFromMap(t *testing.T) {
	f, err := FaultsFromMap(map[string]int{"crash": 1, "drop": 1})
	require.NoError(t, err)
	assert.Equal(t, Faults{Drop: 1, Crash: 1}, f)
	_, err = FaultsFromMap(map[string]int{"zap": 1})
	assert.ErrorIs(t, err, ErrConfig)
}

func TestParseNetwork(t *testing.T) {
	for _, name := range NetworkNames() {
		n, err := ParseNetwork(name)
		require.NoError(t, err)
		assert.Equal(t, name, n.String())
	}
	n, err := ParseNetwork("")
	require.NoError(t, err)
	assert.Equal(t, Unordered, n)
	_, err = ParseNetwork("lossy")
	require.ErrorIs(t, err, ErrConfig)
	assert.Contains(t, err.Error(), `unknown network "lossy"`)
}

func TestNewValidates(t *testing.T) {
	_, err := New(Config[tproc, tmsg]{})
	assert.ErrorIs(t, err, ErrConfig, "no actors")
	_, err = New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{{}}})
	assert.ErrorIs(t, err, ErrConfig, "no handlers")
	a := echoActor(nil, 0)
	_, err = New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{a, a}, Symmetry: [][]ID{{0, 1}}})
	assert.ErrorIs(t, err, ErrConfig, "symmetry without permute functions")
	_, err = New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{a}, Faults: Faults{Drop: -1}})
	assert.ErrorIs(t, err, ErrConfig, "negative budget")
}
