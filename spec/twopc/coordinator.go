package twopc

import (
	"github.com/protocheck/protocheck/model/actor"
)

// The timers.
const (
	timerVote actor.Timer = iota // coordinator in WAIT: stop waiting for votes; participant in INIT: for the request
	timerAsk                     // participant in READY: ask for the decision
)

var timerNames = []string{"vote", "ask"}

// coordinator returns the behaviour of p0 under cfg.
func coordinator(cfg Config) actor.Actor[Proc, Msg] {
	n := cfg.N
	all := uint64(1)<<(n+1) - 2 // the participants p1..pN
	return actor.Actor[Proc, Msg]{
		Name: "coordinator",
		// The coordinator logs START_2PC (WAIT) before it sends the vote
		// requests, so a crash never loses a request it sent.
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.Broadcast(Msg{Prepare})
			c.SetTimer(timerVote)
			return Proc{Phase: PhaseWait}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			switch {
			case m.Kind == VoteYes && s.Phase == PhaseWait:
				s.Votes |= 1 << from
				if s.Votes == all {
					return coordDecide(c, s, PhaseCommit)
				}
			case m.Kind == VoteNo && s.Phase == PhaseWait:
				return coordDecide(c, s, PhaseAbort)
			case m.Kind == DecisionReq && s.Phase != PhaseWait:
				c.Resend(from, decisionMsg(s.Phase))
			}
			return s
		},
		// WAIT times out: not every vote came in; abort.
		Timeout: func(c *actor.Ctx[Msg], s Proc, _ actor.Timer) Proc {
			return coordDecide(c, s, PhaseAbort)
		},
		Stable:    stable,
		Recover:   coordRecover(cfg),
		NoRestart: cfg.Variant == VariantNeverRecovers,
	}
}

// coordDecide logs the decision and sends it to every participant.
func coordDecide(c *actor.Ctx[Msg], s Proc, ph Phase) Proc {
	c.CancelTimer(timerVote)
	c.Broadcast(decisionMsg(ph))
	s = s.decide(ph)
	s.Votes = 0 // no longer needed: keeps the state small
	return s
}

// coordRecover returns the coordinator's recovery actions (the text's
// table): in WAIT it aborts (the votes were volatile and are lost); with a
// decision logged it sends the decision again, since participants may
// have missed it.
func coordRecover(cfg Config) func(c *actor.Ctx[Msg], s Proc) Proc {
	return func(c *actor.Ctx[Msg], s Proc) Proc {
		if s.Phase == PhaseWait {
			if cfg.Variant == VariantRecoverCommits {
				return coordDecide(c, s, PhaseCommit) // the bug: commit without the votes
			}
			return coordDecide(c, s, PhaseAbort)
		}
		c.Rebroadcast(decisionMsg(s.Phase))
		return s
	}
}

// decisionMsg returns the message announcing the decision of a decided
// phase.
func decisionMsg(ph Phase) Msg {
	if ph == PhaseCommit {
		return Msg{Commit}
	}
	return Msg{Abort}
}
