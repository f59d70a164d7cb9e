package explore

import "sync"

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

// blockPool recycles frontier blocks: a block is handed back as soon as its
// states are expanded, so a level's frontier reuses the memory of the level
// before and the collector sees few new allocations.
type blockPool[S any] struct {
	mu   sync.Mutex
	free [][]item[S]
	size int // the capacity of a new block; 0 means blockLen
}

func (p *blockPool[S]) get() []item[S] {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b[:0]
	}
	if p.size > 0 {
		return make([]item[S], 0, p.size)
	}
	return make([]item[S], 0, blockLen)
}

func (p *blockPool[S]) put(b []item[S]) {
	var zero item[S]
	for i := range b {
		b[i] = zero // drop references held by states
	}
	p.mu.Lock()
	p.free = append(p.free, b[:0])
	p.mu.Unlock()
}
