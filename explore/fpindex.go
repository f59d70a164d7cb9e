package explore

import (
	"math/bits"
	"unsafe"

	"github.com/protocheck/protocheck/internal/prefetch"
)

// An fpIndex maps fingerprints to state numbers while the liveness graph
// is built: an open-addressing table (linear probing, load at most 3/4) of
// fingerprint and state number triples of 32-bit words, 12 bytes a slot,
// outside the Go heap. Keeping the fingerprint in the slot makes a look-up
// one cache miss; fingerprints are never 0 (see fingerprint), so 0 marks an
// empty slot. The table's length need not be a power of two: a
// fingerprint's home is its high bits scaled to the length, and the table
// grows by half, which keeps it 1/2 to 3/4 full instead of 3/8 to 3/4.
// Reads may run concurrently; inserts may not.
type fpIndex struct {
	slots []fpSlot
	used  int
	procs int // goroutines that map in a table allocated by reserve (the run's workers)
}

// fpSlot is one entry: fingerprint lo | hi<<32 and state number v.
type fpSlot struct{ lo, hi, v uint32 }

func (s *fpSlot) fp() uint64 { return uint64(s.hi)<<32 | uint64(s.lo) }

// home returns fp's first probe position.
func (x *fpIndex) home(fp uint64) int {
	hi, _ := bits.Mul64(fp, uint64(len(x.slots)))
	return int(hi)
}

// find returns the state whose fingerprint is fp.
func (x *fpIndex) find(fp uint64) (int32, bool) {
	n := len(x.slots)
	if n == 0 {
		return 0, false
	}
	for i := x.home(fp); ; {
		s := &x.slots[i]
		switch s.fp() {
		case fp:
			return int32(s.v), true
		case 0:
			return 0, false
		}
		if i++; i == n {
			i = 0
		}
	}
}

// prefetch starts loading fp's home slot into the cache.
func (x *fpIndex) prefetch(fp uint64) {
	if len(x.slots) > 0 {
		prefetch.Line(uintptr(unsafe.Pointer(&x.slots[x.home(fp)])))
	}
}

// insert adds state v, whose fingerprint fp is not yet present.
func (x *fpIndex) insert(fp uint64, v int32) {
	if 4*(x.used+1) > 3*len(x.slots) {
		old := x.slots
		x.slots, x.used = allocOff[fpSlot](grownLen(len(old), x.used+1)), 0
		for i := range old {
			if fp := old[i].fp(); fp != 0 {
				x.put(fp, int32(old[i].v))
			}
		}
		freeOff(old)
	}
	x.put(fp, v)
}

// grownLen returns the length of a table of n slots grown to hold want
// entries at load 3/4 at most: at least half as long again.
func grownLen(n, want int) int {
	n = max(64, n+n/2)
	for 4*want > 3*n {
		n += n / 2
	}
	return n
}

func (x *fpIndex) put(fp uint64, v int32) {
	n := len(x.slots)
	i := x.home(fp)
	for x.slots[i].fp() != 0 {
		if i++; i == n {
			i = 0
		}
	}
	x.slots[i] = fpSlot{lo: uint32(fp), hi: uint32(fp >> 32), v: uint32(v)}
	x.used++
}

// reserve makes room for states [0, n), whose fingerprints are fps, before
// the caller inserts the last of them: if the table would pass its load
// limit it is released first and rebuilt, at its new length, from fps[0:
// have) (the states it holds). The old and the new table never coexist, so
// the growth of a table of hundreds of megabytes costs no transient copy.
func (x *fpIndex) reserve(n, have int, fps *pages[uint64]) {
	if 4*n <= 3*len(x.slots) {
		return
	}
	size := grownLen(len(x.slots), n)
	x.free()
	x.slots = allocOff[fpSlot](size)
	populate(x.slots, x.procs) // filled at random next, on one goroutine
	x.putRange(fps, 0, have)
}

// presize sizes an empty table for expect states (Options.Expect), in at
// most half of budget (0: no limit), as newFPSet sizes the visited set.
func (x *fpIndex) presize(expect, budget int64) {
	if expect <= 0 {
		return
	}
	const perState = 16 // a 12-byte slot at load 3/4
	if budget > 0 {
		expect = min(expect, budget/2/perState)
	}
	x.reserve(int(min(expect, maxGraphStates)), 0, nil)
}

// putAhead is how many states ahead of the one it inserts putRange starts
// loading a home slot: a look-up into a table of hundreds of megabytes is
// a cache miss, and inserting one state after the other would wait for
// each in turn.
const putAhead = 16

// putRange inserts states [from, to), whose fingerprints are in fps, into
// a table with room for them.
func (x *fpIndex) putRange(fps *pages[uint64], from, to int) {
	for v := from; v < to; v++ {
		if v+putAhead < to {
			x.prefetch(fps.at(int32(v + putAhead)))
		}
		x.put(fps.at(int32(v)), int32(v))
	}
}

// reset empties the table and keeps its memory.
func (x *fpIndex) reset() {
	clear(x.slots)
	x.used = 0
}

// free releases the table.
func (x *fpIndex) free() {
	freeOff(x.slots)
	*x = fpIndex{}
}
