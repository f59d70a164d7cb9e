package explore

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

// fpSet is the visited set of the BFS engine: a concurrent, insert-only,
// open-addressing table of 64-bit fingerprints, each stored with the
// fingerprint of its parent so that traces are rebuilt by walking parents
// back (no full states are kept for visited states). 16 bytes per slot.
//
// The table is split into segSize segments chosen by the fingerprint's top
// bits; each is a linear-probing table indexed by the low bits and grows on
// its own. Growing one segment at a time keeps the peak memory of a resize
// at 1/segSize of the table instead of the 1.5x a single table needs, which
// matters at tens of millions of states. Slots live outside the Go heap
// (allocSlots).
//
// Workers hold mu for reading while they insert a block of successors; a
// segment that passes its load threshold raises needGrow, and the next
// worker between blocks takes mu for writing and grows every segment that
// needs it. An insert into a segment above its hard limit returns
// insertFull instead of probing a nearly full table; the caller retries it
// after growing.
//
// Determinism: the parent kept for a state is the smallest parent
// fingerprint among all states of the previous BFS level that lead to it,
// so the parent tree, and every trace rebuilt from it, does not depend on
// which worker got there first. A per-slot "fresh" bit marks states
// inserted during the current level: only their parent may still change,
// by an atomic compare-and-swap minimum. The bits are cleared between
// levels.
type fpSet struct {
	mu       sync.RWMutex
	needGrow atomic.Bool
	segs     [segCount]segment
	budget   int64 // bytes the slots may take; 0 means unlimited
	bytes    int64 // bytes the slots take now (changed only under mu)
}

const (
	segBits    = 8
	segCount   = 1 << segBits
	minSegLen  = 1 << 10 // slots in a new segment
	loadGrowAt = 0.75    // grow a segment past this load
	loadLimit  = 0.9375  // refuse inserts past this load until grown
)

// slot is one table entry. fp == 0 means empty (fingerprints are never 0).
// parent == fp marks an initial state.
type slot struct{ fp, parent uint64 }

type segment struct {
	slots  []slot
	fresh  []uint64 // one bit per slot: inserted during the current level
	mask   uint64
	growAt int64
	limit  int64
	count  atomic.Int64
	_      [48]byte // keep each segment's hot counter on its own cache line
}

type insertResult uint8

const (
	insertNew insertResult = iota
	insertDup
	insertFull
)

// ErrMemory is reported (as the stop reason) when the visited set would
// outgrow the memory budget.
var ErrMemory = fmt.Errorf("explore: visited set exceeds the memory budget")

func newFPSet(budget int64) *fpSet {
	t := &fpSet{budget: budget}
	for i := range t.segs {
		t.segs[i].init(minSegLen)
		t.bytes += minSegLen * int64(unsafe.Sizeof(slot{}))
	}
	return t
}

func (sg *segment) init(n int) {
	sg.slots = allocSlots(n)
	sg.fresh = make([]uint64, (n+63)/64)
	sg.mask = uint64(n - 1)
	sg.growAt = int64(float64(n) * loadGrowAt)
	sg.limit = int64(float64(n) * loadLimit)
}

// insert adds fp with the given parent. For a fingerprint already present
// and inserted during this level, it lowers the stored parent to parent if
// that is smaller.
func (t *fpSet) insert(fp, parent uint64) insertResult {
	sg := &t.segs[fp>>(64-segBits)]
	slots, mask := sg.slots, sg.mask
	for i := fp & mask; ; i = (i + 1) & mask {
		s := &slots[i]
		cur := atomic.LoadUint64(&s.fp)
		if cur == 0 {
			if sg.count.Load() >= sg.limit {
				t.needGrow.Store(true)
				return insertFull
			}
			// The bit goes up before the slot is claimed, so a worker that
			// sees the fingerprint also sees it is fresh. If another
			// fingerprint wins the slot, it is fresh too.
			atomic.OrUint64(&sg.fresh[i>>6], 1<<(i&63))
			if atomic.CompareAndSwapUint64(&s.fp, 0, fp) {
				casMin(&s.parent, parent)
				if sg.count.Add(1) >= sg.growAt {
					t.needGrow.Store(true)
				}
				return insertNew
			}
			cur = atomic.LoadUint64(&s.fp)
		}
		if cur == fp {
			if atomic.LoadUint64(&sg.fresh[i>>6])&(1<<(i&63)) != 0 {
				casMin(&s.parent, parent)
			}
			return insertDup
		}
	}
}

// casMin lowers *p to v; 0 stands for "not yet set".
func casMin(p *uint64, v uint64) {
	for {
		old := atomic.LoadUint64(p)
		if old != 0 && old <= v {
			return
		}
		if atomic.CompareAndSwapUint64(p, old, v) {
			return
		}
	}
}

// touch loads the home slot of each fingerprint. The loads are independent,
// so the processor overlaps their cache and TLB misses; the inserts that
// follow then hit the cache. It returns a value only to keep the loads.
func (t *fpSet) touch(fps []uint64) uint64 {
	var sink uint64
	for _, fp := range fps {
		sg := &t.segs[fp>>(64-segBits)]
		sink += atomic.LoadUint64(&sg.slots[fp&sg.mask].fp)
	}
	return sink
}

// parent returns the parent fingerprint of fp, and false if fp is absent.
// Not safe during inserts.
func (t *fpSet) parent(fp uint64) (uint64, bool) {
	sg := &t.segs[fp>>(64-segBits)]
	for i := fp & sg.mask; ; i = (i + 1) & sg.mask {
		switch sg.slots[i].fp {
		case 0:
			return 0, false
		case fp:
			return sg.slots[i].parent, true
		}
	}
}

// len returns the number of fingerprints stored.
func (t *fpSet) len() int64 {
	var n int64
	for i := range t.segs {
		n += t.segs[i].count.Load()
	}
	return n
}

// clearFresh ends a level: no parent may change any more.
func (t *fpSet) clearFresh() {
	for i := range t.segs {
		clear(t.segs[i].fresh)
	}
}

// grow doubles every segment past its threshold, one at a time. The caller
// must not hold mu. It returns ErrMemory when the budget would be exceeded.
func (t *fpSet) grow() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.needGrow.Load() {
		return nil
	}
	for i := range t.segs {
		sg := &t.segs[i]
		if sg.count.Load() < sg.growAt {
			continue
		}
		extra := int64(len(sg.slots)) * int64(unsafe.Sizeof(slot{}))
		if t.budget > 0 && t.bytes+extra > t.budget {
			return ErrMemory
		}
		sg.double()
		t.bytes += extra
	}
	t.needGrow.Store(false)
	return nil
}

func (sg *segment) double() {
	old, oldFresh := sg.slots, sg.fresh
	sg.init(2 * len(old))
	for i, s := range old {
		if s.fp == 0 {
			continue
		}
		j := s.fp & sg.mask
		for sg.slots[j].fp != 0 {
			j = (j + 1) & sg.mask
		}
		sg.slots[j] = s
		if oldFresh[i>>6]&(1<<(uint(i)&63)) != 0 {
			sg.fresh[j>>6] |= 1 << (j & 63)
		}
	}
	freeSlots(old)
}

// free releases the table's memory.
func (t *fpSet) free() {
	for i := range t.segs {
		freeSlots(t.segs[i].slots)
		t.segs[i].slots = nil
	}
}
