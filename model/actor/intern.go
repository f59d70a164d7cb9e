package actor

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"sync/atomic"
)

// Interning. A System keeps a bounded cache of the process vectors
// (State.Procs) and networks (State.Net) its steps have built, each with
// its part of the state key (an entry). A step computes the key of the
// vector it would build first, from its parent's key with the changed part
// replaced, and reuses the cached vector with that key when there is one:
// equal keys mean equal values (see Value), and states never change, so
// any number of states may share one vector. Most steps then allocate
// nothing: twopc with 4 participants has 3.9 million states but 7,222
// distinct process vectors and 20,976 distinct networks. A state's key is
// then two copies of cached bytes (see appendKey), and a state in a BFS
// frontier costs 48 bytes, packed as its entries (see pack.go).
//
// Three levels, cheapest first: an entry remembers the steps it led to
// (memos, see memo.go: no key to build or hash); each Next call's scratch
// keeps the entries it met last, by hash (scratch.recentProcs,
// Ctx.recent); and the System's table (interner) holds recent entries in
// each bucket. The last two compare the whole key. Entries are lean (the
// key, with where each part ends, in one allocation beside the vector),
// and a System whose vectors rarely repeat stops caching (see plain.go).
//
// The cache is lossy and bounded (maxInternSlots entries per table), so
// the memory it keeps alive beyond what states hold is bounded whatever
// the run explores, and sharing is an optimisation only. A state whose
// vectors the cache did not make (built by hand, decoded, or changed by a
// test) works as before: its key is computed from its contents, and Next
// interns its vectors first (System.intern).

// A keyed is the part of a cache entry that the cache reads: the key and
// its hash. The key's capacity beyond its length holds where each part of
// the key (a process, an envelope) ends, four bytes each (see end), so
// that an entry needs one allocation besides the vector.
type keyed struct {
	hash uint64
	key  []byte
}

// newKeyed returns the keyed of hash h, a copy of key and the ends of its
// parts.
func newKeyed(h uint64, key []byte, ends []int32) keyed {
	b := make([]byte, len(key)+4*len(ends))
	copy(b, key)
	for i, e := range ends {
		binary.LittleEndian.PutUint32(b[len(key)+4*i:], uint32(e))
	}
	return keyed{h, b[:len(key):len(b)]}
}

// head returns the entry's hash and key.
func (k *keyed) head() *keyed { return k }

// end returns where part i of the key ends.
func (k *keyed) end(i int) int {
	return int(binary.LittleEndian.Uint32(k.key[len(k.key)+4*i : cap(k.key)]))
}

// start returns where part i of the key starts: after the count of parts,
// n, or where part i-1 ends.
func (k *keyed) start(i, n int) int {
	if i == 0 {
		return uvarintLen(uint64(n))
	}
	return k.end(i - 1)
}

// A procsEntry is an interned process vector: procs and the key
// appendProcsKey writes for it, whose parts are the processes.
type procsEntry[P any] struct {
	keyed
	procs []Proc[P]
	timed bool // made by a timed System (the key holds the clocks)
	memo  memos[procsEntry[P]]
}

// seg returns process id's part of the key.
func (e *procsEntry[P]) seg(id ID) []byte {
	return e.key[e.start(int(id), len(e.procs)):e.end(int(id))]
}

// A netEntry is an interned network: net, in canonical order, and the key
// appendNetKey writes for it, whose parts are the envelopes.
type netEntry[M Message] struct {
	keyed
	net   []Envelope[M]
	timed bool // made by a timed System (the key holds the due times)
	memo  memos[netEntry[M]]
}

// evicted forgets e's memos when the System's table drops e (see memo.go).
func (e *netEntry[M]) evicted() { e.memo.clear() }

// evicted is netEntry.evicted for process vectors.
func (e *procsEntry[P]) evicted() { e.memo.clear() }

// seg returns envelope i's part of the key.
func (e *netEntry[M]) seg(i int) []byte { return e.key[e.start(i, len(e.net)):e.end(i)] }

// recentSlots is the number of entries of each kind a scratch remembers.
const recentSlots = 256

// recent returns the slot of hash h in a scratch's recent entries.
func recent[T any](r *[recentSlots]*T, h uint64) **T { return &r[h>>56] }

