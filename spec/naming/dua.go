package naming

import "github.com/protocheck/protocheck/model/actor"

// timerRetry is the DUA's retransmission timer.
const timerRetry actor.Timer = 0

var timerNames = []string{"retry"}

// duaActor returns the directory user agent, p0. It asks its queries one
// after another, each first of DSA1 (the DSA it is bound to). In the
// chaining modes one request per query is all it sends; in referral mode
// it follows each referral with a request to the DSA named. A step's
// request is retransmitted when the retry timer fires, up to
// Config.Retries times, each retransmission a new attempt; the first
// answer (or referral) from the DSA asked in the current step ends the
// step (in transitive chaining, an answer from any DSA), and later ones
// are stale and ignored.
func (st *setup) duaActor() actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name:    "DUA",
		Start:   func(c *actor.Ctx[Msg]) Proc { return st.begin(c, Proc{}) },
		Receive: st.duaReceive,
		Timeout: func(c *actor.Ctx[Msg], s Proc, _ actor.Timer) Proc {
			if s.Tries == 0 || int(s.Tries) > st.retries {
				return s
			}
			return st.ask(c, s)
		},
		NoCrash: true,
	}
}

// begin starts query s.Q at DSA1, or ends when every query is answered.
func (st *setup) begin(c *actor.Ctx[Msg], s Proc) Proc {
	s.Target, s.Tries, s.Trace, s.Hops = 0, 0, 0, 0
	if int(s.Q) == len(st.queries) {
		return s // done
	}
	s.Target = dsa1
	return st.ask(c, s)
}

// ask sends attempt s.Tries of the current step's request, and sets the
// retry timer when the run may lose messages and a retransmission is left.
func (st *setup) ask(c *actor.Ctx[Msg], s Proc) Proc {
	m := Msg{Kind: Request, Q: s.Q, Name: st.queries[s.Q], Try: s.Tries, Trace: s.Trace}
	if st.count {
		m.Hops = s.Hops + 1
		s.Sent++
	}
	c.Send(s.Target, m)
	s.Tries++
	if st.retry && int(s.Tries) <= st.retries {
		c.SetTimer(timerRetry)
	}
	return s
}

// duaReceive takes the current step's first answer or referral.
func (st *setup) duaReceive(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
	// In transitive chaining the answer comes from whichever DSA resolved
	// the name; otherwise from the DSA asked.
	fromOK := from == s.Target || (st.mode == ModeTransitive && m.Kind == Answer)
	if s.Tries == 0 || m.Q != s.Q || !fromOK || m.Kind == Request {
		return s // done, or stale: an earlier query's or step's, or another attempt's late copy
	}
	c.CancelTimer(timerRetry)
	if m.Kind == Referral {
		s.Target, s.Trace, s.Hops, s.Tries = m.To, m.Trace, m.Hops, 0
		return st.ask(c, s)
	}
	s.Answers[s.Q] = m.Result
	if st.count {
		s.HopSum += m.Hops
	}
	s.Q++
	return st.begin(c, s)
}
