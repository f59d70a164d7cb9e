package explore

import (
	"github.com/protocheck/protocheck/model"
)

// passWorker expands chunks of a level (phase 1 of onePass).
type passWorker[S, A any] struct {
	r       *passRun[S, A]
	k       keyer[S]
	depth   int
	classes map[string]int32   // this worker's cache of provisional class ids, by class
	keyer   model.FairKeyer[A] // nil: the model has no fairness keys
	keys    map[string]int32   // this worker's cache of provisional class ids, by fairness key
	small   map[uint64]int32   // the same for keys under 8 bytes, packed with their length
	key     []byte
	c       *passChunk[S]
	from    *S     // the state being expanded
	fromFP  uint64 // its fingerprint
	steps   bool   // step properties are still open
	gen     int64
	batch   []passSucc[S] // the successors of the state being expanded
	in      []item[S]     // the block being expanded, unpacked (see store.open)
	yield   func(A, S)
}

// passSucc is a successor waiting for its index look-up.
type passSucc[S any] struct {
	fp  uint64
	cls int32
	s   S
}

func (r *passRun[S, A]) newPassWorker(depth int) *passWorker[S, A] {
	b := r.b
	w := &passWorker[S, A]{r: r, k: newKeyer[S](b.m, b.sym != nil), depth: depth,
		steps: len(r.v.stepOpen) > 0}
	if b.fair != nil {
		w.classes = map[string]int32{}
		if k, ok := b.fair.(model.FairKeyer[A]); ok {
			w.keyer, w.keys, w.small = k, map[string]int32{}, map[uint64]int32{}
		}
	}
	w.yield = w.onSuccessor
	return w
}

// expand expands a block of the level.
func (w *passWorker[S, A]) expand(block []item[S]) (c *passChunk[S]) {
	r := w.r
	b := r.b
	c = r.chunks.get(len(block))
	w.c = c
	defer func() {
		if p := recover(); p != nil {
			r.v.recordPanic(panicText(p), inExpanding, w.depth, w.fromFP, 0, nil)
			// The other blocks of the level are still expanded, so that
			// every first panic of a block is recorded and the one
			// reported does not depend on the workers; linking stops here.
			r.panicked.Store(true)
			c = nil
		}
		clear(w.batch)
		w.batch = w.batch[:0]
		if c != nil {
			c.gen = w.gen // counted when linked (see link)
		} else {
			r.mo.generated.Add(w.gen) // the block that panicked, up to the panic
		}
		w.gen = 0
	}()
	for i := range block {
		it := &block[i]
		w.from, w.fromFP = &it.s, it.fp
		if b.within != nil && !b.within(it.s) {
			c.rows = append(c.rows, 0)
			if r.visit != nil {
				r.visitState(it.s, w.depth, -1)
			}
			continue // outside the state constraint: not expanded, not a deadlock
		}
		b.m.Next(it.s, w.yield)
		n := len(w.batch)
		w.lookup()
		c.rows = append(c.rows, int32(n))
		if n == 0 && r.safety {
			r.v.recordDeadlock(it.s, w.depth, it.fp, 0, nil)
		}
		if r.visit != nil {
			r.visitState(it.s, w.depth, n)
		}
	}
	w.from = nil
	return c
}

func (w *passWorker[S, A]) onSuccessor(a A, t S) {
	r := w.r
	w.gen++
	if w.steps {
		r.v.checkStep(*w.from, a, t, w.depth+1, w.fromFP, 0, nil)
	}
	fp := w.k.fp(t)
	cls := int32(unfairClass)
	if r.b.fair != nil {
		cls = w.classOf(a)
	}
	r.b.index.prefetch(fp)
	w.batch = append(w.batch, passSucc[S]{fp: fp, cls: cls, s: t})
}

// lookup resolves the batched successors against the index of the states
// of earlier levels and this one (read only during phase 1), and appends
// them to the chunk: found ones by number, the others by fingerprint and
// state for phase 2.
func (w *passWorker[S, A]) lookup() {
	c, x := w.c, &w.r.b.index
	for i := range w.batch {
		it := &w.batch[i]
		v, ok := x.find(it.fp)
		if !ok {
			v = int32(-len(c.pfp) - 1)
			c.pfp = append(c.pfp, it.fp)
			c.states = append(c.states, it.s)
		}
		c.dst = append(c.dst, v)
		if w.classes != nil {
			c.cls = append(c.cls, it.cls)
		}
	}
	clear(w.batch)
	w.batch = w.batch[:0]
}

// classOf returns the provisional class id of action a. With a FairKeyer
// it asks FairClass once per key.
func (w *passWorker[S, A]) classOf(a A) int32 {
	if w.keyer == nil {
		return w.classByName(a)
	}
	w.key = w.keyer.AppendFairKey(w.key[:0], a)
	if k, ok := packFairKey(w.key); ok {
		if id, ok := w.small[k]; ok {
			return id
		}
		id := w.classByName(a)
		w.small[k] = id
		return id
	}
	if id, ok := w.keys[string(w.key)]; ok {
		return id
	}
	id := w.classByName(a)
	w.keys[string(w.key)] = id
	return id
}

// packFairKey packs a fairness key of at most 7 bytes, with its length,
// into a word (distinct keys give distinct words), so that most look-ups
// of a class go to a map of words: a third of the cost of a map of
// strings, which hashes and compares bytes (twopc's keys are 4 bytes).
func packFairKey(key []byte) (uint64, bool) {
	if len(key) > 7 {
		return 0, false
	}
	k := uint64(len(key)) << 56
	for i, c := range key {
		k |= uint64(c) << (8 * i)
	}
	return k, true
}

// classByName returns the provisional class id of action a from its
// FairClass.
func (w *passWorker[S, A]) classByName(a A) int32 {
	name, ok := w.r.b.fair.FairClass(a)
	if !ok {
		return unfairClass
	}
	if id, seen := w.classes[name]; seen {
		return id
	}
	r := w.r
	r.classMu.Lock()
	id, seen := r.classProv[name]
	if !seen {
		id = int32(len(r.provNames))
		r.classProv[name] = id
		r.provNames = append(r.provNames, name)
	}
	r.classMu.Unlock()
	w.classes[name] = id
	return id
}
