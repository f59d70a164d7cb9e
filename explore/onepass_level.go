package explore

import (
	"sync"
	"sync/atomic"
)

// passChunkLen is the number of states a worker expands as one unit.
const passChunkLen = 256

// passChunk is the expansion of a block of a level (phase 1 of onePass).
type passChunk[S any] struct {
	rows   []int32  // per state: its number of successors
	dst    []int32  // per edge: a state number, or -(k+1) for the successor pfp[k], states[k]
	cls    []int32  // per edge: a provisional class id or unfairClass; nil without fairness
	pfp    []uint64 // the successors phase 1 did not find in the index: fingerprints
	states []S      // and states
	gen    int64    // the successors Next yielded, counted as generated when the chunk is linked
}

// chunkPool recycles chunks: their buffers are a level's edges, and
// allocating them anew would make the collector run (and scan the
// frontier) several times as often as the states alone make it.
type chunkPool[S any] struct {
	mu   sync.Mutex
	free []*passChunk[S]
}

func (p *chunkPool[S]) get(n int) *passChunk[S] {
	p.mu.Lock()
	defer p.mu.Unlock()
	if k := len(p.free); k > 0 {
		c := p.free[k-1]
		p.free = p.free[:k-1]
		return c
	}
	return &passChunk[S]{rows: make([]int32, 0, n)}
}

func (p *chunkPool[S]) put(c *passChunk[S]) {
	clear(c.states) // drop the references the states hold
	c.rows, c.dst, c.cls, c.pfp, c.states, c.gen = c.rows[:0], c.dst[:0], c.cls[:0], c.pfp[:0], c.states[:0], 0
	p.mu.Lock()
	p.free = append(p.free, c)
	p.mu.Unlock()
}

// passWindow bounds how many blocks phase 1 may expand ahead of phase 2,
// and so the memory their successors hold.
const passWindow = 32

// linkAhead is how many successors not found in the index link looks
// ahead of the one it resolves, to start loading the home slot of each in
// the table of the level's new states (as putAhead does).
const linkAhead = 8

// level expands the blocks of states cur (the states at depth) and returns
// the next level's blocks. Phase 1 runs on the workers while phase 2 links
// the blocks they finish, in order, on this goroutine. A stop leaves the
// states not yet linked unexpanded.
func (r *passRun[S, A]) level(cur []block[S], depth int) []block[S] {
	b := r.b
	n := len(cur)
	chunks := make([]*passChunk[S], n)
	ready := make([]chan struct{}, n)
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	slots := make(chan struct{}, passWindow)
	quit, done := make(chan struct{}), make(chan struct{})
	var next atomic.Int64
	work := func() {
		w := r.newPassWorker(depth)
		defer func() { r.store.put(w.in) }()
		for !r.mo.stopped() {
			select {
			case slots <- struct{}{}:
			case <-quit:
				return
			}
			c := int(next.Add(1) - 1)
			if c >= n {
				return
			}
			chunks[c] = w.expand(r.store.open(cur[c], &w.in))
			r.store.done(cur[c]) // expanded: drop the states, reuse the buffer
			cur[c] = block[S]{}
			close(ready[c])
			if overBudget(b.opts.Memory) {
				r.mo.stop("memory budget")
			}
		}
	}
	go func() {
		r.parallel(work)
		close(done)
	}()
	base := b.g.fps.len()
	out := r.link(chunks, ready, slots, done, depth)
	close(quit)
	<-done
	if r.stop == "" && r.mo.stopped() {
		r.stop = r.mo.stopReason()
	}
	b.index.reserve(b.g.fps.len(), base, &b.g.fps)
	b.index.putRange(&b.g.fps, base, b.g.fps.len())
	r.next.reset() // kept for the next level: no table grown again from 64 slots
	r.record(out, base, depth+1)
	return out
}

// parallel runs work on opts.Workers goroutines and waits for them.
func (r *passRun[S, A]) parallel(work func()) {
	n := r.b.opts.Workers
	if n <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	wg.Wait()
}

