package twopc

import (
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// participant returns the behaviour of p1..pN under cfg.
func participant(cfg Config) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name: "participant",
		// INIT waits for the vote request, with a timer.
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.SetTimer(timerVote)
			return Proc{}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			switch m.Kind {
			case Prepare:
				return vote(c, s)
			case Commit, Abort:
				if s.Phase == PhaseInit || s.Phase == PhaseReady {
					c.CancelTimer(timerVote)
					c.CancelTimer(timerAsk)
					return s.decide(decisionPhase(m.Kind))
				}
			case DecisionReq:
				return answer(c, s, from)
			}
			return s
		},
		// INIT times out: no vote request came; abort unilaterally (it has
		// not voted, so it may). READY times out: ask the coordinator, and
		// keep asking until a decision arrives. A request still in flight
		// is not sent twice (Resend), so the retry loop keeps the state
		// space finite. (Only a recovering participant also asks its
		// peers: see partRecover.)
		Timeout: func(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
			if t == timerVote {
				return s.decide(PhaseAbort)
			}
			if cfg.Variant == VariantReadyAborts {
				return s.decide(PhaseAbort) // the bug: a prepared participant may not abort
			}
			c.Resend(0, Msg{DecisionReq})
			c.SetTimer(timerAsk)
			return s
		},
		Stable:  stable,
		Recover: partRecover(cfg.cooperative()),
	}
}

// vote answers a vote request in INIT: the participant chooses its vote,
// logs it and sends it. Voting no aborts at once. Later (duplicate)
// requests are ignored.
func vote(c *actor.Ctx[Msg], s Proc) Proc {
	if s.Phase != PhaseInit {
		return s
	}
	c.CancelTimer(timerVote)
	if c.Choose("vote yes", "vote no") == 0 {
		c.Send(0, Msg{VoteYes})
		c.SetTimer(timerAsk)
		s.Phase, s.Vote = PhaseReady, invariants.Yes
		return s
	}
	c.Send(0, Msg{VoteNo})
	s.Vote = invariants.No
	return s.decide(PhaseAbort)
}

// answer handles a peer's decision request (cooperative termination): a
// decided participant tells its decision; one in INIT has not voted, so it
// aborts unilaterally and says so; one in READY cannot help and stays
// silent.
func answer(c *actor.Ctx[Msg], s Proc, from actor.ID) Proc {
	switch s.Phase {
	case PhaseCommit, PhaseAbort:
		c.Resend(from, decisionMsg(s.Phase))
	case PhaseInit:
		c.CancelTimer(timerVote)
		s = s.decide(PhaseAbort)
		c.Resend(from, Msg{Abort})
	}
	return s
}

// partRecover returns the participant's recovery actions (the text's
// table): in INIT it aborts unilaterally (it never voted); in READY it
// must ask: it sets its ask timer to ask the coordinator and, when
// cooperative, asks every other participant at once (cooperative
// termination); with a decision logged there is nothing to do.
func partRecover(cooperative bool) func(c *actor.Ctx[Msg], s Proc) Proc {
	return func(c *actor.Ctx[Msg], s Proc) Proc {
		switch s.Phase {
		case PhaseInit:
			return s.decide(PhaseAbort)
		case PhaseReady:
			if cooperative {
				c.Rebroadcast(Msg{DecisionReq})
			}
			c.SetTimer(timerAsk)
		}
		return s
	}
}

// decisionPhase returns the phase a decision message leads to.
func decisionPhase(k Kind) Phase {
	if k == Commit {
		return PhaseCommit
	}
	return PhaseAbort
}
