package actor

import "bytes"

// Plain steps. Interning pays when vectors repeat: twopc with 4
// participants builds a new process vector or network for 0.2% of its
// look-ups. When most steps make vectors no state had before (Lamport's
// mutual exclusion, whose clocks are in every process, makes one for about
// a fifth of its look-ups), the cache's entries and look-ups cost more than
// the sharing saves. So a System counts its look-ups and the entries they
// create, and once it has seen plainAfter look-ups of which more than one
// in plainRatio created an entry, it turns plain for good: its steps copy
// vectors as they change, without entries, and keys are computed from the
// contents (appendKey's slow path). Both ways give equal states in equal
// order: which one a run takes changes its speed and memory only.

// The rule for turning plain: after plainAfter look-ups, more than one in
// plainRatio created an entry. Counts reach the System after every Next
// call until then, and every accountEvery look-ups of a scratch after.
const (
	plainAfter   = 1 << 16
	plainRatio   = 8
	accountEvery = 1 << 12
)

// account adds c's counts of look-ups and new entries to the System's and
// turns the System plain when the rule says so, dropping its caches.
func (sys *System[P, M]) account(c *Ctx[M]) {
	l, n := sys.caches.lookups.Add(c.lookups), sys.caches.creates.Add(c.creates)
	c.lookups, c.creates = 0, 0
	if l >= plainAfter && n*plainRatio > l && !sys.caches.plain.Swap(true) {
		// The tables will not be read again: let their entries go.
		sys.caches.procs.table.Store(nil)
		sys.caches.nets.table.Store(nil)
	}
}

// plainApply is apply for a plain System (see apply).
func (sys *System[P, M]) plainApply(s *State[P, M], id ID, local P, c *Ctx[M], remove int) State[P, M] {
	next := *s
	old := &s.Procs[id]
	p := Proc[P]{Local: local, Timers: (old.Timers | c.set) &^ c.cancel, clock: old.clock}
	if sys.timed {
		p.clock = p.clock.apply(c.set, c.cancel, &c.after, c.deadline)
	}
	sys.plainSetProc(&next, s, id, &p, &c.keys)
	if remove >= 0 || len(c.sends) > 0 {
		next.Net, next.ne = sys.plainSend(s.Net, remove, c), nil
	}
	if len(c.events) > 0 {
		next.History = append(s.History[:len(s.History):len(s.History)], c.events...)
	}
	return next
}

// plainSetProc sets next's processes to s's with process id replaced by p,
// a copy unless that changes nothing.
func (sys *System[P, M]) plainSetProc(next, s *State[P, M], id ID, p *Proc[P], k *msgKeys) {
	k.a = appendProcKey(k.a[:0], &s.Procs[id], sys.timed)
	k.b = appendProcKey(k.b[:0], p, sys.timed)
	if bytes.Equal(k.a, k.b) {
		return
	}
	next.Procs, next.pe = clone(s.Procs), nil
	next.Procs[id] = *p
}

// plainSend returns a new network: net without net[remove] (if remove >=
// 0) and with c's sends inserted in canonical order (see send).
func (sys *System[P, M]) plainSend(net []Envelope[M], remove int, c *Ctx[M]) []Envelope[M] {
	out := c.net[:0]
	for i := range net {
		if i != remove {
			out = append(out, net[i])
		}
	}
	k := &c.keys
	for j := range c.sends {
		e := c.sends[j]
		if sys.timed {
			e.Due = uint8(sys.cfg.Time.MaxDelay)
		}
		k.b = e.Msg.AppendKey(k.b[:0])
		if c.resend[j] && plainInFlight(out, &e, k) {
			continue
		}
		i, equal := sys.plainPlace(out, &e, k)
		if equal && sys.cfg.Network == Duplicating {
			continue
		}
		out = append(out, e)
		copy(out[i+1:], out[i:])
		out[i] = e
	}
	c.net = out
	return clone(out)
}

// plainPlace returns where e goes in net (in canonical order): after every
// envelope that is not greater; and whether the one before it is an equal
// message on the same channel. k.b holds e's message key.
func (sys *System[P, M]) plainPlace(net []Envelope[M], e *Envelope[M], k *msgKeys) (int, bool) {
	i := len(net)
	for ; i > 0; i-- {
		prev := &net[i-1]
		c := compareChan(prev, e)
		if c == 0 && sys.cfg.Network != FIFO {
			k.a = prev.Msg.AppendKey(k.a[:0])
			c = bytes.Compare(k.a, k.b)
		}
		if c <= 0 {
			return i, c == 0 && sys.cfg.Network != FIFO
		}
	}
	return 0, false
}

// plainInFlight reports whether net holds a message with e's key on e's
// channel (see inFlight). k.b holds e's message key.
func plainInFlight[M Message](net []Envelope[M], e *Envelope[M], k *msgKeys) bool {
	for i := range net {
		if p := &net[i]; compareChan(p, e) == 0 {
			k.a = p.Msg.AppendKey(k.a[:0])
			if bytes.Equal(k.a, k.b) {
				return true
			}
		}
	}
	return false
}

// plainWithNet is withNet for a plain System.
func (sys *System[P, M]) plainWithNet(s *State[P, M], i int, dup bool) State[P, M] {
	next := *s
	var net []Envelope[M]
	if dup {
		net = make([]Envelope[M], 0, len(s.Net)+1)
		net = append(append(net, s.Net[:i+1]...), s.Net[i:]...)
	} else if len(s.Net) > 1 {
		net = make([]Envelope[M], 0, len(s.Net)-1)
		net = append(append(net, s.Net[:i]...), s.Net[i+1:]...)
	}
	next.Net, next.ne = net, nil
	return next
}

// sameAsPrev reports whether Net[i] is Net[i-1] again: the same message on
// the same channel, due at the same time (a step on it is the step on the
// one before).
func (sys *System[P, M]) sameAsPrev(s *State[P, M], i int, c *Ctx[M]) bool {
	if ne := s.netCached(sys.timed); ne != nil {
		return bytes.Equal(ne.seg(i-1), ne.seg(i))
	}
	a, b := &s.Net[i-1], &s.Net[i]
	return a.From == b.From && a.To == b.To && a.Due == b.Due && compareMsg(&c.keys, a.Msg, b.Msg) == 0
}
