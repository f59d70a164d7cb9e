package explore

import (
	"bytes"
	"slices"
)

// succBuf holds a worker's successors in memory until it spills them to a
// sorted run: their encodings in one arena, and one record each.
type succBuf struct {
	recs   []bufRec
	tmp    []bufRec // the sort's second array
	counts []int    // the sort's bucket counts
	arena  []byte
	limit  int  // bytes (arena plus records, twice for the sort) at which the buffer is full
	byEnc  bool // order records of one fingerprint and parent by encoding (symmetry: see cmpState)
}

// bufRec is one buffered successor: its fingerprint, its parent's, and
// where its encoding lies in the arena.
type bufRec struct {
	fp, parent uint64
	off, n     uint32
}

// bufRecSize is the memory a buffered record takes: a bufRec in recs and
// one in tmp.
const bufRecSize = 48

// maxBufLen bounds a buffer: arena offsets are 32-bit.
const maxBufLen = 1 << 30

func (b *succBuf) enc(r *bufRec) []byte { return b.arena[r.off : r.off+r.n] }

// add buffers a successor whose encoding app appends to the arena.
func (b *succBuf) add(fp, parent uint64, app func([]byte) []byte) {
	if len(b.recs) == cap(b.recs) || cap(b.arena)-len(b.arena) < 256 {
		b.grow()
	}
	off := len(b.arena)
	b.arena = app(b.arena)
	b.recs = append(b.recs, bufRec{fp: fp, parent: parent, off: uint32(off), n: uint32(len(b.arena) - off)})
}

// grow doubles the records' and the arena's capacity, up to what the
// limit lets the buffer hold. append grows large slices by a quarter at a
// time, which copied a buffer of hundreds of megabytes about five times
// over as it first filled.
func (b *succBuf) grow() {
	if len(b.recs) == cap(b.recs) {
		b.recs = slices.Grow(b.recs, min(max(1024, cap(b.recs)), b.limit/bufRecSize+1))
	}
	if cap(b.arena)-len(b.arena) < 256 {
		b.arena = slices.Grow(b.arena, min(max(4096, cap(b.arena)), b.limit+256))
	}
}

// full reports whether the buffer should be spilled.
func (b *succBuf) full() bool { return len(b.arena)+bufRecSize*len(b.recs) >= b.limit }

func (b *succBuf) reset() {
	b.recs = b.recs[:0]
	b.arena = b.arena[:0]
}

// cmpState orders state records: by fingerprint, then parent fingerprint,
// then encoding. The first record of a fingerprint is thus the one with
// the smallest parent, which is the parent rule of the in-memory BFS (see
// fpSet); the encoding breaks ties between different concrete states with
// one canonical key (symmetry) reached from the same parent, so the state
// kept does not depend on how the successors were split among workers.
func cmpState(afp, apar uint64, aenc []byte, bfp, bpar uint64, benc []byte) int {
	if c := cmpFP(afp, apar, bfp, bpar); c != 0 {
		return c
	}
	return bytes.Compare(aenc, benc)
}

// cmpFP is cmpState without the encodings: 0 for records of one
// fingerprint and one parent. Callers that keep the encodings elsewhere
// compare them only then.
func cmpFP(afp, apar, bfp, bpar uint64) int {
	switch {
	case afp != bfp:
		if afp < bfp {
			return -1
		}
		return 1
	case apar != bpar:
		if apar < bpar {
			return -1
		}
		return 1
	}
	return 0
}

// cmpRec orders two buffered records as cmpState does.
func (b *succBuf) cmpRec(x, y *bufRec) int {
	// Without symmetry one fingerprint is one state (a collision aside,
	// which every engine takes for one state), and reading the encodings
	// would cost a cache miss each: the arena is not in the records'
	// order. TwoPhase with 9 RMs spent a fifth of its CPU time there, on
	// states reached twice from one parent.
	if c := cmpFP(x.fp, x.parent, y.fp, y.parent); c != 0 || !b.byEnc {
		return c
	}
	return bytes.Compare(b.enc(x), b.enc(y))
}

// sort sorts the records by cmpRec. Fingerprints are uniform hashes, so
// a bucket sort by their top bits (about two records a bucket) followed by
// an insertion sort of each bucket takes a few comparisons a record. The
// buckets are filled in two passes: by the top 8 bits, then, within each
// of those groups (small enough for the cache), by the next ones. One pass
// scattering records among a million buckets of about 16 records missed
// the cache on every write, and left longer insertion sorts.
func (b *succBuf) sort() {
	n := len(b.recs)
	if n < 4096 {
		slices.SortFunc(b.recs, func(x, y bufRec) int { return b.cmpRec(&x, &y) })
		return
	}
	bits := min(8+16, log2(n/2)) // at least 11
	if cap(b.tmp) < n {
		b.tmp = make([]bufRec, n, cap(b.recs))
	}
	tmp := b.tmp[:n]
	var outer [1<<8 + 1]int // scatter's slice is reused by the inner passes
	copy(outer[:], b.scatter(b.recs, tmp, 64-8, 8))
	inner := bits - 8
	for k := range 1 << 8 {
		lo, hi := outer[k], outer[k+1]
		starts := b.scatter(tmp[lo:hi], b.recs[lo:hi], uint(64-bits), inner)
		for j := range 1 << inner {
			b.insertionSort(b.recs[lo+starts[j] : lo+starts[j+1]])
		}
	}
}

// scatter copies src to dst grouped by the bits fp>>shift & (1<<bits-1),
// in src's order within a group, and returns the groups' bounds: group g
// is dst[starts[g]:starts[g+1]]. The slice is reused by the next call.
func (b *succBuf) scatter(src, dst []bufRec, shift uint, bits int) (starts []int) {
	if cap(b.counts) < 2<<bits+1 {
		b.counts = make([]int, 2<<bits+1)
	}
	starts = b.counts[:1<<bits+1]
	next := b.counts[1<<bits+1 : 2<<bits+1]
	clear(starts)
	mask := uint64(1)<<bits - 1
	for i := range src {
		starts[src[i].fp>>shift&mask+1]++
	}
	for i := 1; i < len(starts); i++ {
		starts[i] += starts[i-1]
	}
	copy(next, starts)
	for i := range src {
		k := src[i].fp >> shift & mask
		dst[next[k]] = src[i]
		next[k]++
	}
	return starts
}

// insertionSort sorts a bucket, which is small, by cmpRec.
func (b *succBuf) insertionSort(recs []bufRec) {
	for i := 1; i < len(recs); i++ {
		for j := i; j > 0 && b.cmpRec(&recs[j], &recs[j-1]) < 0; j-- {
			recs[j], recs[j-1] = recs[j-1], recs[j]
		}
	}
}

// log2 returns the floor of log2(n), 0 for n < 2.
func log2(n int) int {
	k := 0
	for n > 1 {
		n >>= 1
		k++
	}
	return k
}

// spill sorts the buffer, writes the first record of every fingerprint to
// a new run file and empties the buffer.
func (b *succBuf) spill(dir, name string) (fileRef, error) {
	b.sort()
	w, err := createRec(dir, name)
	if err != nil {
		return fileRef{}, err
	}
	last := uint64(0) // fingerprints are never 0
	for i := range b.recs {
		r := &b.recs[i]
		if r.fp == last {
			continue
		}
		last = r.fp
		if err := w.state(r.fp, r.parent, b.enc(r)); err != nil {
			w.abort(dir)
			return fileRef{}, err
		}
	}
	b.reset()
	ref, err := w.close(false) // a run lives within one level: a checkpoint never refers to it
	if err != nil {
		w.abort(dir)
	}
	return ref, err
}
