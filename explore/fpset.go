package explore

import (
	"fmt"
	"math/bits"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/protocheck/protocheck/internal/prefetch"
)

// fpSet is the visited set of the BFS engine: a concurrent, insert-only,
// open-addressing table of 64-bit fingerprints, each stored with the
// fingerprint of its parent so that traces are rebuilt by walking parents
// back (no full states are kept for visited states). 16 bytes per slot.
//
// The table is split into segCount segments chosen by the fingerprint's top
// bits; each is a linear-probing table of any length, indexed by the next
// bits scaled to it (see home), and doubles in place (grow: enlarge, then
// spread): its pages are remapped, not copied, so a resize needs no second
// table and touches only the new half as fresh memory, which matters at
// tens of millions of states. Slots live outside the Go heap (allocSlots).
//
// Workers hold mu for reading while they insert a block of successors. The
// insert path writes no shared counter: each worker counts its new entries
// per segment and adds them to the segments' counts between blocks
// (addCounts), which raises needGrow for a segment past its load
// threshold; the next worker between blocks takes mu for writing and grows
// every segment that needs it. An insert whose probe runs longer than
// maxProbe returns insertFull and flags its segment, so no segment ever
// fills up between two counts; the caller retries the insert after growing.
//
// Determinism: the parent kept for a state is the smallest parent
// fingerprint among all states of the previous BFS level that lead to it,
// so the parent tree, and every trace rebuilt from it, does not depend on
// which worker got there first. Only a state inserted during the current
// level may still change its parent (by an atomic compare-and-swap
// minimum); a four-bit tag in the slot says whether it is such a "fresh"
// state. Fingerprints have their two low bits clear, so a slot has four
// free bits: the tag's high two bits go in the fingerprint word and its
// low two in the parent word. Tag 0 means settled, levelTag(d) means
// inserted at depth d. Tags cycle through 15 values, so the tag of the
// level being inserted never matches a state of the 14 levels before it;
// before a tag can come round again, sweep clears every tag in one
// sequential pass (see sweepBefore). Keeping the tag in the slot, and not
// in a side bitmap, saves a second memory access on every duplicate hit,
// and settling by sweeps instead of state by state saves a look-up for
// every state expanded.
type fpSet struct {
	mu       sync.RWMutex
	needGrow atomic.Bool
	segs     [segCount]segment
	budget   int64 // bytes the whole process may take (Options.Memory); 0 means unlimited
	bytes    int64 // bytes the slots take now (changed only under mu)
	swept    int   // the depth whose level began with the last sweep (see sweepBefore)
	procs    int   // goroutines that grow and sweep the set
}

// tagMask selects the bits of the freshness tag kept in each word of a
// slot.
const tagMask = 3

// tagLevels is the number of distinct tags (levelTag's period).
const tagLevels = 15

// levelTag returns the four-bit tag of states at BFS depth d.
func levelTag(d int) uint64 { return 1 + uint64(d%tagLevels) }

// tagOf returns the tag of a slot from its fingerprint and parent words.
func tagOf(fpWord, parentWord uint64) uint64 {
	return (fpWord&tagMask)<<2 | parentWord&tagMask
}

const (
	segBits     = 6
	segCount    = 1 << segBits
	minSegLen   = 1 << 12 // slots in a new segment
	loadGrowAt  = 0.75    // grow a segment past this load
	presizeLoad = 0.60    // a set sized for Options.Expect ends below this load (see segLenFor)
	maxProbe    = 96      // refuse an insert probing further, until grown
)

// slot is one table entry. fp == 0 means empty (fingerprints are never 0).
// parent holds the parent's fingerprint and the freshness tag; a parent
// equal to fp marks an initial state, and 0 a slot being filled.
type slot struct{ fp, parent uint64 }

type segment struct {
	// Read on every insert, written only while growing.
	slots  []slot
	growAt int64
	_      [32]byte // the counters below go on another cache line: writing
	// them between blocks must not evict the fields above from the other
	// workers' caches.
	count atomic.Int64 // entries, as of the last addCounts
	full  atomic.Bool  // a probe ran past maxProbe: grow now
	_     [52]byte
}

