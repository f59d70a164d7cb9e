package actor

import "bytes"

// The network is a slice of envelopes in canonical order: sorted by
// channel (From, To), and within a channel by message key (Unordered,
// Duplicating) or by send order (FIFO). Every step keeps the order, so the
// key never sorts and two runs that put the same multiset of messages in
// flight reach the same key. Envelopes hold no key: the key of a network
// the System's cache holds is kept with it (see intern.go), and a step
// builds its successor's network from those keys (see netkey.go). An
// envelope stays as small as its message and free of pointers when the
// message is.

// msgKeys holds reusable buffers for comparing messages by key: b usually
// holds the key of the message being placed, a that of the one it is
// compared with; w holds the packed sort keys of a network (see sortNet).
// p and n hold the key of the process vector and of the network being
// built (see vectors.go), ends where each part of either ends.
type msgKeys struct {
	a, b []byte
	w    []uint64
	p, n []byte
	ends []int32
	m    []byte // a step's input, for memos (see memo.go)
}

// compareMsg compares x and y by key (the order of the network).
func compareMsg[M Message](k *msgKeys, x, y M) int {
	k.a = x.AppendKey(k.a[:0])
	k.b = y.AppendKey(k.b[:0])
	return bytes.Compare(k.a, k.b)
}

// compareChan orders envelopes by channel.
func compareChan[M Message](a, b *Envelope[M]) int {
	switch {
	case a.From != b.From:
		return int(a.From) - int(b.From)
	case a.To != b.To:
		return int(a.To) - int(b.To)
	}
	return 0
}

// apply returns s after process id's handler ran: its new local state, its
// timers (in a timed run with their durations), its sends added to the
// network (with net[remove] removed first, if remove >= 0) and its history
// events appended. The process is up (a restart brings it up; other
// handlers run only on live processes). It never mutates s, whose vectors
// must be cached (see System.intern).
func (sys *System[P, M]) apply(s *State[P, M], id ID, local P, w *scratch[P, M], remove int) State[P, M] {
	c := &w.c
	if c.set != 0 && (sys.cfg.Actors[id].Timeout == nil || c.set>>len(sys.cfg.Timers) != 0) {
		panic("actor: " + id.String() + " sets an unknown timer or has no Timeout handler")
	}
	if c.plain {
		return sys.plainApply(s, id, local, c, remove)
	}
	next := *s
	old := &s.Procs[id]
	p := Proc[P]{Local: local, Timers: (old.Timers | c.set) &^ c.cancel, clock: old.clock}
	if sys.timed {
		p.clock = p.clock.apply(c.set, c.cancel, &c.after, c.deadline)
	}
	next.Procs, next.pe = sys.setProc(s, id, &p, w)
	if remove >= 0 || len(c.sends) > 0 {
		next.Net, next.ne = sys.send(s, remove, c)
	}
	if len(c.events) > 0 {
		next.History = append(s.History[:len(s.History):len(s.History)], c.events...)
	}
	return next
}

// send returns the cached network equal to s's without Net[remove] (if
// remove >= 0) and with c's sends added in canonical order, and its entry.
// It works on the parts of the keys (see netkey.go): a network the cache
// holds is found without building it.
func (sys *System[P, M]) send(s *State[P, M], remove int, c *Ctx[M]) ([]Envelope[M], *netEntry[M]) {
	c.sendKey = c.sendKey[:0]
	for j := range c.sends {
		e := &c.sends[j]
		if sys.timed {
			e.Due = uint8(sys.cfg.Time.MaxDelay)
		}
		c.sendKey = appendEnvKey(c.sendKey, e, sys.timed)
	}
	k := &c.keys
	k.m = stepInput(k.m[:0], c.resend, c.sendKey)
	c.lookups++
	if e := s.ne.memo.find(remove+1, k.m); e != nil {
		return e.net, e
	}
	adds, rest := c.adds[:0], c.sendKey
	for j := range c.sends {
		seg := segAt(rest, sys.timed)
		rest = rest[len(seg):]
		msg := msgOf(seg)
		if c.resend[j] && inFlight(s.ne, remove, adds, seg, msg) {
			continue
		}
		pos, dup := sys.place(s.ne, remove, adds, seg, msg)
		if dup {
			continue
		}
		adds = sys.insertAdd(adds, netAdd{pos: pos, send: j, seg: seg, msg: msg})
	}
	c.adds = adds
	net, e := sys.buildNet(s.ne, remove, adds, c)
	s.ne.memo.add(remove+1, k.m, e)
	return net, e
}

// withNet returns s with Net[i] removed (dup false) or repeated (dup
// true), the network taken from the cache.
func (sys *System[P, M]) withNet(s *State[P, M], i int, dup bool, c *Ctx[M]) State[P, M] {
	if c.plain {
		return sys.plainWithNet(s, i, dup)
	}
	next := *s
	k := &c.keys
	at := i + 1 // the index of a step that removes net[i] and sends nothing
	k.m = stepInput(k.m[:0], nil, nil)
	if dup {
		at = len(s.Net) + 1 + i // a dup of net[i]
	}
	c.lookups++
	if e := s.ne.memo.find(at, k.m); e != nil {
		next.Net, next.ne = e.net, e
		return next
	}
	if dup {
		seg := s.ne.seg(i)
		c.adds = append(c.adds[:0], netAdd{pos: i + 1, send: -1 - i, seg: seg, msg: msgOf(seg)})
		next.Net, next.ne = sys.buildNet(s.ne, -1, c.adds, c)
	} else {
		next.Net, next.ne = sys.buildNet(s.ne, i, nil, c)
	}
	s.ne.memo.add(at, k.m, next.ne)
	return next
}

// netFaults yields the drop and dup steps the budgets allow.
func (sys *System[P, M]) netFaults(s *State[P, M], c *Ctx[M], yield func(Action[M], State[P, M])) {
	f := sys.cfg.Faults
	canDrop := int(s.Used.Drop) < f.Drop
	canDup := int(s.Used.Dup) < f.Dup && sys.cfg.Network != Duplicating
	if !canDrop && !canDup {
		return
	}
	for i := range s.Net {
		e := &s.Net[i]
		if i > 0 && sys.sameAsPrev(s, i, c) {
			continue // the same step as for the previous, equal message
		}
		if canDrop {
			next := sys.withNet(s, i, false, c)
			next.Used.Drop++
			yield(Action[M]{Kind: Drop, From: e.From, To: e.To, Msg: e.Msg}, next)
		}
		if canDup {
			next := sys.withNet(s, i, true, c)
			next.Used.Dup++
			yield(Action[M]{Kind: Dup, From: e.From, To: e.To, Msg: e.Msg}, next)
		}
	}
}
