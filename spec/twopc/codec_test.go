package twopc

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/invariants"
)

// TestDecodeKey: DecodeKey inverts AppendKey for every process and
// message, reads exactly the key, and refuses a truncated key.
func TestDecodeKey(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Proc{
			Phase: Phase(rapid.IntRange(0, int(PhaseAbort)).Draw(t, "phase")),
			Vote:  invariants.Vote(rapid.Uint8Range(0, 2).Draw(t, "vote")),
			Ever:  invariants.DecisionSet(rapid.Uint8Range(0, 3).Draw(t, "ever")),
			Votes: rapid.Uint64().Draw(t, "votes"),
		}
		key := p.AppendKey([]byte{9})[1:]
		tail := append(key[:len(key):len(key)], 0xff) // a key is read without its successor
		got, n, err := Proc{}.DecodeKey(tail)
		require.NoError(t, err)
		require.Equal(t, p, got)
		require.Equal(t, len(key), n)
		_, _, err = Proc{}.DecodeKey(key[:rapid.IntRange(0, len(key)-1).Draw(t, "cut")])
		require.ErrorIs(t, err, errKey)

		m := Msg{Kind: Kind(rapid.IntRange(0, int(DecisionReq)).Draw(t, "kind"))}
		gotm, n, err := Msg{}.DecodeKey(m.AppendKey(nil))
		require.NoError(t, err)
		require.Equal(t, m, gotm)
		require.Equal(t, 1, n)
	})
	_, _, err := Msg{}.DecodeKey([]byte{byte(DecisionReq) + 1})
	require.ErrorIs(t, err, errKey)
}