type insertResult uint8

const (
	insertNew insertResult = iota
	insertDup
	insertFull
)

// ErrMemory is reported (as the stop reason) when the visited set would
// grow the process past the memory budget.
var ErrMemory = fmt.Errorf("explore: visited set exceeds the memory budget")

// newFPSet returns an empty set that may take budget bytes of the process
// (0: no limit), grows and sweeps on at most procs goroutines (the run's
// workers), and has room for expect entries (Options.Expect) before it
// grows, as far as the budget allows.
func newFPSet(budget int64, procs int, expect int64) *fpSet {
	t := &fpSet{budget: budget, procs: max(1, procs)}
	n := segLenFor(expect, budget)
	for i := range t.segs {
		t.segs[i].init(n)
		t.bytes += int64(n) * int64(unsafe.Sizeof(slot{}))
	}
	if n > minSegLen {
		// Presized: the first levels, a block or two on one worker, would
		// touch nearly every page of the table, one fault at a time. Map
		// it in now on every worker's core instead. On cold memory here,
		// TwoPhase with 9 RMs took 2.71-2.79 s instead of 2.90-3.06 s, and
		// with 10 RMs (2 GB) 21.0-22.1 s instead of 22.7-24.7 s.
		t.parallel(segCount, func(k int) { populate(t.segs[k].slots, 1) })
	}
	return t
}

// parallel calls f(k) for every k in [0, n), on up to procs goroutines.
func (t *fpSet) parallel(n int, f func(k int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(t.procs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				f(k)
			}
		}()
	}
	wg.Wait()
}

// segLenFor returns the length of the segments of a set that holds expect
// entries below its load threshold (with a margin: fingerprints do not
// spread exactly evenly) and takes at most half of budget (0: no limit).
func segLenFor(expect, budget int64) int {
	n := int64(float64(expect) / segCount * 1.05 / presizeLoad)
	if budget > 0 {
		n = min(n, budget/2/segCount/int64(unsafe.Sizeof(slot{})))
	}
	n = (n + minSegLen - 1) / minSegLen * minSegLen
	return int(max(n, minSegLen))
}

func (sg *segment) init(n int) { sg.setSlots(allocSlots(n)) }

// setSlots makes slots the segment's table, with the threshold of its
// length.
func (sg *segment) setSlots(slots []slot) {
	sg.slots = slots
	sg.growAt = int64(float64(len(slots)) * loadGrowAt)
}

// homeOf returns fp's first probe position in the segment: the bits below
// the segment's, scaled to its length. Any length works, and doubling it
// moves a home h to 2h or 2h+1.
func (sg *segment) homeOf(fp uint64) uint64 {
	hi, _ := bits.Mul64(fp<<segBits, uint64(len(sg.slots)))
	return hi
}

// after returns the probe position after i, wrapping around.
func (sg *segment) after(i uint64) uint64 {
	if i++; i == uint64(len(sg.slots)) {
		return 0
	}
	return i
}

// home returns the segment of fp and its first probe position. Both come
// from the top bits: the segment from the first segBits, the position from
// the bits below them. Slots are thus ordered by fingerprint, and doubling a
// segment (which moves slot i to about 2i) is a sequential sweep instead of
// millions of random writes.
func (t *fpSet) home(fp uint64) (*segment, uint64) {
	sg := &t.segs[fp>>(64-segBits)]
	return sg, sg.homeOf(fp)
}

// insert adds fp with the given parent, tagged as inserted at the depth
// whose levelTag is tag. For a fingerprint already present with the same
// tag (inserted during this level), it lowers the stored parent to parent
// if that is smaller.
func (t *fpSet) insert(fp, parent, tag uint64) insertResult {
	sg, i := t.home(fp)
	slots := sg.slots
	v := parent | tag&tagMask
	for probe := 0; ; i, probe = sg.after(i), probe+1 {
		s := &slots[i]
		cur := atomic.LoadUint64(&s.fp)
		if cur == 0 {
			if probe > maxProbe {
				if !sg.full.Load() {
					sg.full.Store(true)
					t.needGrow.Store(true)
				}
				return insertFull
			}
			if atomic.CompareAndSwapUint64(&s.fp, 0, fp|tag>>2) {
				casMin(&s.parent, v)
				return insertNew
			}
			cur = atomic.LoadUint64(&s.fp)
		}
		if cur&^tagMask == fp {
			// 0: the inserter has not written the parent yet, so the
			// state is from this level too.
			if p := atomic.LoadUint64(&s.parent); p == 0 || tagOf(cur, p) == tag {
				casMin(&s.parent, v)
			}
			return insertDup
		}
	}
}

