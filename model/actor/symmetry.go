package actor

import (
	"bytes"
	"slices"
	"strings"

	"github.com/protocheck/protocheck/model"
)

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
func (sys *System[P, M]) Canonical(s State[P, M]) State[P, M] {
	if len(sys.cfg.Symmetry) == 0 {
		return s
	}
	blur := sys.identity()
	for _, g := range sys.cfg.Symmetry {
		for _, id := range g {
			blur[id] = slices.Min(g)
		}
	}
	sigs := sys.signatures(&s, blur)
	var classes []tieClass
	for _, g := range sys.cfg.Symmetry {
		order := slices.Clone(g)
		slots := slices.Clone(g)
		slices.Sort(slots)
		slices.SortStableFunc(order, func(a, b ID) int { return bytes.Compare(sigs[a], sigs[b]) })
		for lo := 0; lo < len(order); {
			hi := lo + 1
			for hi < len(order) && bytes.Equal(sigs[order[lo]], sigs[order[hi]]) {
				hi++
			}
			classes = append(classes, tieClass{members: order[lo:hi], slots: slots[lo:hi]})
			lo = hi
		}
	}
	classes = sys.fixAutomorphic(&s, classes)
	if identical(classes) {
		return s // already in canonical order: no need to copy it
	}
	c := canon[P, M]{sys: sys, s: &s, perm: sys.identity()}
	c.search(classes)
	return c.best
}

