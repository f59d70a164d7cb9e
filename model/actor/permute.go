package actor

import "slices"

// canonScratch is the working memory of one Canonical call, reused across
// calls through System.canonPool so that canonicalizing a state allocates
// nothing but its result.
type canonScratch[P Value, M Message] struct {
	// signatures
	msgs   []byte   // the blurred keys of the messages, back to back
	refs   []sigRef // each message key, once per end of its channel
	words  []uint64 // the same, packed when every key is short (collectRefs)
	sig    []byte   // every process's signature, back to back
	sigEnd []int32  // per process: where its signature ends in sig
	sigPre []uint64 // per process: its signature's first 8 bytes, zero-padded

	// the search
	order   []ID       // each group's members, sorted by signature, groups in turn
	classes []tieClass // runs of equal signatures in order
	fixed   []tieClass // the classes left by fixAutomorphic
	perm    []ID       // the permutation being tried
	best    []ID       // the permutation with the smallest key so far
	found   bool       // best is set
	t       State[P, M]
	own     []byte // the key of the state being canonicalized
	key     []byte // the key of t
	bestKey []byte
	keys    msgKeys
}

// initSymmetry prepares the read-only data Canonical shares between calls:
// the blurring permutation, each group's sorted slots and the scratch pool.
func (sys *System[P, M]) initSymmetry() {
	if len(sys.cfg.Symmetry) == 0 {
		return
	}
	sys.blur = identity(sys.n)
	for _, g := range sys.cfg.Symmetry {
		for _, id := range g {
			sys.blur[id] = slices.Min(g)
		}
		sys.slots = append(sys.slots, slices.Sorted(slices.Values(g))...)
	}
	sys.canonPool.New = func() any { return new(canonScratch[P, M]) }
}

// identity returns the identity permutation of n process ids.
func identity(n int) []ID {
	perm := make([]ID, n)
	for i := range perm {
		perm[i] = ID(i)
	}
	return perm
}

// resetPerm sets c.perm to the identity of n ids.
func (c *canonScratch[P, M]) resetPerm(n int) {
	c.perm = c.perm[:0]
	for i := 0; i < n; i++ {
		c.perm = append(c.perm, ID(i))
	}
}

// permute returns a new state: s with every process id i renamed perm[i]
// (perm is a bijection here), its network back in canonical order.
func (sys *System[P, M]) permute(s *State[P, M], perm []ID) State[P, M] {
	var next State[P, M]
	sys.permuteInto(&next, s, perm, new(msgKeys))
	return next
}

// permuteInto sets *dst to s permuted by perm (see permute), reusing dst's
// slices: dst must not share them with any other state. A slice of s that
// is empty gives a nil slice when dst's is nil.
func (sys *System[P, M]) permuteInto(dst *State[P, M], s *State[P, M], perm []ID, k *msgKeys) {
	dst.Used, dst.Ticks, dst.Cut, dst.names = s.Used, s.Ticks, 0, s.names
	dst.pe, dst.ne = nil, nil // dst's slices are scratch, never cached
	dst.Procs = resize(dst.Procs, len(s.Procs))
	for i, p := range s.Procs {
		p.Local = sys.cfg.PermuteLocal(p.Local, perm)
		dst.Procs[perm[i]] = p
	}
	dst.Net = resize(dst.Net, len(s.Net))
	for i, e := range s.Net {
		e.From, e.To = perm[e.From], perm[e.To]
		e.Msg = sys.cfg.PermuteMsg(e.Msg, perm)
		dst.Net[i] = e
	}
	sys.sortNet(dst.Net, k)
	for i := 0; i < sys.n && s.Cut != 0; i++ {
		dst.Cut |= (s.Cut >> i & 1) << perm[i]
	}
	if dst.Cut&1 == 0 && dst.Cut != 0 {
		dst.Cut ^= uint64(1)<<sys.n - 1
	}
	dst.History = append(dst.History[:0], s.History...)
	for i := range dst.History {
		dst.History[i].Client = perm[dst.History[i].Client]
	}
}

// sortNet puts net in canonical order (see net.go), stably. When every
// message key is short, it insertion-sorts by packed words (see packEnv),
// which compare without calling AppendKey again.
func (sys *System[P, M]) sortNet(net []Envelope[M], k *msgKeys) {
	fifo := sys.cfg.Network == FIFO
	words, ok := k.w[:0], len(net) <= 32
	for i := 0; i < len(net) && ok; i++ {
		var w uint64
		w, ok = packEnv(&net[i], fifo, k)
		words = append(words, w)
	}
	k.w = words
	if !ok {
		sys.sortNetByKey(net, k)
		return
	}
	for i := 1; i < len(net); i++ {
		for j := i; j > 0 && words[j] < words[j-1]; j-- {
			words[j], words[j-1] = words[j-1], words[j]
			net[j], net[j-1] = net[j-1], net[j]
		}
	}
}

// sortNetByKey is sortNet for long keys: a stable sort comparing keys.
func (sys *System[P, M]) sortNetByKey(net []Envelope[M], k *msgKeys) {
	fifo := sys.cfg.Network == FIFO
	slices.SortStableFunc(net, func(a, b Envelope[M]) int {
		if c := compareChan(&a, &b); c != 0 || fifo {
			return c
		}
		return compareMsg(k, a.Msg, b.Msg)
	})
}

// packEnv packs e's channel and, unless fifo, its message key into one
// word that orders as the network does: From, To, then the key's bytes,
// zero-padded to 5, then its length. ok is false for a longer key.
func packEnv[M Message](e *Envelope[M], fifo bool, k *msgKeys) (w uint64, ok bool) {
	w = uint64(e.From)<<56 | uint64(e.To)<<48
	if fifo {
		return w, true
	}
	k.a = e.Msg.AppendKey(k.a[:0])
	if len(k.a) > 5 {
		return 0, false
	}
	for i, b := range k.a {
		w |= uint64(b) << (40 - 8*i)
	}
	return w | uint64(len(k.a)), true
}

// resize returns a slice of length n, b's backing array when it is large
// enough.
func resize[T any](b []T, n int) []T {
	if cap(b) >= n {
		return b[:n]
	}
	return make([]T, n)
}
