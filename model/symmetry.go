package model

import (
	"bytes"
	"slices"
)

// CanonicalByPermutation is a complete canonicalization for a state with n
// interchangeable ids (processes), for implementing Symmetric.Canonical. It
// returns the permuted state with the least key among the permutations that
// list the ids in increasing order of their signatures.
//
// The callbacks describe the state s being canonicalized:
//
//   - sig appends the signature of id i to dst: whatever the state says
//     about i alone, encoded so that bytes.Compare orders it (a local state,
//     a count of messages addressed to it). It must be invariant under
//     renaming: id i in s and id π(i) in π(s) have equal signatures. It must
//     not mention other ids' numbers (the renaming changes those).
//   - permute returns s renamed by perm: new id j is old id perm[j]. It must
//     rename every reference to an id too (message senders and receivers, a
//     leader field, sets of ids, which must then be re-sorted). It must not
//     mutate s; perm is reused after it returns.
//   - key appends a state's canonical key, normally the model's AppendKey.
//
// Complete: two states in the same orbit give states with equal keys. Both
// candidate sets are the orbit's members whose signatures appear in sorted
// order, and the least key over one set is the least over the other.
//
// Cost: one permute and one key per candidate, and the candidates are all
// orderings within groups of equal signatures, the product of the groups'
// sizes factorial: 1 when every signature differs, n! when all are equal
// (120 for 5 ids, 40320 for 8). Signatures that tell processes apart keep
// it cheap; with large groups of identical ids consider a cheaper, incomplete
// reduction. It allocates: O(n) plus the candidates' states and keys.
func CanonicalByPermutation[S any](n int, sig func(dst []byte, i int) []byte, permute func(perm []int) S,
	key func(dst []byte, s S) []byte) S {
	sigs := make([][]byte, n)
	perm := make([]int, n)
	for i := range n {
		sigs[i] = sig(nil, i)
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int { return bytes.Compare(sigs[a], sigs[b]) })
	// groupEnd[j] is the end of the group of equal signatures holding position j.
	groupEnd := make([]int, n)
	for j := n - 1; j >= 0; j-- {
		groupEnd[j] = j + 1
		if j+1 < n && bytes.Equal(sigs[perm[j]], sigs[perm[j+1]]) {
			groupEnd[j] = groupEnd[j+1]
		}
	}
	c := canonSearch[S]{perm: perm, groupEnd: groupEnd, permute: permute, key: key}
	c.search(0)
	return c.best
}

// canonSearch enumerates the orderings within signature groups and keeps
// the one whose permuted state has the least key.
type canonSearch[S any] struct {
	perm     []int
	groupEnd []int
	permute  func(perm []int) S
	key      func(dst []byte, s S) []byte
	best     S
	bestKey  []byte
	found    bool
	buf      []byte
}

// search fixes positions pos.. in every way that keeps each id in its group.
func (c *canonSearch[S]) search(pos int) {
	if pos == len(c.perm) {
		s := c.permute(c.perm)
		c.buf = c.key(c.buf[:0], s)
		if !c.found || bytes.Compare(c.buf, c.bestKey) < 0 {
			c.best, c.found = s, true
			c.bestKey, c.buf = c.buf, c.bestKey
		}
		return
	}
	if c.groupEnd[pos] == pos+1 { // alone in its (rest of) group: nothing to choose
		c.search(pos + 1)
		return
	}
	for j := pos; j < c.groupEnd[pos]; j++ {
		c.perm[pos], c.perm[j] = c.perm[j], c.perm[pos]
		c.search(pos + 1)
		c.perm[pos], c.perm[j] = c.perm[j], c.perm[pos]
	}
}
