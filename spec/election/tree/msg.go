package tree

import (
	"strconv"

	"github.com/protocheck/protocheck/model/actor"
)

// A Kind is the type of a message.
type Kind uint8

// The messages: GHS's seven (the paper's names), the announcement of the
// leader, and the saturation election's two.
const (
	Connect    Kind = iota // GHS Connect(L): join fragments over this edge; L is the sender's level
	Initiate               // GHS Initiate(L, F, S): new level, fragment name and state, broadcast over the fragment
	Test                   // GHS Test(L, F): is this edge outgoing? from a fragment of level L and name F
	Accept                 // GHS Accept: the tested edge leads to another fragment
	Reject                 // GHS Reject: the tested edge is inside the fragment
	Report                 // GHS Report(w): the lightest outgoing edge found in the subtree, Inf if none
	ChangeRoot             // GHS Change-root: move the root toward the fragment's lightest outgoing edge
	Elected                // Elected(l): the election is over and p_l is the leader (both algorithms)
	Wakeup                 // saturation: wake up (flooded by the nodes that wake)
	Inward                 // saturation: the largest id of the sender's side, sent to its parent
)

var kindNames = [...]string{"Connect", "Initiate", "Test", "Accept", "Reject", "Report", "ChangeRoot",
	"Elected", "Wakeup", "Inward"}

// A Msg is a message of either algorithm. The fields a kind does not use
// are zero.
type Msg struct {
	Kind Kind
	L    uint8  // Connect, Initiate, Test: a fragment level
	F    uint8  // Initiate, Test: a fragment name (a weight); Report: a weight or Inf; Elected, Inward: a node id
	S    Status // Initiate: Find or Found
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind), m.L, m.F, byte(m.S)) }

// String returns the message as the paper writes it: "Connect(0)",
// "Initiate(1,w1,Find)", "Test(1,w1)", "Report(w3)", "Report(∞)",
// "Elected(p2)", "Inward(p2)".
func (m Msg) String() string {
	name := "Msg?"
	if int(m.Kind) < len(kindNames) {
		name = kindNames[m.Kind]
	}
	l := strconv.Itoa(int(m.L))
	switch m.Kind {
	case Connect:
		return name + "(" + l + ")"
	case Initiate:
		return name + "(" + l + "," + weight(m.F) + "," + m.S.String() + ")"
	case Test:
		return name + "(" + l + "," + weight(m.F) + ")"
	case Report:
		return name + "(" + weight(m.F) + ")"
	case Elected, Inward:
		return name + "(" + actor.ID(m.F).String() + ")"
	}
	return name
}

// weight formats a weight as "w3", Inf as "∞" and 0 (no fragment yet) as
// "w-".
func weight(w uint8) string {
	switch w {
	case Inf:
		return "∞"
	case 0:
		return "w-"
	}
	return "w" + strconv.Itoa(int(w))
}
