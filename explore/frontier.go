package explore

import (
	"sync"

	"github.com/protocheck/protocheck/internal/pack"
)

// item is a state waiting in the BFS frontier, with its fingerprint (the
// parent of its successors).
type item[S any] struct {
	fp uint64
	s  S
}

// succ is a successor waiting in a batch for its set look-up.
type succ[S any] struct {
	fp     uint64
	parent uint64
	s      S
}

// blockLen is the number of states in a frontier block, which is also the
// unit of work a BFS worker claims.
const blockLen = 512

// A block is a part of a level as the frontier stores it between the level
// that found its states and the one that expands them: the states
// themselves, or, for a model that packs its states (internal/pack), the
// states packed (actor systems: 56 bytes a state instead of 120). Workers
// fill and expand items; only stored blocks are packed.
type block[S any] struct {
	items  []item[S]
	packed []packedItem
}

// packedItem is a packed state with its fingerprint.
type packedItem struct {
	fp uint64
	p  pack.State
}

func (b block[S]) len() int { return len(b.items) + len(b.packed) }

// count returns the number of states in blocks.
func count[S any](blocks []block[S]) (n int) {
	for _, b := range blocks {
		n += b.len()
	}
	return n
}

// store keeps a run's frontier blocks and recycles their buffers, so that
// a level's frontier reuses the memory of the level before and the
// collector sees few new allocations. The zero value stores items as they
// are; packer set packs them.
type store[S any] struct {
	packer pack.Packer[S] // nil: the model does not pack
	size   int            // the capacity of a new buffer; 0 means blockLen
	mu     sync.Mutex
	items  [][]item[S]
	packs  [][]packedItem
}

// newStore returns the store of model m's frontier, with buffers of size
// states (0: blockLen).
func newStore[S any](m any, size int) *store[S] {
	st := &store[S]{size: size}
	st.packer, _ = m.(pack.Packer[S])
	return st
}

// get returns an empty item buffer.
func (st *store[S]) get() []item[S] {
	st.mu.Lock()
	defer st.mu.Unlock()
	if n := len(st.items); n > 0 {
		b := st.items[n-1]
		st.items = st.items[:n-1]
		return b[:0]
	}
	if st.size > 0 {
		return make([]item[S], 0, st.size)
	}
	return make([]item[S], 0, blockLen)
}

// put hands an item buffer back (nil: none).
func (st *store[S]) put(b []item[S]) {
	if cap(b) == 0 {
		return
	}
	clear(b[:cap(b)]) // drop references held by states
	st.mu.Lock()
	st.items = append(st.items, b[:0])
	st.mu.Unlock()
}

// seal stores the states of *buf as a block and leaves *buf an empty
// buffer to go on filling: the same one, its states packed, or a new one
// when the block keeps buf's states as they are.
func (st *store[S]) seal(buf *[]item[S]) block[S] {
	if st.packer == nil {
		b := block[S]{items: *buf}
		*buf = st.get()
		return b
	}
	p := st.getPacked(len(*buf))
	for i := range *buf {
		it := &(*buf)[i]
		p = append(p, packedItem{fp: it.fp, p: st.packer.PackState(it.s)})
	}
	clear(*buf)
	*buf = (*buf)[:0]
	return block[S]{packed: p}
}

// open returns the states of b to expand: b's own buffer, or b unpacked
// into *buf (a buffer from get, or nil for a new one), b's packed states
// being handed back. Call done(b) once they are expanded.
func (st *store[S]) open(b block[S], buf *[]item[S]) []item[S] {
	if b.packed == nil {
		return b.items
	}
	if *buf == nil {
		*buf = st.get()
	}
	out := (*buf)[:0]
	for i := range b.packed {
		pi := &b.packed[i]
		out = append(out, item[S]{fp: pi.fp, s: st.packer.UnpackState(&pi.p)})
	}
	*buf = out
	st.putPacked(b.packed)
	return out
}

// done hands back the buffer of a block opened and expanded.
func (st *store[S]) done(b block[S]) {
	if b.packed == nil {
		st.put(b.items)
	}
}

// state returns state i of b.
func (st *store[S]) state(b block[S], i int) S {
	if b.packed == nil {
		return b.items[i].s
	}
	return st.packer.UnpackState(&b.packed[i].p)
}

// release hands back b's buffers without expanding it.
func (st *store[S]) release(b block[S]) {
	if b.packed != nil {
		st.putPacked(b.packed)
	} else if b.items != nil {
		st.put(b.items)
	}
}

func (st *store[S]) getPacked(n int) []packedItem {
	st.mu.Lock()
	defer st.mu.Unlock()
	if k := len(st.packs); k > 0 && cap(st.packs[k-1]) >= n {
		b := st.packs[k-1]
		st.packs = st.packs[:k-1]
		return b[:0]
	}
	c := st.size
	if c == 0 {
		c = blockLen
	}
	return make([]packedItem, 0, max(n, c))
}

func (st *store[S]) putPacked(b []packedItem) {
	clear(b[:cap(b)])
	st.mu.Lock()
	st.packs = append(st.packs, b[:0])
	st.mu.Unlock()
}

// dropLast removes the last n states of a level being filled: those of the
// buffer *buf, then those of the blocks out, which it returns shortened.
func (st *store[S]) dropLast(out []block[S], buf *[]item[S], n int) []block[S] {
	for ; n > 0; n-- {
		if k := len(*buf); k > 0 {
			(*buf)[k-1] = item[S]{}
			*buf = (*buf)[:k-1]
			continue
		}
		last := &out[len(out)-1]
		if last.len() == 1 {
			st.release(*last)
			out = out[:len(out)-1]
			continue
		}
		if last.packed != nil {
			last.packed = last.packed[:len(last.packed)-1]
		} else {
			last.items[len(last.items)-1] = item[S]{}
			last.items = last.items[:len(last.items)-1]
		}
	}
	return out
}
