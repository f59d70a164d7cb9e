package actor

import "strings"

// The network is a slice of envelopes in canonical order: sorted by
// channel (From, To), and within a channel by message key (Unordered,
// Duplicating) or by send order (FIFO). Every step keeps the order, so the
// key never sorts and two runs that put the same multiset of messages in
// flight reach the same key. Each envelope caches its message's key,
// computed once when the message is sent.

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
// channel.
func sameEnvelope[M Message](a, b *Envelope[M]) bool {
	return a.From == b.From && a.To == b.To && a.key == b.key
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
// whether an equal envelope is already there (Duplicating only).
func (sys *System[P, M]) position(net []Envelope[M], e *Envelope[M]) (int, bool) {
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
			k := strings.Compare(prev.key, e.key)
			if k == 0 && sys.cfg.Network == Duplicating {
				return i - 1, true
			}
			if k <= 0 {
				break
			}
		}
		i--
	}
	return i, false
}

// apply returns s after process id's handler ran: its new local state, its
// timers, its sends added to the network (with net[remove] removed first,
// if remove >= 0) and its history events appended. restart marks the
// process up again. It never mutates s.
func (sys *System[P, M]) apply(s *State[P, M], id ID, local P, c *Ctx[M], remove int, restart bool) State[P, M] {
	if c.set != 0 && (sys.cfg.Actors[id].Timeout == nil || c.set>>len(sys.cfg.Timers) != 0) {
		panic("actor: " + id.String() + " sets an unknown timer or has no Timeout handler")
	}
	next := *s
	next.Procs = make([]Proc[P], len(s.Procs))
	copy(next.Procs, s.Procs)
	p := &next.Procs[id]
	p.Local = local
	p.Timers = (p.Timers | c.set) &^ c.cancel
	if restart {
		p.Down = false
	}
	if remove >= 0 || len(c.sends) > 0 {
		next.Net = sys.send(s.Net, remove, c.sends)
	}
	if len(c.events) > 0 {
		next.History = append(s.History[:len(s.History):len(s.History)], c.events...)
	}
	return next
}

// send returns a new network: net without net[remove] (if remove >= 0) and
// with sends inserted in canonical order.
func (sys *System[P, M]) send(net []Envelope[M], remove int, sends []Envelope[M]) []Envelope[M] {
	out := make([]Envelope[M], 0, len(net)+len(sends))
	if remove >= 0 {
		out = append(out, net[:remove]...)
		out = append(out, net[remove+1:]...)
	} else {
		out = append(out, net...)
	}
	var buf [64]byte
	for _, e := range sends {
		e.key = string(e.Msg.AppendKey(buf[:0]))
		if e.resend && inFlight(out, &e) {
			continue
		}
		e.resend = false
		i, dup := sys.position(out, &e)
		if dup {
			continue
		}
		out = append(out, e)
		copy(out[i+1:], out[i:])
		out[i] = e
	}
	return out
}

// inFlight reports whether an envelope equal to e is in net.
func inFlight[M Message](net []Envelope[M], e *Envelope[M]) bool {
	for i := range net {
		if sameEnvelope(&net[i], e) {
			return true
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
func (sys *System[P, M]) netFaults(s *State[P, M], yield func(Action[M], State[P, M])) {
	f := sys.cfg.Faults
	canDrop := int(s.Used.Drop) < f.Drop
	canDup := int(s.Used.Dup) < f.Dup && sys.cfg.Network != Duplicating
	if !canDrop && !canDup {
		return
	}
	for i := range s.Net {
		e := &s.Net[i]
		if i > 0 && sameEnvelope(&s.Net[i-1], e) {
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
