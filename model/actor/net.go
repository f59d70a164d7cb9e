package actor

import "bytes"

// The network is a slice of envelopes in canonical order: sorted by
// channel (From, To), and within a channel by message key (Unordered,
// Duplicating) or by send order (FIFO). Every step keeps the order, so the
// key never sorts and two runs that put the same multiset of messages in
// flight reach the same key. Envelopes hold no cached key: a message's key
// is computed when it is needed (into reused scratch buffers), which keeps
// an envelope as small as its message and free of pointers when the
// message is, so copying a network is a plain memory copy.

// msgKeys holds reusable buffers for comparing messages by key: b usually
// holds the key of the message being placed, a that of the one it is
// compared with; w holds the packed sort keys of a network (see sortNet).
type msgKeys struct {
	a, b []byte
	w    []uint64
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

// sameEnvelope reports whether a and b are the same message on the same
// channel, due at the same time.
func sameEnvelope[M Message](k *msgKeys, a, b *Envelope[M]) bool {
	return a.From == b.From && a.To == b.To && a.Due == b.Due && compareMsg(k, a.Msg, b.Msg) == 0
}

// removeAt returns a copy of net without net[i].
func removeAt[M Message](net []Envelope[M], i int) []Envelope[M] {
	out := make([]Envelope[M], 0, len(net)-1)
	out = append(out, net[:i]...)
	return append(out, net[i+1:]...)
}

// insertAt returns a copy of net with e inserted before net[i].
func insertAt[M Message](net []Envelope[M], i int, e Envelope[M]) []Envelope[M] {
	out := make([]Envelope[M], 0, len(net)+1)
	out = append(out, net[:i]...)
	out = append(out, e)
	return append(out, net[i:]...)
}

// position returns where e goes in net (already in canonical order), and
// whether an equal envelope is already there (Duplicating only). k.b holds
// e's message key.
func (sys *System[P, M]) position(net []Envelope[M], e *Envelope[M], k *msgKeys) (int, bool) {
	i := len(net)
	for i > 0 {
		prev := &net[i-1]
		c := compareChan(prev, e)
		if c < 0 {
			break
		}
		if c == 0 && sys.cfg.Network == FIFO {
			break
		}
		if c == 0 {
			k.a = prev.Msg.AppendKey(k.a[:0])
			c := bytes.Compare(k.a, k.b)
			if c == 0 && sys.cfg.Network == Duplicating {
				return i - 1, true
			}
			if c <= 0 {
				break
			}
		}
		i--
	}
	return i, false
}

// apply returns s after process id's handler ran: its new local state, its
// timers (in a timed run with their durations), its sends added to the
// network (with net[remove] removed first, if remove >= 0) and its history
// events appended. restart marks the process up again. It never mutates s.
func (sys *System[P, M]) apply(s *State[P, M], id ID, local P, c *Ctx[M], remove int, restart bool) State[P, M] {
	if c.set != 0 && (sys.cfg.Actors[id].Timeout == nil || c.set>>len(sys.cfg.Timers) != 0) {
		panic("actor: " + id.String() + " sets an unknown timer or has no Timeout handler")
	}
	next := *s
	old := &s.Procs[id]
	timers := (old.Timers | c.set) &^ c.cancel
	clk := old.clock
	if sys.timed {
		clk = clk.apply(c.set, c.cancel, &c.after, c.deadline)
	}
	if restart || timers != old.Timers || clk != old.clock || !sameLocal(old.Local, local, &c.keys) {
		next.Procs = make([]Proc[P], len(s.Procs))
		copy(next.Procs, s.Procs)
		p := &next.Procs[id]
		p.Local, p.Timers, p.clock = local, timers, clk
		p.Down = false // restart: up again; otherwise it was up
	}
	if remove >= 0 || len(c.sends) > 0 {
		next.Net = sys.send(s.Net, remove, c)
	}
	if len(c.events) > 0 {
		next.History = append(s.History[:len(s.History):len(s.History)], c.events...)
	}
	return next
}

// sameLocal reports whether a handler left a process's local state as it
// was (with its timers unchanged, the successor then shares its
// predecessor's Procs instead of copying them). Equal keys mean equal
// values (see Value).
func sameLocal[P Value](old, local P, k *msgKeys) bool {
	k.a = old.AppendKey(k.a[:0])
	k.b = local.AppendKey(k.b[:0])
	return bytes.Equal(k.a, k.b)
}

// send returns a new network: net without net[remove] (if remove >= 0) and
// with c's sends inserted in canonical order.
func (sys *System[P, M]) send(net []Envelope[M], remove int, c *Ctx[M]) []Envelope[M] {
	out := make([]Envelope[M], 0, len(net)+len(c.sends))
	if remove >= 0 {
		out = append(out, net[:remove]...)
		out = append(out, net[remove+1:]...)
	} else {
		out = append(out, net...)
	}
	k := &c.keys
	for j := range c.sends {
		e := &c.sends[j]
		if sys.timed {
			e.Due = uint8(sys.cfg.Time.MaxDelay)
		}
		k.b = e.Msg.AppendKey(k.b[:0])
		if c.resend[j] && inFlight(out, e, k) {
			continue
		}
		i, dup := sys.position(out, e, k)
		if dup {
			continue
		}
		out = append(out, *e)
		copy(out[i+1:], out[i:])
		out[i] = *e
	}
	return out
}

// inFlight reports whether an envelope equal to e is in net, whatever its
// Due (in a timed run the copy in flight is due no later than e would be,
// so it stands for e: see Ctx.Resend). k.b holds e's
// message key.
func inFlight[M Message](net []Envelope[M], e *Envelope[M], k *msgKeys) bool {
	for i := range net {
		if p := &net[i]; p.From == e.From && p.To == e.To {
			k.a = p.Msg.AppendKey(k.a[:0])
			if bytes.Equal(k.a, k.b) {
				return true
			}
		}
	}
	return false
}

// withNet returns s with its network replaced.
func (sys *System[P, M]) withNet(s *State[P, M], net []Envelope[M]) State[P, M] {
	next := *s
	next.Net = net
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
		if i > 0 && sameEnvelope(&c.keys, &s.Net[i-1], e) {
			continue // the same step as for the previous, equal message
		}
		if canDrop {
			next := sys.withNet(s, removeAt(s.Net, i))
			next.Used.Drop++
			yield(Action[M]{Kind: Drop, From: e.From, To: e.To, Msg: e.Msg}, next)
		}
		if canDup {
			next := sys.withNet(s, insertAt(s.Net, i+1, *e))
			next.Used.Dup++
			yield(Action[M]{Kind: Dup, From: e.From, To: e.To, Msg: e.Msg}, next)
		}
	}
}
