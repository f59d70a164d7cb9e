package actor

import (
	"bytes"
	"sync/atomic"
)

// How steps build the process vectors and networks of their successors
// through the System's caches (see intern.go): the key of the new vector
// first, then the cached vector with that key, or a new one.

// A scratch is the working memory of one Next call, reused across calls
// through System.pool: the Ctx handlers write to, room to build a process
// vector, and the process vectors met last (see intern.go).
type scratch[P Value, M Message] struct {
	c           Ctx[M]
	procs       []Proc[P]
	recentProcs [recentSlots]*procsEntry[P]
}

// caches holds a System's caches of process vectors and networks, and
// what decides whether it uses them (see plain.go).
type caches[P Value, M Message] struct {
	procs            interner[procsEntry[P], *procsEntry[P]]
	nets             interner[netEntry[M], *netEntry[M]]
	lookups, creates atomic.Int64 // look-ups in the caches, and the entries they created
	plain            atomic.Bool  // steps copy vectors and make no entries
}

// scratch returns a scratch for a Next call from s: plain when the System
// is, and with s's vectors interned otherwise.
func (sys *System[P, M]) scratch(s *State[P, M]) *scratch[P, M] {
	w := sys.pool.Get().(*scratch[P, M])
	w.c.plain = sys.caches.plain.Load()
	if !w.c.plain {
		sys.intern(s, &w.c.keys)
		// The steps look up these entries' memos one after the other:
		// start loading their tables now, so that the misses overlap.
		s.pe.memo.prefetch()
		s.ne.memo.prefetch()
	}
	return w
}

// release ends a Next call: it accounts w's look-ups (see plain.go), after
// every call until the System has seen plainAfter of them, then in
// batches, and returns w to the pool. (The pool may drop w and the counts
// it holds, which only delays the rule.)
func (sys *System[P, M]) release(w *scratch[P, M]) {
	if n := w.c.lookups; n >= accountEvery || n > 0 && sys.caches.lookups.Load() < plainAfter {
		sys.account(&w.c)
	}
	sys.pool.Put(w)
}

// intern makes s's Procs and Net the cached vectors equal to them (they
// already are in a state a System made), so that its successors can be
// built from the cached keys.
func (sys *System[P, M]) intern(s *State[P, M], k *msgKeys) {
	if s.procsCached(sys.timed) == nil {
		s.Procs, s.pe = sys.internProcs(s.Procs, k)
	}
	if s.netCached(sys.timed) == nil {
		s.Net, s.ne = sys.internNet(s.Net, k)
	}
}

// internProcs returns the cached vector equal to procs (copying procs into
// the cache if it holds none), and its entry.
func (sys *System[P, M]) internProcs(procs []Proc[P], k *msgKeys) ([]Proc[P], *procsEntry[P]) {
	k.ends = k.ends[:0]
	k.p = appendProcsKey(k.p[:0], procs, sys.timed, &k.ends)
	h := hashKey(k.p)
	if e := sys.caches.procs.find(h, k.p); e != nil {
		return e.procs, e
	}
	e := sys.addProcs(h, k, clone(procs))
	return e.procs, e
}

// addProcs caches the vector procs (the cache's own copy), whose key and
// key ends are in k and whose key hashes to h, and returns its entry.
func (sys *System[P, M]) addProcs(h uint64, k *msgKeys, procs []Proc[P]) *procsEntry[P] {
	e := &procsEntry[P]{keyed: newKeyed(h, k.p, k.ends), procs: procs, timed: sys.timed}
	e.memo.init(len(procs))
	sys.caches.procs.add(e)
	return e
}

// setProc returns s's vector with process id replaced by p (the cached
// vector and its entry), or s's own when that changes nothing.
func (sys *System[P, M]) setProc(s *State[P, M], id ID, p *Proc[P], w *scratch[P, M]) ([]Proc[P], *procsEntry[P]) {
	k := &w.c.keys
	k.b = appendProcKey(k.b[:0], p, sys.timed)
	pe := s.pe
	if bytes.Equal(k.b, pe.seg(id)) {
		return s.Procs, pe
	}
	w.c.lookups++
	if e := pe.memo.find(int(id), k.b); e != nil {
		return e.procs, e
	}
	n := len(pe.procs)
	lo, hi := pe.start(int(id), n), pe.end(int(id))
	k.p = append(append(append(k.p[:0], pe.key[:lo]...), k.b...), pe.key[hi:]...)
	h := hashKey(k.p)
	r := recent(&w.recentProcs, h)
	e := *r
	if e == nil || e.hash != h || !bytes.Equal(e.key, k.p) {
		e = sys.caches.procs.find(h, k.p)
	}
	if e == nil {
		procs := clone(pe.procs)
		procs[id] = *p
		k.ends = k.ends[:0]
		for i := 0; i < n; i++ {
			end := pe.end(i)
			if i >= int(id) {
				end += len(k.b) - (hi - lo)
			}
			k.ends = append(k.ends, int32(end))
		}
		e = sys.addProcs(h, k, procs)
		w.c.creates++
	}
	*r = e
	pe.memo.add(int(id), k.b, e)
	return e.procs, e
}

// internNet returns the cached network equal to net (copying net into the
// cache if it holds none), and its entry. net must be in canonical order.
func (sys *System[P, M]) internNet(net []Envelope[M], k *msgKeys) ([]Envelope[M], *netEntry[M]) {
	k.ends = k.ends[:0]
	k.n = appendNetKey(k.n[:0], net, sys.timed, &k.ends)
	h := hashKey(k.n)
	if e := sys.caches.nets.find(h, k.n); e != nil {
		return e.net, e
	}
	e := &netEntry[M]{keyed: newKeyed(h, k.n, k.ends), net: clone(net), timed: sys.timed}
	e.memo.init(2*len(net) + 1)
	sys.caches.nets.add(e)
	return e.net, e
}

// internVector is internProcs, or a plain copy in a plain System.
func (sys *System[P, M]) internVector(procs []Proc[P], c *Ctx[M]) ([]Proc[P], *procsEntry[P]) {
	if c.plain {
		return clone(procs), nil
	}
	return sys.internProcs(procs, &c.keys)
}

// internNetwork is internNet, or a plain copy in a plain System.
func (sys *System[P, M]) internNetwork(net []Envelope[M], c *Ctx[M]) ([]Envelope[M], *netEntry[M]) {
	if c.plain {
		return clone(net), nil
	}
	return sys.internNet(net, &c.keys)
}

// clone returns a copy of b whose capacity is its length (so that an
// append to a shared vector never writes into it), nil when b is empty.
func clone[T any](b []T) []T {
	if len(b) == 0 {
		return nil
	}
	out := make([]T, len(b))
	copy(out, b)
	return out
}
