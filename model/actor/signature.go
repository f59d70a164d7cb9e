package actor

import (
	"bytes"
	"encoding/binary"
	"slices"

	"github.com/protocheck/protocheck/model"
)

// Signatures (see Canonical) order the processes of a symmetry group
// before the search: a process's signature is invariant under the group's
// permutations. They are built in canonScratch, with the message keys
// packed into words when they are short, the usual case, so that sorting
// them is sorting integers.

// signatures sets c.sig and c.sigEnd to, per process, a key that no
// permutation of the symmetry groups changes: its liveness, timers and
// blurred local state, then the sorted blurred keys of the messages it
// sends and receives (in a timed run its clock too).
func (c *canonScratch[P, M]) signatures(sys *System[P, M], s *State[P, M]) {
	c.buildSigs(sys, s, c.collectRefs(sys, s))
}

// buildSigs sorts the message references collected by collectRefs (packed
// when short, else by collectLong) and builds the signatures from them.
func (c *canonScratch[P, M]) buildSigs(sys *System[P, M], s *State[P, M], short bool) {
	words, refs, msgs := c.words, c.refs, c.msgs
	if short {
		sortWords(words)
	} else {
		slices.SortFunc(refs, func(a, b sigRef) int { return a.compare(&b, msgs) })
	}
	sig, ends, pre := c.sig[:0], c.sigEnd[:0], c.sigPre[:0]
	r := 0
	for i := range s.Procs {
		lo := len(sig)
		p := &s.Procs[i]
		sig = model.AppendBool(sig, p.Down)
		sig = model.AppendUint(sig, p.Timers)
		if sys.timed {
			sig = p.clock.appendKey(sig)
		}
		sig = sys.cfg.PermuteLocal(p.Local, sys.blur).AppendKey(sig)
		if short {
			for ; r < len(words) && ID(words[r]>>56) == ID(i); r++ {
				sig = appendPacked(sig, words[r])
			}
		} else {
			for ; r < len(refs) && refs[r].proc == ID(i); r++ {
				sig = model.AppendBytes(sig, msgs[refs[r].lo:refs[r].hi])
			}
		}
		ends = append(ends, int32(len(sig)))
		pre = append(pre, prefixWord(sig[lo:]))
	}
	c.sig, c.sigEnd, c.sigPre = sig, ends, pre
}

// sortWords sorts words: by insertion when they are few (the 'o'
// references come nearly sorted, in network order), else by slices.Sort.
func sortWords(words []uint64) {
	if len(words) > 48 {
		slices.Sort(words)
		return
	}
	for i := 1; i < len(words); i++ {
		w, j := words[i], i
		for ; j > 0 && words[j-1] > w; j-- {
			words[j] = words[j-1]
		}
		words[j] = w
	}
}

// prefixWord packs the first 8 bytes of b big-endian, zero-padded: when
// two words differ, they order as the byte strings do.
func prefixWord(b []byte) uint64 {
	if len(b) >= 8 {
		return binary.BigEndian.Uint64(b)
	}
	var w uint64
	for k := 0; k < 8 && k < len(b); k++ {
		w |= uint64(b[k]) << (56 - 8*k)
	}
	return w
}

// lessSig reports whether a's signature sorts before b's (as bytes.Compare
// orders them, decided by the prefixes when they differ).
func (c *canonScratch[P, M]) lessSig(a, b ID) bool {
	if pa, pb := c.sigPre[a], c.sigPre[b]; pa != pb {
		return pa < pb
	}
	return bytes.Compare(c.sigOf(a), c.sigOf(b)) < 0
}

// sameSig reports whether a and b have equal signatures.
func (c *canonScratch[P, M]) sameSig(a, b ID) bool {
	return c.sigPre[a] == c.sigPre[b] && bytes.Equal(c.sigOf(a), c.sigOf(b))
}

// collectRefs sets c.words to the blurred key of every message in flight,
// seen from each end of its channel ('o' and the blurred receiver at the
// sender, 'i' and the blurred sender at the receiver), packed: one word
// per reference that orders as (process, key) do with bytes.Compare, the
// process in the top byte, then the key's up to 6 bytes, zero-padded, then
// its length in the low byte. It reports false when some key is too long
// to pack, after setting c.msgs and c.refs instead (see collectLong).
func (c *canonScratch[P, M]) collectRefs(sys *System[P, M], s *State[P, M]) bool {
	blur := sys.blur
	words := c.words[:0]
	for i := range s.Net {
		e := &s.Net[i]
		key := sys.cfg.PermuteMsg(e.Msg, blur).AppendKey(c.keys.a[:0])
		c.keys.a = key
		if len(key) > 4 {
			c.collectLong(sys, s)
			return false
		}
		w := uint64(len(key) + 2)
		for k, b := range key {
			w |= uint64(b) << (32 - 8*k)
		}
		words = append(words,
			uint64(e.From)<<56|'o'<<48|uint64(blur[e.To])<<40|w,
			uint64(e.To)<<56|'i'<<48|uint64(blur[e.From])<<40|w)
	}
	c.words = words
	return true
}

// collectLong is collectRefs for long message keys: it puts the keys in
// c.msgs and references to them in c.refs.
func (c *canonScratch[P, M]) collectLong(sys *System[P, M], s *State[P, M]) {
	blur := sys.blur
	msgs, refs := c.msgs[:0], c.refs[:0]
	for _, e := range s.Net {
		m := sys.cfg.PermuteMsg(e.Msg, blur)
		lo := len(msgs)
		msgs = m.AppendKey(append(msgs, 'o', byte(blur[e.To])))
		refs = append(refs, sigRef{e.From, int32(lo), int32(len(msgs))})
		lo = len(msgs)
		msgs = m.AppendKey(append(msgs, 'i', byte(blur[e.From])))
		refs = append(refs, sigRef{e.To, int32(lo), int32(len(msgs))})
	}
	c.msgs, c.refs = msgs, refs
}

// appendPacked appends the key packed in w (see collectRefs) as
// model.AppendBytes would: its length (one byte), then its bytes.
func appendPacked(dst []byte, w uint64) []byte {
	l := len(dst)
	dst = slices.Grow(dst, 8)[:l+8]
	binary.BigEndian.PutUint64(dst[l:], w)
	dst[l] = byte(w) // the length, in place of the process
	return dst[:l+1+int(byte(w))]
}

// sigOf returns process id's signature.
func (c *canonScratch[P, M]) sigOf(id ID) []byte {
	lo := int32(0)
	if id > 0 {
		lo = c.sigEnd[id-1]
	}
	return c.sig[lo:c.sigEnd[id]]
}

// A sigRef is a message key in canonScratch.msgs, msgs[lo:hi], seen from
// one end (proc) of its channel.
type sigRef struct {
	proc   ID
	lo, hi int32
}

// compare orders references by process, then by key.
func (r *sigRef) compare(o *sigRef, msgs []byte) int {
	if r.proc != o.proc {
		return int(r.proc) - int(o.proc)
	}
	return bytes.Compare(msgs[r.lo:r.hi], msgs[o.lo:o.hi])
}
