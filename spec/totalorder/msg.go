package totalorder

import (
	"strconv"

	"github.com/protocheck/protocheck/model"
)

// MaxN is the largest number of processes, and MaxMsgs the most messages
// one process multicasts.
const (
	MaxN    = 4
	MaxMsgs = 3
)

// A MsgID names one multicast: with k messages per process, the seq-th
// message (from 1) of process p is m<p*k+seq-1>, so that one message per
// process gives m0, m1, ... as in the text. Ids order ties between equal
// commit times: by sender, then by sequence number.
type MsgID uint8

// String names the message: "m2".
func (id MsgID) String() string { return "m" + strconv.Itoa(int(id)) }

// bit returns the message's bit in a set of messages.
func (id MsgID) bit() uint16 { return 1 << id }

// A Kind is the type of a message.
type Kind uint8

// The messages of the protocol.
const (
	Data   Kind = iota // sender -> group: the multicast message itself
	Ack                // receiver -> sender: the acknowledgement, with the receiver's proposed time
	Commit             // sender -> group: the commit time, the largest proposal
)

var kindNames = [...]string{"Data", "Ack", "Commit"}

// A Msg is a message of the protocol.
type Msg struct {
	Kind Kind
	ID   MsgID // the multicast it is about
	Time uint8 // Ack: the proposed time; Commit: the commit time
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind), byte(m.ID), m.Time) }

// String formats the message as "Data(m0)", "Ack(m0,2)" or "Commit(m0,3)".
func (m Msg) String() string {
	s := kindNames[m.Kind] + "(" + m.ID.String()
	if m.Kind != Data {
		s += "," + strconv.Itoa(int(m.Time))
	}
	return s + ")"
}

// An Entry is a message in a process's buffer: pending with the
// process's own proposal, or committed with its commit time.
type Entry struct {
	ID        MsgID
	Time      uint8 // the proposal while pending (a lower bound of the commit time), then the commit time
	Committed bool
}

// before orders entries for delivery: by time, ties broken by id (sender,
// then sequence number).
func (e Entry) before(f Entry) bool {
	return e.Time < f.Time || e.Time == f.Time && e.ID < f.ID
}

// String formats the entry as "m1@4" (committed) or "m1@4?" (pending).
func (e Entry) String() string {
	s := e.ID.String() + "@" + strconv.Itoa(int(e.Time))
	if !e.Committed {
		s += "?"
	}
	return s
}

// appendKey appends the entry's key.
func (e Entry) appendKey(dst []byte) []byte {
	return model.AppendBool(append(dst, byte(e.ID), e.Time), e.Committed)
}
