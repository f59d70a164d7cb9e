package twophase

import "strconv"

// A Kind names one of the TLA+ spec's actions.
type Kind uint8

// The actions of the TLA+ spec, in TPNext's order.
const (
	TMCommit        Kind = iota // the TM decides commit and sends Commit
	TMAbort                     // the TM decides abort and sends Abort
	TMRcvPrepared               // the TM receives Prepared(rm)
	RMPrepare                   // rm prepares and sends Prepared(rm)
	RMChooseToAbort             // rm, still working, aborts on its own
	RMRcvCommitMsg              // rm receives Commit
	RMRcvAbortMsg               // rm receives Abort
)

var kindNames = [...]string{
	TMCommit:        "TMCommit",
	TMAbort:         "TMAbort",
	TMRcvPrepared:   "TMRcvPrepared",
	RMPrepare:       "RMPrepare",
	RMChooseToAbort: "RMChooseToAbort",
	RMRcvCommitMsg:  "RMRcvCommitMsg",
	RMRcvAbortMsg:   "RMRcvAbortMsg",
}

// String returns the action's TLA+ name, for example "RMPrepare".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// An Action labels one step: an action of the spec and, for all but TMCommit
// and TMAbort, the resource manager it concerns.
type Action struct {
	Kind Kind  // which action
	RM   uint8 // the resource manager, 0-based (printed rm{RM+1}); 0 for TMCommit and TMAbort
}

// String returns the action as the TLA+ spec writes it: "TMCommit" or
// "RMPrepare(rm2)".
func (a Action) String() string {
	if a.Kind == TMCommit || a.Kind == TMAbort {
		return a.Kind.String()
	}
	return a.Kind.String() + "(" + rmName(int(a.RM)) + ")"
}

// Next calls yield for every step enabled in s, in TPNext's order: TMCommit,
// TMAbort, then for each rm in turn TMRcvPrepared, RMPrepare,
// RMChooseToAbort, RMRcvCommitMsg, RMRcvAbortMsg. It does not allocate.
func (m *Model) Next(s State, yield func(Action, State)) {
	w := s.w
	tm := TMState(w >> tmShift & 3)
	if tm == TMInit {
		if m.commitEnabled(w) {
			yield(Action{Kind: TMCommit}, State{w | uint64(TMCommitted)<<tmShift})
		}
		yield(Action{Kind: TMAbort}, State{w | uint64(TMAborted)<<tmShift})
	}
	for i := range m.n {
		sh := rmBits * uint(i)
		nib := w >> sh & nibbleMsk
		rm := uint8(i)
		// TMRcvPrepared(rm): tmState = "init" /\ Prepared(rm) \in msgs.
		if tm == TMInit && nib&msgBit != 0 {
			yield(Action{TMRcvPrepared, rm}, State{w | tmPrepBit<<sh})
		}
		// RMPrepare(rm) and RMChooseToAbort(rm): rmState[rm] = "working".
		if RMState(nib&rmStateMsk) == RMWorking {
			yield(Action{RMPrepare, rm}, State{w | (uint64(RMPrepared)|msgBit)<<sh})
			yield(Action{RMChooseToAbort, rm}, State{w | uint64(RMAborted)<<sh})
		}
		// RMRcvCommitMsg(rm): Commit \in msgs, whatever rmState[rm] is.
		if tm == TMCommitted {
			yield(Action{RMRcvCommitMsg, rm}, State{w&^(rmStateMsk<<sh) | uint64(RMCommitted)<<sh})
		}
		// RMRcvAbortMsg(rm): Abort \in msgs, whatever rmState[rm] is.
		if tm == TMAborted {
			yield(Action{RMRcvAbortMsg, rm}, State{w | uint64(RMAborted)<<sh})
		}
	}
}

// commitEnabled reports whether TMCommit's guard on tmPrepared holds in w:
// tmPrepared = RM in the spec, tmPrepared # {} in VariantEarlyCommit.
func (m *Model) commitEnabled(w uint64) bool {
	if m.early {
		return w&m.prepMask != 0
	}
	return w&m.prepMask == m.prepMask
}
