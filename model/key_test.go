package model

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestKeysAreSelfDelimiting: a key made of two fields appended in turn
// determines both fields, so different pairs never share a key.
func TestKeysAreSelfDelimiting(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a1, a2 := rapid.SliceOf(rapid.Int()).Draw(t, "a1"), rapid.String().Draw(t, "a2")
		b1, b2 := rapid.SliceOf(rapid.Int()).Draw(t, "b1"), rapid.String().Draw(t, "b2")
		ka := AppendString(AppendInts(nil, a1), a2)
		kb := AppendString(AppendInts(nil, b1), b2)
		same := slices.Equal(a1, b1) && a2 == b2
		require.Equal(t, same, bytes.Equal(ka, kb), "%v/%q vs %v/%q", a1, a2, b1, b2)
	})
}

// TestAppendSortedKeysIsAMultisetKey: the order of the items does not
// matter, their multiplicity does.
func TestAppendSortedKeysIsAMultisetKey(t *testing.T) {
	key := func(dst []byte, v uint8) []byte { return AppendUint(dst, uint64(v)) }
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SliceOf(rapid.Uint8()).Draw(t, "a")
		b := rapid.SliceOf(rapid.Uint8()).Draw(t, "b")
		perm := rapid.Permutation(a).Draw(t, "perm")
		require.Equal(t, AppendSortedKeys(nil, a, key), AppendSortedKeys(nil, perm, key), "a permutation has the same key")
		sa, sb := slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
		require.Equal(t, slices.Equal(sa, sb), bytes.Equal(AppendSortedKeys(nil, a, key), AppendSortedKeys(nil, b, key)))
	})
}

func TestSmallEncodings(t *testing.T) {
	require.Equal(t, []byte{1, 0}, AppendBool(AppendBool(nil, true), false))
	require.Equal(t, []byte{3, 'a', 'b', 'c'}, AppendBytes(nil, []byte("abc")))
	require.Equal(t, []byte{2, 1, 200, 1}, AppendUints(nil, []uint8{1, 200}))
	require.NotEqual(t, AppendInt(nil, -1), AppendInt(nil, 1))
}