// link is phase 2: it appends the chunks' rows to the graph in order as
// they become ready, numbering the new states in the order it meets them,
// and returns them. It stops at the first chunk that will not come (the
// workers stopped) or at MaxStates.
func (r *passRun[S, A]) link(chunks []*passChunk[S], ready []chan struct{}, slots, done chan struct{}, depth int) (out []block[S]) {
	b, g := r.b, r.b.g
	v := r.levels[depth]
	buf := r.store.get()
	emit := func(fp uint64, s S) {
		buf = append(buf, item[S]{fp: fp, s: s})
		if len(buf) == passChunkLen {
			out = append(out, r.store.seal(&buf))
		}
	}
	defer func() {
		if len(buf) > 0 {
			out = append(out, r.store.seal(&buf))
		}
		r.store.put(buf)
	}()
	for ci := range chunks {
		if !await(ready[ci], done) {
			return out // the workers stopped before this chunk
		}
		c := chunks[ci]
		if c == nil { // a panic: link no more, but let phase 1 expand every block
			<-slots
			r.drain(chunks, ready, slots, done, ci+1)
			return out
		}
		// Counted when linked, even in part, so that blocks phase 1
		// expanded beyond a stop at MaxStates do not count: how many it
		// did depends on timing.
		r.mo.generated.Add(c.gen)
		e := 0
		for _, n := range c.rows {
			n0, e0 := g.fps.len(), g.dst.len()
			for j := 0; j < int(n); j, e = j+1, e+1 {
				w := c.dst[e]
				if w < 0 {
					k := -w - 1
					if int(k)+linkAhead < len(c.pfp) {
						r.next.prefetch(c.pfp[k+linkAhead])
					}
					fp := c.pfp[k]
					var found bool
					if w, found = r.next.find(fp); !found {
						if w = b.addBare(fp, int32(g.dst.len()), &r.next); w < 0 {
							// The row does not fit: undo it. NB: the
							// table of new states keeps its states, but
							// building stops here.
							out = r.store.dropLast(out, &buf, g.fps.len()-n0)
							g.fps.truncate(n0)
							g.parent.truncate(n0)
							g.dst.truncate(e0)
							g.cls.truncate(e0)
							r.stop = "max states"
							r.mo.stop("max states")
							return out
						}
						emit(fp, c.states[k])
					}
				}
				g.dst.push(w)
				if g.fair {
					g.cls.push(r.canonical(c.cls[e]))
				}
			}
			g.off.push(int32(g.dst.len()))
			g.nExp = int(v) + 1
			v++
		}
		chunks[ci] = nil
		r.chunks.put(c) // reuse the chunk's buffers
		<-slots
		r.mo.distinct.Store(int64(g.fps.len()))
		r.mo.queue.Store(int64(g.fps.len() - g.nExp))
		if g.dst.len() >= maxGraphStates-passChunkLen*1024 {
			r.stop = "max states"
			r.mo.stop("max states")
			return out
		}
	}
	return out
}

// await waits until a chunk is ready, and reports false if the workers
// finished (done) without it.
func await(ready, done chan struct{}) bool {
	select {
	case <-ready:
		return true
	case <-done:
		select {
		case <-ready:
			return true
		default:
			return false
		}
	}
}

// drain waits for the chunks from ci on, releasing their window slots
// without linking them, so that phase 1 expands every block of the level
// (and records every block's first panic) after linking has stopped.
func (r *passRun[S, A]) drain(chunks []*passChunk[S], ready []chan struct{}, slots, done chan struct{}, ci int) {
	for ; ci < len(chunks); ci++ {
		if !await(ready[ci], done) {
			return // the workers stopped before this chunk
		}
		if c := chunks[ci]; c != nil {
			r.mo.generated.Add(c.gen) // after a panic every block is expanded
			chunks[ci] = nil
			r.chunks.put(c)
		}
		<-slots
	}
}

// canonical maps a provisional class id to the canonical one, numbering
// classes in the order phase 2 meets them.
func (r *passRun[S, A]) canonical(prov int32) int32 {
	if prov == unfairClass {
		return unfairClass
	}
	for int(prov) >= len(r.canon) {
		r.canon = append(r.canon, -1)
	}
	if r.canon[prov] < 0 {
		r.canon[prov] = int32(len(r.b.g.classes))
		r.b.g.classes = append(r.b.g.classes, r.provName(prov))
	}
	return r.canon[prov]
}

// provName returns the name of provisional class id prov.
func (r *passRun[S, A]) provName(prov int32) string {
	r.classMu.Lock()
	defer r.classMu.Unlock()
	return r.provNames[prov]
}

// record is phase 3: it sets the predicate bits of the states of out,
// numbered from base, and checks their safety properties, in parallel by
// blocks of 64 states (one word of each bit set).
func (r *passRun[S, A]) record(out []block[S], base, depth int) {
	b, g := r.b, r.b.g
	n := count(out)
	for p := range g.bits {
		for len(g.bits[p])*64 < base+n {
			g.bits[p] = append(g.bits[p], 0)
		}
	}
	// Work units start at multiples of 64 state numbers, so no two
	// workers write the same word.
	var next atomic.Int64
	next.Store(int64(base - base%64))
	end := base + n
	// one records state cur; a panic in a predicate is recorded for it and
	// the others are still checked, so the panic reported does not depend
	// on the workers; the run stops at the level's end.
	one := func(cur int) {
		defer func() {
			if p := recover(); p != nil {
				r.v.recordPanic(panicText(p), inChecking, depth, g.fps.at(int32(cur)), 0, nil)
				r.panicked.Store(true)
			}
		}()
		i := cur - base
		s := r.store.state(out[i/passChunkLen], i%passChunkLen)
		for p, pred := range b.preds {
			if pred(s) {
				g.bits[p][cur>>6] |= 1 << (cur & 63)
			}
		}
		if len(r.v.open) > 0 {
			r.v.check(s, depth, g.fps.at(int32(cur)), 0, nil)
		}
	}
	work := func() {
		for {
			lo := int(next.Add(64) - 64)
			if lo >= end {
				return
			}
			for cur := max(lo, base); cur < min(lo+64, end); cur++ {
				one(cur)
			}
		}
	}
	if n < 4*64 {
		work()
	} else {
		r.parallel(work)
	}
	if r.panicked.Load() {
		r.lost = true
	}
}
