package causal

import (
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// MaxN is the largest number of processes, and MaxMsgs the most messages
// one process multicasts.
const (
	MaxN    = 4
	MaxMsgs = 3
)

// A VC is a vector clock: entry k counts the messages of process k that a
// process has delivered (its own entry: the messages it has sent). Entries
// at and beyond the number of processes stay 0.
type VC [MaxN]uint8

// Text formats the first n entries as "(1,0,2)".
func (v VC) Text(n int) string {
	parts := make([]string, n)
	for i := range n {
		parts[i] = strconv.Itoa(int(v[i]))
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// A MsgID names one multicast: its sender and its number at the sender,
// as sender*MaxMsgs + seq - 1, so that a set of messages is a bit set.
type MsgID uint8

// ID returns the id of the seq-th message (from 1) of process from.
func ID(from, seq int) MsgID { return MsgID(from*MaxMsgs + seq - 1) }

// Sender returns the process that sent the message.
func (id MsgID) Sender() int { return int(id) / MaxMsgs }

// Seq returns the message's number at its sender, from 1.
func (id MsgID) Seq() int { return int(id)%MaxMsgs + 1 }

// bit returns the message's bit in a set of messages.
func (id MsgID) bit() uint64 { return 1 << id }

// String names the message as the text does: M<sender>_<seq>, processes
// counted from 1 (P1 is p0), as in "M3_2".
func (id MsgID) String() string {
	return "M" + strconv.Itoa(id.Sender()+1) + "_" + strconv.Itoa(id.Seq())
}

// A Msg is a multicast message with its vector timestamp.
type Msg struct {
	ID MsgID // which message
	N  uint8 // the number of processes, for printing T
	T  VC    // the sender's clock when it sent the message (the text's Tx timestamp)
	// Deps is ghost state: the causal past of the send, a bit set of
	// MsgID (every message delivered or sent by the sender before it,
	// transitively). It is what "happened before" means, independent of
	// the clocks that the protocol compares.
	Deps uint64
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(m.ID))
	dst = append(dst, m.T[:]...)
	return model.AppendUint(dst, m.Deps)
}

// String formats the message and its timestamp, as "M1_1(1,0,0)".
func (m Msg) String() string { return m.ID.String() + m.T.Text(int(m.N)) }

// msgLess orders messages by key, for the canonical order of a buffer.
func msgLess(a, b Msg) int {
	if a.ID != b.ID {
		return int(a.ID) - int(b.ID)
	}
	for k := range a.T {
		if a.T[k] != b.T[k] {
			return int(a.T[k]) - int(b.T[k])
		}
	}
	switch {
	case a.Deps < b.Deps:
		return -1
	case a.Deps > b.Deps:
		return 1
	}
	return 0
}