// identical reports whether classes leave a single assignment, the
// identity: every class has one member, assigned to its own id.
func identical(classes []tieClass) bool {
	for _, cl := range classes {
		if len(cl.members) != 1 || cl.members[0] != cl.slots[0] {
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
// order.
func (sys *System[P, M]) fixAutomorphic(s *State[P, M], classes []tieClass) []tieClass {
	var own, key []byte
	out := classes[:0:0]
	for _, cl := range classes {
		if len(cl.members) < 2 {
			out = append(out, cl)
			continue
		}
		if own == nil {
			own = appendKey(nil, s)
		}
		same := true
		for k := 0; k+1 < len(cl.members) && same; k++ {
			swap := sys.identity()
			a, b := cl.members[k], cl.members[k+1]
			swap[a], swap[b] = b, a
			t := sys.permute(s, swap)
			key = appendKey(key[:0], &t)
			same = bytes.Equal(own, key)
		}
		if !same {
			out = append(out, cl)
			continue
		}
		for k := range cl.members {
			out = append(out, tieClass{members: cl.members[k : k+1], slots: cl.slots[k : k+1]})
		}
	}
	return out
}

// A tieClass is a run of processes with equal signatures and the slots
// (ids) they are assigned to, in some order.
type tieClass struct {
	members, slots []ID
}

// canon is the state of the search for the smallest key.
type canon[P Value, M Message] struct {
	sys     *System[P, M]
	s       *State[P, M]
	perm    []ID
	best    State[P, M]
	bestKey []byte
	found   bool
	buf     []byte
}

// search tries every assignment of the first class's members to its slots,
// then recurses on the rest.
func (c *canon[P, M]) search(classes []tieClass) {
	if len(classes) == 0 {
		t := c.sys.permute(c.s, c.perm)
		c.buf = appendKey(c.buf[:0], &t)
		if !c.found || bytes.Compare(c.buf, c.bestKey) < 0 {
			c.best, c.found = t, true
			c.bestKey = append(c.bestKey[:0], c.buf...)
		}
		return
	}
	cl := classes[0]
	members := slices.Clone(cl.members)
	permutations(members, func(ms []ID) {
		for k, m := range ms {
			c.perm[m] = cl.slots[k]
		}
		c.search(classes[1:])
	})
}

// permutations calls f with every ordering of ids (Heap's algorithm),
// permuting ids in place.
func permutations(ids []ID, f func([]ID)) {
	var gen func(k int)
	gen = func(k int) {
		if k <= 1 {
			f(ids)
			return
		}
		for i := 0; i < k; i++ {
			gen(k - 1)
			if i < k-1 {
				if k%2 == 0 {
					ids[i], ids[k-1] = ids[k-1], ids[i]
				} else {
					ids[0], ids[k-1] = ids[k-1], ids[0]
				}
			}
		}
	}
	gen(len(ids))
}

// identity returns the identity permutation of the process ids.
func (sys *System[P, M]) identity() []ID {
	perm := make([]ID, sys.n)
	for i := range perm {
		perm[i] = ID(i)
	}
	return perm
}

// signatures returns, per process, a key that no permutation of the
// symmetry groups changes: its blurred local state, liveness and timers,
// and the sorted blurred keys of the messages it sends and receives. All
// keys live in one buffer, to keep allocations few.
func (sys *System[P, M]) signatures(s *State[P, M], blur []ID) [][]byte {
	type ref struct {
		proc   ID
		lo, hi int32
	}
	buf := make([]byte, 0, 8*len(s.Net)+16)
	refs := make([]ref, 0, 2*len(s.Net))
	for _, e := range s.Net {
		m := sys.cfg.PermuteMsg(e.Msg, blur)
		lo := len(buf)
		buf = m.AppendKey(append(buf, 'o', byte(blur[e.To])))
		refs = append(refs, ref{e.From, int32(lo), int32(len(buf))})
		lo = len(buf)
		buf = m.AppendKey(append(buf, 'i', byte(blur[e.From])))
		refs = append(refs, ref{e.To, int32(lo), int32(len(buf))})
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if a.proc != b.proc {
			return int(a.proc) - int(b.proc)
		}
		return bytes.Compare(buf[a.lo:a.hi], buf[b.lo:b.hi])
	})
	out := make([]byte, 0, len(buf)+16*sys.n)
	ends := make([]int, sys.n)
	r := 0
	for i, p := range s.Procs {
		out = model.AppendBool(out, p.Down)
		out = model.AppendUint(out, p.Timers)
		out = sys.cfg.PermuteLocal(p.Local, blur).AppendKey(out)
		for ; r < len(refs) && refs[r].proc == ID(i); r++ {
			out = model.AppendBytes(out, buf[refs[r].lo:refs[r].hi])
		}
		ends[i] = len(out)
	}
	sigs := make([][]byte, sys.n)
	for i := range sigs {
		lo := 0
		if i > 0 {
			lo = ends[i-1]
		}
		sigs[i] = out[lo:ends[i]:ends[i]]
	}
	return sigs
}

// permute returns s with every process id i renamed perm[i] (perm is a
// bijection here), its network back in canonical order.
func (sys *System[P, M]) permute(s *State[P, M], perm []ID) State[P, M] {
	next := State[P, M]{Used: s.Used, Procs: make([]Proc[P], len(s.Procs))}
	for i, p := range s.Procs {
		p.Local = sys.cfg.PermuteLocal(p.Local, perm)
		next.Procs[perm[i]] = p
	}
	if len(s.Net) > 0 {
		next.Net = make([]Envelope[M], len(s.Net))
		var scratch []byte
		for i, e := range s.Net {
			e.From, e.To = perm[e.From], perm[e.To]
			e.Msg = sys.cfg.PermuteMsg(e.Msg, perm)
			if scratch = e.Msg.AppendKey(scratch[:0]); string(scratch) != e.key {
				e.key = string(scratch) // a message that holds ids: a new key
			}
			next.Net[i] = e
		}
		slices.SortStableFunc(next.Net, func(a, b Envelope[M]) int {
			if c := compareChan(&a, &b); c != 0 || sys.cfg.Network == FIFO {
				return c
			}
			return strings.Compare(a.key, b.key)
		})
	}
	for i := 0; i < sys.n && s.Cut != 0; i++ {
		next.Cut |= (s.Cut >> i & 1) << perm[i]
	}
	if next.Cut&1 == 0 && next.Cut != 0 {
		next.Cut ^= uint64(1)<<sys.n - 1
	}
	if len(s.History) > 0 {
		next.History = slices.Clone(s.History)
		for i := range next.History {
			next.History[i].Client = perm[next.History[i].Client]
		}
	}
	return next
}