// segOf returns the index of fp's segment, for counting new entries.
func segOf(fp uint64) int { return int(fp >> (64 - segBits)) }

// addCounts adds per-segment counts of new entries (indexed by segOf) and
// zeroes them; it raises needGrow for a segment past its threshold.
func (t *fpSet) addCounts(counts *[segCount]int32) {
	for i, c := range counts {
		if c == 0 {
			continue
		}
		counts[i] = 0
		sg := &t.segs[i]
		if sg.count.Add(int64(c)) >= sg.growAt && !t.needGrow.Load() {
			t.needGrow.Store(true)
		}
	}
}

// insertOne inserts fp as its own parent (no trace parents: DFS and random
// walks), taking the read lock, counting it and growing the set as needed.
// It reports whether fp was new.
func (t *fpSet) insertOne(fp uint64) (bool, error) {
	for {
		t.mu.RLock()
		r := t.insert(fp, fp, 0)
		t.mu.RUnlock()
		switch r {
		case insertNew:
			t.added(fp)
			if t.needGrow.Load() {
				return true, t.grow()
			}
			return true, nil
		case insertDup:
			return false, nil
		}
		if err := t.grow(); err != nil {
			return false, err
		}
	}
}

// added counts one new entry right away.
func (t *fpSet) added(fp uint64) {
	sg := &t.segs[segOf(fp)]
	if sg.count.Add(1) >= sg.growAt && !t.needGrow.Load() {
		t.needGrow.Store(true)
	}
}

// casMin lowers the parent in *p to that of v (both tagged alike); 0
// stands for "not yet set".
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

// sweepBefore settles every state before the level inserting depth d
// begins, if a state still tagged could carry levelTag(d): that is, if the
// last sweep (at the start of the level inserting depth t.swept) was
// tagLevels or more levels ago. Every state then present has its parent
// final. It takes mu for writing: no insert may run.
func (t *fpSet) sweepBefore(d int) {
	if d-t.swept < tagLevels {
		return
	}
	t.swept = d
	t.mu.Lock()
	defer t.mu.Unlock()
	t.parallel(segCount, func(k int) {
		slots := t.segs[k].slots
		for i := range slots {
			slots[i].fp &^= tagMask
			slots[i].parent &^= tagMask
		}
	})
}

// find returns fp's slot, or nil.
func (t *fpSet) find(fp uint64) *slot {
	sg, i := t.home(fp)
	for ; ; i = sg.after(i) {
		switch atomic.LoadUint64(&sg.slots[i].fp) &^ tagMask {
		case 0:
			return nil
		case fp:
			return &sg.slots[i]
		}
	}
}

// prefetch starts loading fp's home slot into the cache.
func (t *fpSet) prefetch(fp uint64) {
	sg, i := t.home(fp)
	prefetch.Line(uintptr(unsafe.Pointer(&sg.slots[i])))
}

// parent returns the parent fingerprint of fp, and false if fp is absent.
func (t *fpSet) parent(fp uint64) (uint64, bool) {
	s := t.find(fp)
	if s == nil {
		return 0, false
	}
	return atomic.LoadUint64(&s.parent) &^ tagMask, true
}

// len returns the number of fingerprints stored.
func (t *fpSet) len() int64 {
	var n int64
	for i := range t.segs {
		n += t.segs[i].count.Load()
	}
	return n
}

