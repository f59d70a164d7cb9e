package ring

import (
	"strconv"
)

// A Proc is the local state of one node of the ring. The counters are
// ghosts: they count what the node sent, for the message measures, and
// play no part in the algorithm.
type Proc struct {
	Participating bool  // the text's participating flag
	Leader        uint8 // the leader's id once announced to this node (or itself); 0: none yet
	Elections     uint8 // ghost: election messages sent
	Announces     uint8 // ghost: announcement messages sent
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	var b byte
	if p.Participating {
		b = 1
	}
	return append(dst, b, p.Leader, p.Elections, p.Announces)
}

// String formats the node for traces: "participating leader=3 sent=2+1"
// (election messages + announcements sent).
func (p Proc) String() string {
	s := "idle"
	if p.Participating {
		s = "participating"
	}
	if p.Leader != 0 {
		s += " leader=" + strconv.Itoa(int(p.Leader))
	}
	if p.Elections+p.Announces > 0 {
		s += " sent=" + strconv.Itoa(int(p.Elections)) + "+" + strconv.Itoa(int(p.Announces))
	}
	return s
}

// A Kind is the type of a message.
type Kind uint8

// The messages. Both carry an id and go to the sender's successor.
const (
	Election Kind = iota // the text's send(value): the largest id seen so far
	Elected              // the announcement: the value is the leader's id
)

// A Msg is a message of the protocol.
type Msg struct {
	Kind  Kind
	Value uint8 // an id
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind), m.Value) }

// String returns "Election(3)" or "Elected(3)".
func (m Msg) String() string {
	name := "Election"
	if m.Kind == Elected {
		name = "Elected"
	}
	return name + "(" + strconv.Itoa(int(m.Value)) + ")"
}
