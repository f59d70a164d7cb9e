package actor

import "math/bits"

// sendGraph is what a state tells about who may yet send to whom (see
// Reduction.MaySend), as bit sets of process ids.
type sendGraph struct {
	may    [MaxProcs]uint64 // may[a]: the processes a may send to at any point (SendsAny)
	after  [MaxProcs]uint64 // after[a]: those a sends to only once it has received (SendsAfterReceive)
	reply  [MaxProcs]uint64 // reply[a]: those a sends to only in reply to them (SendsInReply)
	into   [MaxProcs]uint64 // into[a]: the processes with a message to a in flight
	inbox  uint64           // the processes with a message to them in flight
	active uint64           // the processes that may act on their own: a message to them in flight, a timer set, a restart to come
}

// sendGraph computes s's send graph.
func (sys *System[P, M]) sendGraph(s *State[P, M]) sendGraph {
	var g sendGraph
	for i := range s.Net {
		e := &s.Net[i]
		g.into[e.To] |= 1 << e.From
		g.inbox |= 1 << e.To
	}
	g.active = g.inbox
	may := sys.cfg.Reduction.MaySend
	for a := range ID(sys.n) {
		restart := sys.mayRestart(s, a)
		if s.Procs[a].Timers != 0 || restart {
			g.active |= 1 << a
		}
		for q := range ID(sys.n) {
			if q == a {
				continue
			}
			ans := SendsAny
			if may != nil {
				ans = may(a, s.Procs[a].Local, q, restart)
			}
			switch ans {
			case SendsNever:
			case SendsInReply:
				g.reply[a] |= 1 << q
			case SendsAfterReceive:
				g.after[a] |= 1 << q
			default:
				g.may[a] |= 1 << q
			}
		}
	}
	return g
}

// reaches reports whether some process may send to p before p takes a
// step. It computes the processes that may act before p and those that
// may receive a message before p moves (p excepted: the least fixed
// point). A process acts if it is active on its own or receives; it
// receives if a message to it is in flight or an acting process may send
// to it: at any point, only after a receive of its own (if it receives),
// or only in reply, after a message from the receiver (in flight now, or
// sent by an acting process: p sends nothing before it moves).
func (g *sendGraph) reaches(p ID) bool {
	self := uint64(1) << p
	recv := g.inbox &^ self
	acting := (g.active | recv) &^ self
	for {
		grown := recv
		for a := acting; a != 0; a &= a - 1 {
			grown |= g.sendsTo(bits.TrailingZeros64(a), recv, acting)
		}
		grown &^= self
		if grown == recv && acting|grown == acting {
			break
		}
		recv, acting = grown, acting|grown
	}
	for a := acting; a != 0; a &= a - 1 {
		if g.sendsTo(bits.TrailingZeros64(a), recv, acting)&self != 0 {
			return true
		}
	}
	return false
}

// sendsTo returns the processes a may send to while the processes in recv
// may receive and those in acting may act.
func (g *sendGraph) sendsTo(a int, recv, acting uint64) uint64 {
	to := g.may[a] | g.reply[a]&(g.into[a]|acting)
	if recv&(1<<a) != 0 {
		to |= g.after[a]
	}
	return to
}

// mayRestart reports whether process a may yet restart in a run from s:
// it may restart, and it is down or may still crash.
func (sys *System[P, M]) mayRestart(s *State[P, M], a ID) bool {
	act, f := &sys.cfg.Actors[a], &sys.cfg.Faults
	if act.NoRestart || int(s.Used.Restart) >= f.Restart {
		return false
	}
	return s.Procs[a].Down || (!act.NoCrash && int(s.Used.Crash) < f.Crash)
}

// absorbs reports whether one of p's steps in w.own sends a message that
// a copy in flight absorbs (Ctx.Resend, or any send on a Duplicating
// network). Such a step does not commute with a delivery or drop of that
// copy: taken after it, the message is sent again. It compares each step
// with the same step from s without p's messages to others in flight: a
// step sends as many more messages there as it absorbs here.
func (sys *System[P, M]) absorbs(s *State[P, M], p ID, w *porSteps[P, M]) bool {
	out := outgoing(s, p)
	if out == 0 {
		return false
	}
	bare := State[P, M]{Procs: s.Procs, Used: s.Used, Ticks: s.Ticks, Cut: s.Cut, History: s.History}
	for _, e := range s.Net {
		if e.From != p || e.To == p {
			bare.Net = append(bare.Net, e)
		}
	}
	j, absorbed := 0, false
	sys.Next(bare, func(a Action[M], t State[P, M]) {
		if a.subject() != p || absorbed {
			return
		}
		if j >= len(w.own) || !sameStep(&a, &w.acts[w.own[j]], &w.ka, &w.kb) ||
			outgoing(&w.nexts[w.own[j]], p) != out+outgoing(&t, p) {
			absorbed = true // a mismatch too: the safe answer
		}
		j++
	})
	return absorbed || j != len(w.own)
}

// outgoing counts the messages from p to other processes in flight in s.
func outgoing[P Value, M Message](s *State[P, M], p ID) int {
	n := 0
	for i := range s.Net {
		if e := &s.Net[i]; e.From == p && e.To != p {
			n++
		}
	}
	return n
}

// sameStep reports whether a and b are the same step (label), using ka and
// kb as scratch for the messages' keys.
func sameStep[M Message](a, b *Action[M], ka, kb *[]byte) bool {
	if a.Kind != b.Kind || a.From != b.From || a.To != b.To || a.Timer != b.Timer || a.Choice != b.Choice || a.Lost != b.Lost {
		return false
	}
	if a.Kind != Deliver && a.Kind != Drop && a.Kind != Dup {
		return true // no message
	}
	*ka = a.Msg.AppendKey((*ka)[:0])
	*kb = b.Msg.AppendKey((*kb)[:0])
	return string(*ka) == string(*kb)
}
