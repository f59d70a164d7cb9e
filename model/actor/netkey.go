package actor

import (
	"bytes"
	"encoding/binary"

	"github.com/protocheck/protocheck/model"
)

// Steps build a successor's network from the parts of the keys: an
// envelope's part of the state key (appendEnvKey) holds its channel and
// its message's key, which is all the canonical order compares. A step
// removes at most one envelope and adds its sends, so the new network is
// the parent's, one part cut out, with the sends' parts merged in at
// their places (netAdd); its key is built by copying runs of the parent's
// key, and the envelopes are copied only when the cache does not hold the
// network.

// A netAdd is a message a step adds to a network: it goes before the
// parent network's envelope pos (after all of them when pos is their
// number), and after the other adds with the same pos that are not
// greater than it in canonical order.
type netAdd struct {
	pos  int    // where it goes, among the parent's envelopes
	send int    // Ctx.sends index; -1 - i for a copy of the parent's envelope i (dup)
	seg  []byte // its part of the key
	msg  []byte // its message's key, inside seg
}

// stepInput appends what decides a step's network besides the envelope
// it removes (the memo's index, see memo.go): the number of messages it
// sends, their Resend flags and their parts of the key, sendKey.
func stepInput(dst []byte, resend []bool, sendKey []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(resend)))
	for _, r := range resend {
		dst = append(dst, boolByte(r))
	}
	return append(dst, sendKey...)
}

// boolByte returns 1 for true, 0 for false.
func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// segAt returns the envelope's part of the key that b starts with.
func segAt(b []byte, timed bool) []byte {
	n, l := binary.Uvarint(b[2:])
	if timed {
		return b[:2+l+int(n)+1]
	}
	return b[:2+l+int(n)]
}

// msgOf returns the message's key inside seg, an envelope's part of the
// key: after the channel and the length, before a timed run's Due.
func msgOf(seg []byte) []byte {
	n, l := binary.Uvarint(seg[2:])
	return seg[2+l : 2+l+int(n)]
}

// compareEnv orders two envelopes' parts of the key as the network does:
// by channel, then (but under FIFO) by message key.
func (sys *System[P, M]) compareEnv(a, amsg, b, bmsg []byte) int {
	if c := int(a[0]) - int(b[0]); c != 0 {
		return c
	}
	if c := int(a[1]) - int(b[1]); c != 0 || sys.cfg.Network == FIFO {
		return c
	}
	return bytes.Compare(amsg, bmsg)
}

// place returns where an envelope with key part seg (message key msg)
// goes among pe's envelopes but net[remove]: before the first that is
// greater. With it, equal reports whether an equal message is there on
// the same channel, at that place or among adds (Duplicating only).
func (sys *System[P, M]) place(pe *netEntry[M], remove int, adds []netAdd, seg, msg []byte) (pos int, equal bool) {
	pos = len(pe.net)
	for pos > 0 {
		if pos-1 != remove {
			s := pe.seg(pos - 1)
			c := sys.compareEnv(s, msgOf(s), seg, msg)
			if c <= 0 {
				equal = c == 0 && sys.cfg.Network == Duplicating
				break
			}
		}
		pos--
	}
	if sys.cfg.Network == Duplicating && !equal {
		for i := range adds {
			equal = equal || sys.compareEnv(adds[i].seg, adds[i].msg, seg, msg) == 0
		}
	}
	return pos, equal
}

// inFlight reports whether pe's envelopes but net[remove], or adds, hold
// a message with key msg on the channel seg starts with, whatever its Due
// (in a timed run the copy in flight is due no later than the new one
// would be, so it stands for it: see Ctx.Resend).
func inFlight[M Message](pe *netEntry[M], remove int, adds []netAdd, seg, msg []byte) bool {
	for i := range pe.net {
		if s := pe.seg(i); i != remove && s[0] == seg[0] && s[1] == seg[1] && bytes.Equal(msgOf(s), msg) {
			return true
		}
	}
	for i := range adds {
		if s := adds[i].seg; s[0] == seg[0] && s[1] == seg[1] && bytes.Equal(adds[i].msg, msg) {
			return true
		}
	}
	return false
}