// An interner is the cache of one kind of entry: a table of slots in
// buckets of internWays (one cache line), each bucket holding some recent
// entries whose hash chose it, each beside its hash so that
// a look-up reads an entry only when the hash matches. It is safe for
// concurrent use: entries never change once stored, and slots are atomic.
// A reader may see a slot's hash and entry from two different writes;
// it compares the whole key, so it never takes a wrong entry. The table
// starts small and doubles (up to maxInternSlots) when misses outnumber
// half its slots, so a small model costs little.
type interner[T any, E interface {
	*T
	head() *keyed
	evicted()
}] struct {
	table  atomic.Pointer[[]slot[T]]
	misses atomic.Int64 // since the table was last grown
}

// A slot holds an entry and its hash.
type slot[T any] struct {
	hash  atomic.Uint64
	entry atomic.Pointer[T]
}

// The cache's bounds: a table starts with minInternSlots slots and grows
// to at most maxInternSlots, in buckets of internWays slots.
const (
	minInternSlots = 1 << 12
	maxInternSlots = 1 << 15
	internWays     = 4
)

// bucket returns the slots of hash h's bucket in t.
func bucket[T any](t []slot[T], h uint64) []slot[T] {
	i := h & uint64(len(t)-1) &^ (internWays - 1)
	return t[i : i+internWays]
}

// find returns the entry with key (of hash h), nil when the cache does not
// hold it.
func (in *interner[T, E]) find(h uint64, key []byte) *T {
	tp := in.table.Load()
	if tp == nil {
		return nil
	}
	b := bucket(*tp, h)
	for i := range b {
		if b[i].hash.Load() != h {
			continue
		}
		if e := b[i].entry.Load(); e != nil && bytes.Equal(E(e).head().key, key) {
			return e
		}
	}
	return nil
}

// add stores e in its bucket (see insert).
func (in *interner[T, E]) add(e *T) {
	tp := in.table.Load()
	if tp == nil {
		t := make([]slot[T], minInternSlots)
		if in.table.CompareAndSwap(nil, &t) {
			tp = &t
		} else {
			tp = in.table.Load()
		}
	}
	h := E(e).head().hash
	if old := insert(bucket(*tp, h), h, e); old != nil {
		E(old).evicted()
	}
	if len(*tp) < maxInternSlots && 2*in.misses.Add(1) > int64(len(*tp)) {
		in.grow(tp)
	}
}

// insert puts e, of hash h, in bucket b: in a free slot, or in place of
// the entry in the slot h picks (so an entry a look-up just missed does
// not always drop the same one), which it returns.
func insert[T any](b []slot[T], h uint64, e *T) (dropped *T) {
	i := int(h>>62) % len(b)
	for j := range b {
		if b[j].entry.Load() == nil {
			i = j
			break
		}
	}
	dropped = b[i].entry.Swap(e)
	b[i].hash.Store(h)
	return dropped
}

// grow replaces the table tp with one twice as large holding its entries,
// unless another goroutine already did. Entries added to the old table
// meanwhile may be lost, which a cache allows.
func (in *interner[T, E]) grow(tp *[]slot[T]) {
	old := *tp
	t := make([]slot[T], 2*len(old))
	for i := range old {
		if e := old[i].entry.Load(); e != nil {
			h := E(e).head().hash
			if gone := insert(bucket(t, h), h, e); gone != nil {
				E(gone).evicted()
			}
		}
	}
	if in.table.CompareAndSwap(tp, &t) {
		in.misses.Store(0)
	}
}

// hashKey hashes a key for the cache (not for fingerprints: the engines
// hash keys on their own), eight bytes at a time.
func hashKey(b []byte) uint64 {
	const m1, m2 = 0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9
	h := uint64(len(b)) * m1
	for ; len(b) >= 8; b = b[8:] {
		h = bits.RotateLeft64((h^binary.LittleEndian.Uint64(b))*m2, 31)
	}
	var w uint64
	for i, c := range b {
		w |= uint64(c) << (8 * i)
	}
	h = (h ^ w) * m1
	h ^= h >> 29
	h *= m2
	return h ^ h>>32
}

// uvarintLen returns the length of v as model.AppendUint encodes it.
func uvarintLen(v uint64) int { return (bits.Len64(v|1) + 6) / 7 }
