package actor

import (
	"encoding/binary"
	"sync/atomic"
	"unsafe"

	"github.com/protocheck/protocheck/internal/prefetch"
)

// Memos. A cached vector's entry remembers the steps it has led to: what
// decides a step's result (for a process vector: the process and its new
// part of the key; for a network: the envelope removed and the messages
// sent, with their Resend flags) and the entry of the result. A step that
// finds its input there takes the result without building the new key,
// hashing it or looking it up. Most steps repeat: in twopc with 4
// participants each vector is reached from many states, and its steps are
// the same each time.
//
// An entry keeps at most maxMemos, and forgets them when the System's
// table drops it (see interner), so that memos keep alive only the
// neighbours of entries the table holds or states use.

// maxMemos is the most steps an entry remembers per index; maxMemoInput
// the longest input it remembers (a step with a longer one is not
// remembered).
const (
	maxMemos     = 16
	maxMemoInput = 15
)

// memos are the steps an entry remembers, by index (the process that
// stepped, the envelope removed): for each, an immutable table, replaced
// whole when a step is added (rarely, once the run has warmed up).
//
// A look-up is a chain of loads that mostly miss the cache (entries are
// many and scattered), so the chain is short: the index's pointer lives in
// the entry itself when the entry has at most memoInline indices, and a
// table holds its first step inline, where most look-ups end (twopc with 4
// participants: 1.34 records read per look-up).
type memos[T any] struct {
	by     []atomic.Pointer[memoTab[T]]
	inline [memoInline]atomic.Pointer[memoTab[T]]
}

// memoInline is the most indices whose tables an entry points to from
// within itself.
const memoInline = 12

// init makes m remember steps for indices 0..n-1. m must not move after.
func (m *memos[T]) init(n int) {
	if n <= memoInline {
		m.by = m.inline[:n:n]
		return
	}
	m.by = make([]atomic.Pointer[memoTab[T]], n)
}

// A memoTab holds the steps of one index: the first, then the others.
type memoTab[T any] struct {
	first memoRec[T]
	more  []memoRec[T]
}

// A memoRec is one step: its input, kept inline as two words (memoKey),
// and its result.
type memoRec[T any] struct {
	k   [2]uint64
	out *T
}

// memoKey packs an input of at most maxMemoInput bytes into two words: its
// length, then its bytes, zero-padded. Different inputs give different
// keys, and a look-up compares two words instead of calling memeq.
func memoKey(in []byte) (k [2]uint64) {
	var b [maxMemoInput + 1]byte
	b[0] = byte(len(in))
	copy(b[1:], in)
	k[0] = binary.LittleEndian.Uint64(b[:8])
	k[1] = binary.LittleEndian.Uint64(b[8:])
	return k
}

// find returns the result remembered for input in at index i, nil if none.
func (m *memos[T]) find(i int, in []byte) *T {
	t := m.by[i].Load()
	if t == nil || len(in) > maxMemoInput {
		return nil
	}
	k := memoKey(in)
	if t.first.k == k {
		return t.first.out
	}
	for j := range t.more {
		if r := &t.more[j]; r.k == k {
			return r.out
		}
	}
	return nil
}

// prefetch starts loading the table of every index into the cache.
func (m *memos[T]) prefetch() {
	for i := range m.by {
		if t := m.by[i].Load(); t != nil {
			prefetch.Line(uintptr(unsafe.Pointer(t)))
		}
	}
}

// add remembers out as the result for input in at index i, unless the
// table is full or in is too long.
func (m *memos[T]) add(i int, in []byte, out *T) {
	if len(in) > maxMemoInput {
		return
	}
	r := memoRec[T]{k: memoKey(in), out: out}
	for {
		old := m.by[i].Load()
		t := &memoTab[T]{first: r}
		if old != nil {
			if 1+len(old.more) >= maxMemos {
				return
			}
			t.first = old.first
			t.more = append(make([]memoRec[T], 0, len(old.more)+1), old.more...)
			t.more = append(t.more, r)
		}
		if m.by[i].CompareAndSwap(old, t) {
			return
		}
	}
}

// clear forgets every step.
func (m *memos[T]) clear() {
	for i := range m.by {
		m.by[i].Store(nil)
	}
}
