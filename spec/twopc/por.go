package twopc

import "github.com/protocheck/protocheck/model/actor"

// reduction declares what partial-order reduction (-por) may rely on: whom
// each process may yet send to, and what the properties read (a process's
// phase, vote and the ghost Ever; not the coordinator's volatile vote set).
// por_test.go checks MaySend on every step of small configurations of
// every variant, and that the properties agree on states that Observe does
// not tell apart.
func reduction(cfg Config) *actor.Reduction[Proc, Msg] {
	coop := cfg.cooperative()
	return &actor.Reduction[Proc, Msg]{
		MaySend: func(from actor.ID, p Proc, to actor.ID, restart bool) actor.Sends {
			if from == 0 {
				return coordinatorSends(p, restart)
			}
			return participantSends(p, to, restart, coop)
		},
		Observe: func(_ actor.ID, p Proc) Proc { return Proc{Phase: p.Phase, Vote: p.Vote, Ever: p.Ever} },
	}
}

// coordinatorSends: in WAIT the coordinator will broadcast its decision.
// Once decided it sends only a decision again, in answer to a participant's
// DecisionReq, or to everyone when it recovers (coordRecover). It has no
// timer then (coordDecide cancels it).
func coordinatorSends(p Proc, restart bool) actor.Sends {
	if p.Phase == PhaseWait || p.Phase == PhaseInit || restart {
		return actor.SendsAny
	}
	return actor.SendsInReply
}

// participantSends: in INIT a participant sends to the coordinator only
// once the vote request came (it votes; its timeout and its recovery abort
// in silence); in READY it asks on its timer. A decided one has no timer,
// ignores decisions and vote requests, and answers DecisionReq, which only
// participants send (in the cooperative variants). Participants talk to
// each other only there: an undecided one recovering in READY asks every
// peer, and any answers a peer's request.
func participantSends(p Proc, to actor.ID, restart, coop bool) actor.Sends {
	decided := p.Phase == PhaseCommit || p.Phase == PhaseAbort
	switch {
	case to == 0 && decided:
		return actor.SendsNever
	case to == 0 && p.Phase == PhaseInit:
		return actor.SendsAfterReceive
	case to == 0:
		return actor.SendsAny
	case !coop:
		return actor.SendsNever
	case restart && !decided:
		return actor.SendsAny
	}
	return actor.SendsInReply
}
