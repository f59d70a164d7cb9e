package naming

import "github.com/protocheck/protocheck/model/actor"

// dsaActor returns directory service agent id (p1..p3).
func (st *setup) dsaActor(id actor.ID) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name:  "DSA" + string(rune('0'+id)),
		Start: func(*actor.Ctx[Msg]) Proc { return Proc{DSA: true} },
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			switch m.Kind {
			case Request:
				return st.request(c, id, s, from, m)
			case Answer:
				return st.relay(c, s, m)
			}
			return s
		},
		NoCrash: true,
	}
}

// hop returns the hop count of a message sent on after one with h hops.
func (st *setup) hop(h uint8) uint8 {
	if !st.count {
		return 0
	}
	return h + 1
}

// send sends m to to, counting it.
func (st *setup) send(c *actor.Ctx[Msg], s *Proc, to actor.ID, m Msg) {
	if st.count {
		s.Sent++
	}
	c.Send(to, m)
}

// request handles a request for a name, in the order the text's DSA takes:
// loop detection (its own name in the trace), its cache, then its own
// knowledge, which gives the answer or the DSA to pass the request on to.
// Recursive chaining passes it on and remembers whom to answer; transitive
// chaining passes it on and forgets it (the DSA that resolves the name
// answers the DUA directly); referral answers the DUA with the DSA to ask.
func (st *setup) request(c *actor.Ctx[Msg], self actor.ID, s Proc, from actor.ID, m Msg) Proc {
	replyTo := from
	if st.mode == ModeTransitive {
		replyTo = dua
	}
	reply := func(r Result) {
		st.send(c, &s, replyTo, Msg{Kind: Answer, Q: m.Q, Name: m.Name, Try: m.Try, Hops: st.hop(m.Hops), Result: r})
	}
	if m.Trace&(1<<self) != 0 {
		if st.detect {
			reply(LoopError)
			return s
		}
		s.Revisit = true // passed on below: nothing ends the loop
	}
	if st.cache && s.Cache[m.Name] != NoResult {
		reply(s.Cache[m.Name])
		return s
	}
	res, next := st.resolved[self][m.Name].res, st.resolved[self][m.Name].next
	if res != NoResult {
		reply(res)
		return s
	}
	on := Msg{Kind: Request, Q: m.Q, Name: m.Name, Try: m.Try, Trace: m.Trace | 1<<self, Hops: st.hop(m.Hops)}
	switch st.mode {
	case ModeRecursive:
		s.Pending |= pendingBit(m.Q, m.Try, from)
		s.Peak = max(s.Peak, uint8(s.remembered()))
		st.send(c, &s, next, on)
	case ModeTransitive:
		st.send(c, &s, next, on)
	default:
		on.Kind, on.To = Referral, next
		st.send(c, &s, from, on)
	}
	return s
}

// relay passes an answer back to every process it chained the request for
// (recursive chaining), forgets the request, and caches an entry or a
// not-found when caching is on. An answer it no longer waits for (a late
// copy) is ignored.
func (st *setup) relay(c *actor.Ctx[Msg], s Proc, m Msg) Proc {
	matched := false
	for to := actor.ID(0); to < numProcs; to++ {
		if bit := pendingBit(m.Q, m.Try, to); s.Pending&bit != 0 {
			s.Pending &^= bit
			matched = true
			out := m
			out.Hops = st.hop(m.Hops)
			st.send(c, &s, to, out)
		}
	}
	if matched && st.cache && (m.Result == NotFound || m.Result >= firstEntry) {
		s.Cache[m.Name] = m.Result
	}
	return s
}
