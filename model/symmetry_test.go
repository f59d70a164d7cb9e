package model_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// ring is a test state: n processes, each with a small value and an
// optional pointer to another process (-1 for none), so renaming must touch
// references as well as positions.
type ring struct {
	val  []uint8
	next []int8
}

func (r ring) appendKey(dst []byte, s ring) []byte {
	for i := range s.val {
		dst = append(dst, s.val[i], byte(s.next[i]))
	}
	return dst
}

// rename returns s with new id j being old id perm[j].
func (ring) rename(s ring, perm []int) ring {
	inv := make([]int8, len(perm))
	for j, old := range perm {
		inv[old] = int8(j)
	}
	t := ring{val: make([]uint8, len(perm)), next: make([]int8, len(perm))}
	for j, old := range perm {
		t.val[j] = s.val[old]
		t.next[j] = -1
		if p := s.next[old]; p >= 0 {
			t.next[j] = inv[p]
		}
	}
	return t
}

// canonical canonicalizes with a signature that sees the value and whether
// the pointer is set, not where it points.
func (r ring) canonical(s ring) ring {
	return model.CanonicalByPermutation(len(s.val),
		func(dst []byte, i int) []byte { return append(dst, s.val[i], byte(min(s.next[i], 0))) },
		func(perm []int) ring { return r.rename(s, perm) },
		r.appendKey)
}

func drawRing(t *rapid.T, n int) ring {
	s := ring{val: make([]uint8, n), next: make([]int8, n)}
	for i := range n {
		s.val[i] = uint8(rapid.IntRange(0, 2).Draw(t, "val"))
		s.next[i] = int8(rapid.IntRange(-1, n-1).Draw(t, "next"))
	}
	return s
}

// permutations returns all permutations of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for pos := 0; pos <= len(p); pos++ {
			q := append(append(append([]int{}, p[:pos]...), n-1), p[pos:]...)
			out = append(out, q)
		}
	}
	return out
}

func TestCanonicalByPermutationIsComplete(t *testing.T) {
	var r ring
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 5).Draw(t, "n")
		s := drawRing(t, n)
		perm := rapid.Permutation(permutations(n)[0]).Draw(t, "perm")
		c := r.appendKey(nil, r.canonical(s))
		require.Equal(t, c, r.appendKey(nil, r.canonical(r.rename(s, perm))),
			"a permuted state has the same canonical key")
		// The representative is in the orbit, and canonical is idempotent.
		inOrbit := false
		for _, p := range permutations(n) {
			inOrbit = inOrbit || bytes.Equal(c, r.appendKey(nil, r.rename(s, p)))
		}
		require.True(t, inOrbit, "the canonical state is a permutation of the state")
		require.Equal(t, c, r.appendKey(nil, r.canonical(r.canonical(s))))
	})
}

func TestCanonicalByPermutationSeparatesOrbits(t *testing.T) {
	var r ring
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "n")
		s, u := drawRing(t, n), drawRing(t, n)
		same := false
		for _, p := range permutations(n) {
			same = same || bytes.Equal(r.appendKey(nil, r.rename(s, p)), r.appendKey(nil, u))
		}
		equal := bytes.Equal(r.appendKey(nil, r.canonical(s)), r.appendKey(nil, r.canonical(u)))
		require.Equal(t, same, equal, "equal canonical keys exactly for states in one orbit")
	})
}

func TestCanonicalByPermutationCost(t *testing.T) {
	// Distinct signatures: one candidate. Equal signatures: n! candidates.
	calls := func(vals []uint8) int {
		s := ring{val: vals, next: make([]int8, len(vals))}
		for i := range s.next {
			s.next[i] = -1
		}
		k := 0
		model.CanonicalByPermutation(len(vals),
			func(dst []byte, i int) []byte { return append(dst, s.val[i]) },
			func(perm []int) ring { k++; return ring{}.rename(s, perm) },
			ring{}.appendKey)
		return k
	}
	require.Equal(t, 1, calls([]uint8{3, 1, 2, 0}))
	require.Equal(t, 24, calls([]uint8{1, 1, 1, 1}))
	require.Equal(t, 4, calls([]uint8{1, 2, 1, 2}), "two groups of two: 2!·2!")
}
