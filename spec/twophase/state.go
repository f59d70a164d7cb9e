package twophase

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// MaxN is the largest number of resource managers a State can hold.
const MaxN = 14

// An RMState is the state of one resource manager (TLA+ rmState[rm]).
type RMState uint8

// The RM states of the TLA+ spec. Their values are the two-bit codes stored
// in a State.
const (
	RMWorking   RMState = iota // still working; may prepare or abort
	RMPrepared                 // prepared: voted to commit, awaits the decision
	RMCommitted                // committed
	RMAborted                  // aborted
)

// String returns the state's TLA+ name: "working", "prepared", ...
func (r RMState) String() string {
	switch r {
	case RMWorking:
		return "working"
	case RMPrepared:
		return "prepared"
	case RMCommitted:
		return "committed"
	case RMAborted:
		return "aborted"
	}
	return "RMState(" + strconv.Itoa(int(r)) + ")"
}

// A TMState is the state of the transaction manager (TLA+ tmState).
type TMState uint8

// The TM states of the TLA+ spec. Their values are the two-bit codes stored
// in a State.
const (
	TMInit      TMState = iota // undecided
	TMCommitted                // decided commit and sent Commit
	TMAborted                  // decided abort and sent Abort
)

// String returns the state's TLA+ name: "init", "committed" or "aborted".
func (t TMState) String() string {
	switch t {
	case TMInit:
		return "init"
	case TMCommitted:
		return "committed"
	case TMAborted:
		return "aborted"
	}
	return "TMState(" + strconv.Itoa(int(t)) + ")"
}

// Bit layout of a State. Resource manager i (0-based) owns the nibble at bit
// 4i: bits 0-1 its RMState, bit 2 whether it is in tmPrepared, bit 3 whether
// Prepared(rm) is in msgs. The TMState is at bit tmShift and the number of
// RMs at bit nShift. Commit is in msgs exactly when tmState = committed and
// Abort exactly when tmState = aborted (TMCommit and TMAbort are their only
// senders and disable each other), so they need no bits of their own.
const (
	rmBits     = 4
	rmStateMsk = 0b0011 // within a nibble: the RMState
	tmPrepBit  = 0b0100 // within a nibble: rm is in tmPrepared
	msgBit     = 0b1000 // within a nibble: Prepared(rm) is in msgs
	nibbleMsk  = 0b1111
	tmShift    = rmBits * MaxN // 56
	nShift     = 60
	rmAreaMsk  = 1<<tmShift - 1
)

// A State is one state of the TwoPhase spec, packed into one machine word so
// that the engines' frontiers and the symmetry reduction stay cheap. The zero
// State is not a valid state: states come from Model.Init and Model.Next.
type State struct {
	w uint64 // see the bit layout above
}

// N returns the number of resource managers.
func (s State) N() int { return int(s.w >> nShift) }

// nibble returns resource manager i's four bits.
func (s State) nibble(i int) uint64 { return s.w >> (rmBits * uint(i)) & nibbleMsk }

// RM returns the state of resource manager i (0-based, printed rm{i+1}).
func (s State) RM(i int) RMState { return RMState(s.nibble(i) & rmStateMsk) }

// TM returns the transaction manager's state.
func (s State) TM() TMState { return TMState(s.w >> tmShift & 3) }

// TMPrepared reports whether resource manager i is in tmPrepared.
func (s State) TMPrepared(i int) bool { return s.nibble(i)&tmPrepBit != 0 }

// PreparedSent reports whether the message Prepared(rm i) is in msgs.
func (s State) PreparedSent(i int) bool { return s.nibble(i)&msgBit != 0 }

// CommitSent reports whether the message Commit is in msgs.
func (s State) CommitSent() bool { return s.TM() == TMCommitted }

// AbortSent reports whether the message Abort is in msgs.
func (s State) AbortSent() bool { return s.TM() == TMAborted }

// Consistent reports whether no resource manager has committed while
// another has aborted (TLA+ TCConsistent).
func (s State) Consistent() bool { return s.committed() == 0 || s.aborted() == 0 }

// The RMState codes are working 00, prepared 01, committed 10, aborted 11,
// so with lo and hi the two bit planes (bit 4i holds RM i's low or high
// bit), committed RMs are hi &^ lo and aborted RMs hi & lo.
const ones = 0x1111_1111_1111_11 // bit 0 of each of the MaxN nibbles

// committed returns a mask with bit 4i set when RM i is committed.
func (s State) committed() uint64 { return s.w >> 1 & ones &^ s.w }

// aborted returns a mask with bit 4i set when RM i is aborted.
func (s State) aborted() uint64 { return s.w >> 1 & ones & s.w }

// TypeOK reports whether s is well formed (TLA+ TPTypeOK): the TM state is
// one of its three values, N is in range and no RM beyond N has state.
func (s State) TypeOK() bool {
	n := s.N()
	if n < 1 || n > MaxN || s.TM() > TMAborted || s.w>>(tmShift+2)&3 != 0 {
		return false
	}
	return s.w&rmAreaMsk>>(rmBits*uint(n)) == 0
}

// String describes s, for example
// "tm=init tmPrepared={rm1} msgs={Prepared(rm1)} rm1=prepared rm2=working".
func (s State) String() string {
	var b strings.Builder
	b.WriteString("tm=")
	b.WriteString(s.TM().String())
	b.WriteString(" tmPrepared={")
	sep := ""
	for i := range s.N() {
		if s.TMPrepared(i) {
			b.WriteString(sep + rmName(i))
			sep = ","
		}
	}
	b.WriteString("} msgs={")
	sep = ""
	for i := range s.N() {
		if s.PreparedSent(i) {
			b.WriteString(sep + "Prepared(" + rmName(i) + ")")
			sep = ","
		}
	}
	if s.CommitSent() {
		b.WriteString(sep + "Commit")
	}
	if s.AbortSent() {
		b.WriteString(sep + "Abort")
	}
	b.WriteString("}")
	for i := range s.N() {
		b.WriteString(" " + rmName(i) + "=" + s.RM(i).String())
	}
	return b.String()
}

// rmName returns the printed name of resource manager i: "rm1" for i = 0.
func rmName(i int) string { return "rm" + strconv.Itoa(i+1) }

// appendKey appends the key of s: its word, eight bytes little-endian.
func appendKey(dst []byte, s State) []byte { return binary.LittleEndian.AppendUint64(dst, s.w) }
