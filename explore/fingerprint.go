package explore

import (
	"encoding/binary"

	"github.com/zeebo/xxh3"
)

// fpSeed fixes the fingerprint hash so runs, reports and saved traces are
// reproducible across processes and machines.
const fpSeed = 0x70726f746f636b21 // "protock!"

// fpBits is the number of hash bits a fingerprint keeps: 64 minus the two
// bits of fpSet's freshness tag kept in each word of a slot.
const fpBits = 62

// fingerprint returns the fingerprint of a state key: 62 bits of hash with
// the two low bits clear (fpSet keeps part of a tag there), and
// never 0, which marks an empty slot.
//
// Keys of exactly 8 bytes (a state packed into one word) take a shorter
// path: murmur3's 64-bit finalizer, a bijection, so no two such keys share
// a hash before the tag bits are cleared.
func fingerprint(key []byte) uint64 {
	var h uint64
	if len(key) == 8 {
		h = fmix64(binary.LittleEndian.Uint64(key) ^ fpSeed)
	} else {
		h = xxh3.HashSeed(key, fpSeed)
	}
	h &^= tagMask
	if h == 0 {
		return tagMask + 1
	}
	return h
}

// keyer computes state keys, applying symmetry reduction when asked. It
// owns a reusable buffer, so one keyer must not be shared between
// goroutines.
type keyer[S any] struct {
	m   interface{ AppendKey([]byte, S) []byte }
	sym interface{ Canonical(S) S }
	buf []byte
}

func newKeyer[S any](m interface{ AppendKey([]byte, S) []byte }, symmetry bool) keyer[S] {
	k := keyer[S]{m: m, buf: make([]byte, 0, 256)}
	if symmetry {
		if sym, ok := m.(interface{ Canonical(S) S }); ok {
			k.sym = sym
		}
	}
	return k
}

// fp returns the fingerprint of s (of its canonical representative under
// symmetry).
func (k *keyer[S]) fp(s S) uint64 {
	if k.sym != nil {
		s = k.sym.Canonical(s)
	}
	k.buf = k.m.AppendKey(k.buf[:0], s)
	return fingerprint(k.buf)
}

// fmix64 is murmur3's finalizer: a bijection on 64-bit words with full
// avalanche.
func fmix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// Fingerprint returns the 64-bit fingerprint the engines give a state whose
// key (AppendKey, of the canonical representative under symmetry) is key:
// murmur3's finalizer for an 8-byte key, a fixed-seed xxh3 otherwise, with
// the two low bits clear and never 0. Engines outside this package (the
// Beam engine) use it so that their parent choices, and so their traces,
// are this package's.
func Fingerprint(key []byte) uint64 { return fingerprint(key) }

// CollisionProbability bounds the probability that a fingerprint collision
// hid a state among n distinct states (Result.Collision).
func CollisionProbability(n int64) float64 { return collision(n) }
