package actor

import "bytes"

// Canonical implements model.Symmetric. It returns the member of s's orbit
// (under permutations of each Config.Symmetry group) with the smallest key,
// and is complete: states in one orbit give states with equal keys.
//
// It sorts each group's processes by a signature that no permutation
// changes (the process's key with every grouped id blurred to its group's
// first id, plus its blurred incoming and outgoing messages), then tries
// every permutation within runs of equal signatures and keeps the smallest
// key. Permuting a whole group is then needed only for processes that look
// alike. Without Symmetry it returns s.
//
// The search works in a reused scratch (see canonScratch): candidate
// states are permuted into reused slices, and the winner, when it is not s
// itself, takes its process vector and network from the System's caches
// (see intern.go), so it is copied only when they do not hold them.
func (sys *System[P, M]) Canonical(s State[P, M]) State[P, M] {
	if len(sys.cfg.Symmetry) == 0 {
		return s
	}
	c := sys.canonPool.Get().(*canonScratch[P, M])
	defer sys.canonPool.Put(c)
	perm := c.canonical(sys, &s)
	if perm == nil {
		return s // already in canonical order: no need to copy it
	}
	sys.permuteInto(&c.t, &s, perm, &c.keys)
	next := c.t // the result outlives the scratch: no slice of c.t in it
	if sys.caches.plain.Load() {
		next.Procs, next.Net = clone(c.t.Procs), clone(c.t.Net)
	} else {
		next.Procs, next.pe = sys.internProcs(c.t.Procs, &c.keys)
		next.Net, next.ne = sys.internNet(c.t.Net, &c.keys)
	}
	next.History = clone(c.t.History)
	return next
}

// canonical returns the permutation that takes s to its canonical
// representative, or nil when that is the identity.
func (c *canonScratch[P, M]) canonical(sys *System[P, M], s *State[P, M]) []ID {
	c.signatures(sys, s)
	c.order, c.classes = c.order[:0], c.classes[:0]
	for _, g := range sys.cfg.Symmetry {
		lo := len(c.order)
		c.order = append(c.order, g...)
		c.sortBySig(c.order[lo:])
		for hi := lo + 1; lo < len(c.order); hi++ {
			if hi == len(c.order) || !c.sameSig(c.order[lo], c.order[hi]) {
				c.classes = append(c.classes, tieClass{int32(lo), int32(hi)})
				lo = hi
			}
		}
	}
	classes := c.fixAutomorphic(sys, s)
	if c.identical(sys, classes) {
		return nil
	}
	c.resetPerm(sys.n)
	if singletons(classes) {
		// The usual case: a single candidate, so no key to compare.
		for _, cl := range classes {
			c.perm[c.order[cl.lo]] = sys.slots[cl.lo]
		}
		return c.perm
	}
	c.found = false
	c.search(sys, s, classes)
	if isIdentity(c.best) {
		return nil
	}
	return c.best
}

// sortBySig sorts ids by signature, stably (by insertion: groups are
// small).
func (c *canonScratch[P, M]) sortBySig(ids []ID) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && c.lessSig(ids[j], ids[j-1]); j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

// A tieClass is a run of processes with equal signatures,
// canonScratch.order[lo:hi], and the slots (ids) they are assigned to, in
// some order: System.slots[lo:hi].
type tieClass struct{ lo, hi int32 }

// identical reports whether classes leave a single assignment, the
// identity: every class has one member, assigned to its own id.
func (c *canonScratch[P, M]) identical(sys *System[P, M], classes []tieClass) bool {
	for _, cl := range classes {
		if cl.hi-cl.lo != 1 || c.order[cl.lo] != sys.slots[cl.lo] {
			return false
		}
	}
	return true
}

// singletons reports whether every class has a single member: there is
// one candidate permutation.
func singletons(classes []tieClass) bool {
	for _, cl := range classes {
		if cl.hi-cl.lo != 1 {
			return false
		}
	}
	return true
}

// isIdentity reports whether perm maps every id to itself.
func isIdentity(perm []ID) bool {
	for i, id := range perm {
		if ID(i) != id {
			return false
		}
	}
	return true
}

// fixAutomorphic drops the tie classes whose members are interchangeable
// in s itself: when swapping each adjacent pair of members leaves s's key
// unchanged, those transpositions (which generate every permutation of
// the class) are automorphisms of s, so every order of the class gives the
// same state and one order suffices. This keeps Canonical linear instead
// of factorial on states where many processes look alike, and keeps it
// complete. The members of a dropped class are assigned to its slots in
// order. It returns the remaining classes (in c.fixed).
func (c *canonScratch[P, M]) fixAutomorphic(sys *System[P, M], s *State[P, M]) []tieClass {
	c.fixed = c.fixed[:0]
	haveOwn := false
	for _, cl := range c.classes {
		if cl.hi-cl.lo < 2 {
			c.fixed = append(c.fixed, cl)
			continue
		}
		if !haveOwn {
			c.own, haveOwn = appendKey(c.own[:0], s, sys.timed), true
		}
		same := true
		c.resetPerm(sys.n)
		for k := cl.lo; k+1 < cl.hi && same; k++ {
			a, b := c.order[k], c.order[k+1]
			c.perm[a], c.perm[b] = b, a
			sys.permuteInto(&c.t, s, c.perm, &c.keys)
			c.key = appendKey(c.key[:0], &c.t, sys.timed)
			same = bytes.Equal(c.own, c.key)
			c.perm[a], c.perm[b] = a, b
		}
		if !same {
			c.fixed = append(c.fixed, cl)
			continue
		}
		for k := cl.lo; k < cl.hi; k++ {
			c.fixed = append(c.fixed, tieClass{k, k + 1})
		}
	}
	return c.fixed
}

// search tries every assignment of the first class's members to its slots,
// then recurses on the rest, keeping the permutation with the smallest key
// in c.best. It permutes the members in place.
func (c *canonScratch[P, M]) search(sys *System[P, M], s *State[P, M], classes []tieClass) {
	if len(classes) == 0 {
		c.leaf(sys, s)
		return
	}
	c.heap(sys, s, classes, int(classes[0].hi-classes[0].lo))
}

// heap runs Heap's algorithm on the first k members of classes[0],
// searching the rest of the classes for every ordering.
func (c *canonScratch[P, M]) heap(sys *System[P, M], s *State[P, M], classes []tieClass, k int) {
	cl := classes[0]
	ids := c.order[cl.lo:cl.hi]
	if k <= 1 {
		for j, m := range ids {
			c.perm[m] = sys.slots[int(cl.lo)+j]
		}
		c.search(sys, s, classes[1:])
		return
	}
	for i := 0; i < k; i++ {
		c.heap(sys, s, classes, k-1)
		if i < k-1 {
			if k%2 == 0 {
				ids[i], ids[k-1] = ids[k-1], ids[i]
			} else {
				ids[0], ids[k-1] = ids[k-1], ids[0]
			}
		}
	}
}

// leaf keys s permuted by c.perm and keeps c.perm in c.best when the key
// is the smallest so far.
func (c *canonScratch[P, M]) leaf(sys *System[P, M], s *State[P, M]) {
	sys.permuteInto(&c.t, s, c.perm, &c.keys)
	c.key = appendKey(c.key[:0], &c.t, sys.timed)
	if !c.found || bytes.Compare(c.key, c.bestKey) < 0 {
		c.found = true
		c.bestKey = append(c.bestKey[:0], c.key...)
		c.best = append(c.best[:0], c.perm...)
	}
}