// grow doubles every segment past its threshold (and those close to it),
// on every worker's goroutine.
// The caller must not hold mu. It returns ErrMemory when the budget would be
// exceeded: the budget is the whole process's (see processMemory), so the
// table may grow only as far as the rest of the process leaves room.
func (t *fpSet) grow() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.needGrow.Load() {
		return nil
	}
	var due []int
	var err error
	var used int64 // the process's memory before this growth
	if t.budget > 0 {
		used = max(processMemory(), t.bytes)
	}
	// Segments fill at about the same pace, so once one is due the others
	// soon will be: those past 7/8 of their threshold double now too, in
	// the same pause, on every core, instead of one segment per pause.
	soon := func(sg *segment) bool { return 8*sg.count.Load() >= 7*sg.growAt }
	for i := range t.segs {
		sg := &t.segs[i]
		if sg.count.Load() < sg.growAt && !sg.full.Load() && !soon(sg) {
			continue
		}
		extra := int64(len(sg.slots)) * int64(unsafe.Sizeof(slot{}))
		if t.budget > 0 && used+extra > t.budget {
			err = ErrMemory
			break
		}
		used += extra
		t.bytes += extra
		due = append(due, i)
	}
	// The workers are all waiting for the lock. Enlarge every segment
	// first, on this goroutine: a remap waits for all page faults in
	// progress, so remaps between the other goroutines' faults would
	// serialize them. Then fault in and spread the segments on as many
	// goroutines as there are workers, each a different segment. TwoPhase
	// with 9 RMs on 2 workers spent 0.71-0.78 s growing when each
	// goroutine remapped its own segments, about as long as 1 worker; now
	// 0.48-0.52 s.
	olds := make([][]slot, len(due))
	for k, i := range due {
		olds[k] = t.segs[i].enlarge()
	}
	t.parallel(len(due), func(k int) {
		sg := &t.segs[due[k]]
		sg.spread(olds[k])
		sg.full.Store(false)
		if olds[k] != nil {
			// Freed at once, so that no more than one old table per
			// goroutine adds to the peak. (An unmap waits for faults in
			// progress too, but these tables are under a huge page:
			// their faults are short.)
			freeSlots(olds[k])
		}
	})
	if err != nil {
		return err
	}
	t.needGrow.Store(false)
	return nil
}

// enlarge doubles the segment's length (growOff): its entries stay in the
// first half, at the same slots, and the second half is empty and not
// mapped in yet. A small table is not moved but replaced by an empty one:
// enlarge then returns the old table, which spread copies and the caller
// frees.
func (sg *segment) enlarge() (old []slot) {
	grown, old := growOff(sg.slots, 2*len(sg.slots))
	sg.setSlots(grown)
	return old
}

// spread maps in the segment's new half (populate) and moves its entries
// to their homes in the doubled segment, copying them from old first when
// enlarge replaced the table. The home of an entry in the doubled segment
// is 2h or 2h+1 for its old home h. The old slots are read from the last
// to the first, each cleared as it is read, and its entry placed at the
// first free slot from its new home on: linear probing is valid in any
// insertion order, and every slot from that home on has been read already
// or is new, as long as the home is past the slot read and the probe does
// not wrap. The few entries for which that fails (near the segment's start,
// where a displaced entry's home may lie below its slot, or at the end)
// are put aside and placed once every old slot has been read.
func (sg *segment) spread(old []slot) {
	n := len(sg.slots) / 2
	if old != nil {
		populate(sg.slots, 1)
		copy(sg.slots, old)
	} else {
		populate(sg.slots[n:], 1)
	}
	slots := sg.slots
	var aside []slot
	for i := n - 1; i >= 0; i-- {
		s := slots[i]
		if s.fp == 0 {
			continue
		}
		slots[i] = slot{}
		j := int(sg.homeOf(s.fp))
		if j < i {
			aside = append(aside, s)
			continue
		}
		for j < 2*n && slots[j].fp != 0 {
			j++
		}
		if j == 2*n {
			aside = append(aside, s)
			continue
		}
		slots[j] = s
	}
	for _, s := range aside {
		j := sg.homeOf(s.fp)
		for slots[j].fp != 0 {
			j = sg.after(j)
		}
		slots[j] = s
	}
}

// free releases the table's memory.
func (t *fpSet) free() {
	for i := range t.segs {
		freeSlots(t.segs[i].slots)
		t.segs[i].slots = nil
	}
}
