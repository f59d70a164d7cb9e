package twopc

import (
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// A Phase is a process's state in the text's state diagrams: the
// coordinator goes INIT -> WAIT -> COMMIT or ABORT; a participant goes
// INIT -> READY -> COMMIT or ABORT (or INIT -> ABORT).
type Phase uint8

// The phases.
const (
	PhaseInit  Phase = iota
	PhaseWait        // coordinator only: votes requested
	PhaseReady       // participant only: voted yes, waiting for the decision
	PhaseCommit
	PhaseAbort
)

var phaseNames = [...]string{"INIT", "WAIT", "READY", "COMMIT", "ABORT"}

// String returns the phase's name as the text writes it.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "PHASE?"
}

// Decision returns the decision the phase stands for.
func (p Phase) Decision() invariants.Decision {
	switch p {
	case PhaseCommit:
		return invariants.Commit
	case PhaseAbort:
		return invariants.Abort
	}
	return invariants.Undecided
}

// A Proc is the local state of one process, coordinator (p0) or
// participant. Phase, Vote and Ever are on stable storage (the log);
// Votes is volatile and lost in a crash.
type Proc struct {
	Phase Phase                  // logged: the text's state
	Vote  invariants.Vote        // participant, logged: its vote
	Ever  invariants.DecisionSet // ghost, survives crashes: every decision ever logged
	Votes uint64                 // coordinator, volatile: participants that voted yes, a bit set of ids
}

// AppendKey implements actor.Value: four small fields, usually four bytes.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(p.Phase), byte(p.Vote), byte(p.Ever))
	for v := p.Votes; ; v >>= 7 {
		if v < 0x80 {
			return append(dst, byte(v))
		}
		dst = append(dst, byte(v)|0x80)
	}
}

// String formats the process for traces: its phase, its vote and the
// participants that voted yes as a set, as in "READY vote=yes" or
// "WAIT votes={p1,p2}". The ghost Ever is not printed.
func (p Proc) String() string {
	s := p.Phase.String()
	if p.Vote != invariants.NoVote {
		s += " vote=" + p.Vote.String()
	}
	if p.Votes != 0 {
		s += " votes=" + actor.IDSet(p.Votes)
	}
	return s
}

// decide returns p in phase ph with the decision recorded in Ever.
func (p Proc) decide(ph Phase) Proc {
	p.Phase = ph
	p.Ever = p.Ever.Add(ph.Decision())
	return p
}

// stable implements actor.Actor.Stable: the log survives, the volatile
// fields do not.
func stable(p Proc) Proc { return Proc{Phase: p.Phase, Vote: p.Vote, Ever: p.Ever} }

// permuteProc implements actor.Config.PermuteLocal: only the coordinator's
// vote set holds ids.
func permuteProc(p Proc, perm []actor.ID) Proc {
	if p.Votes == 0 {
		return p
	}
	var v uint64
	for i, to := range perm {
		v |= (p.Votes >> i & 1) << to
	}
	p.Votes = v
	return p
}