// insertAdd inserts a into adds (kept in the order the network takes them)
// and returns adds.
func (sys *System[P, M]) insertAdd(adds []netAdd, a netAdd) []netAdd {
	k := len(adds)
	for k > 0 && (adds[k-1].pos > a.pos ||
		adds[k-1].pos == a.pos && sys.compareEnv(adds[k-1].seg, adds[k-1].msg, a.seg, a.msg) > 0) {
		k--
	}
	adds = append(adds, a)
	copy(adds[k+1:], adds[k:])
	adds[k] = a
	return adds
}

// buildNet returns the cached network equal to pe's without net[remove]
// (if remove >= 0) and with adds merged in, building it on a miss, and its
// entry. The adds that are sends come from c.sends.
func (sys *System[P, M]) buildNet(pe *netEntry[M], remove int, adds []netAdd, c *Ctx[M]) ([]Envelope[M], *netEntry[M]) {
	n := len(pe.net) + len(adds)
	rlo, rhi := -1, -1
	if remove >= 0 {
		n--
		rlo, rhi = pe.start(remove, len(pe.net)), pe.end(remove)
	}
	k := &c.keys
	k.n = model.AppendUint(k.n[:0], uint64(n))
	cur := pe.start(0, len(pe.net))
	for _, a := range adds {
		at := pe.start(a.pos, len(pe.net)) // the end of the key for a.pos = len(pe.net)
		k.n, cur = copyKey(k.n, pe.key, cur, at, rlo, rhi), at
		k.n = append(k.n, a.seg...)
	}
	k.n = copyKey(k.n, pe.key, cur, len(pe.key), rlo, rhi)
	h := hashKey(k.n)
	r := recent(&c.recent, h)
	if e := *r; e != nil && e.hash == h && bytes.Equal(e.key, k.n) {
		return e.net, e
	}
	e := sys.caches.nets.find(h, k.n)
	if e == nil {
		e = sys.newNet(pe, remove, adds, c, n, h)
		c.creates++
	}
	*r = e
	return e.net, e
}

// copyKey appends key[from:to] without key[rlo:rhi] (the part of a removed
// envelope) to dst.
func copyKey(dst, key []byte, from, to, rlo, rhi int) []byte {
	if rlo >= from && rlo < to {
		dst = append(dst, key[from:rlo]...)
		return append(dst, key[rhi:to]...)
	}
	return append(dst, key[from:to]...)
}

// newNet builds the network buildNet describes, whose key (of hash h) is
// in c.keys.n, and adds it to the cache.
func (sys *System[P, M]) newNet(pe *netEntry[M], remove int, adds []netAdd, c *Ctx[M], n int, h uint64) *netEntry[M] {
	var net []Envelope[M]
	if n > 0 {
		net = make([]Envelope[M], 0, n)
	}
	a := 0
	for i := 0; i <= len(pe.net); i++ {
		for ; a < len(adds) && adds[a].pos == i; a++ {
			if s := adds[a].send; s >= 0 {
				net = append(net, c.sends[s])
			} else {
				net = append(net, pe.net[-1-s])
			}
		}
		if i < len(pe.net) && i != remove {
			net = append(net, pe.net[i])
		}
	}
	ends := c.keys.ends[:0]
	end := uvarintLen(uint64(n))
	for i := range net {
		c.keys.a = appendEnvKey(c.keys.a[:0], &net[i], sys.timed)
		end += len(c.keys.a)
		ends = append(ends, int32(end))
	}
	c.keys.ends = ends
	e := &netEntry[M]{keyed: newKeyed(h, c.keys.n, ends), net: net, timed: sys.timed}
	e.memo.init(2*n + 1)
	sys.caches.nets.add(e)
	return e
}
