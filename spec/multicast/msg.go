package multicast

import "fmt"

// A Kind is the type of a message on the network.
type Kind uint8

// The messages. Data, Relay and Order carry a multicast message (its id:
// the header is fixed by the plan) and the copy's sequence number on its
// link; Nack and Ack carry only a number.
const (
	Data  Kind = iota // sender -> direct receiver: a copy of message M, number Seq on this link
	Relay             // atomic: a direct receiver forwards M to the next one, number Seq on its link
	Order             // sequencer -> member: M is number Seq of the sequencer's stream to that member
	Nack              // receiver -> origin: copy number Seq is missing
	Ack               // receiver -> origin: copies 1..Seq arrived (cumulative)
)

var kindNames = [...]string{"Data", "Relay", "Order", "Nack", "Ack"}

// A Msg is a message on the network.
type Msg struct {
	Kind Kind
	M    uint8 // Data, Relay, Order: the message id
	Seq  uint8 // the sequence number (see Kind)
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind), m.M, m.Seq) }

// String formats the message: "Data(m1 #1)", "Order(m2 #1)", "Nack(2)".
func (m Msg) String() string {
	if int(m.Kind) >= len(kindNames) {
		return "Msg?"
	}
	if m.carries() {
		return fmt.Sprintf("%s(%s #%d)", kindNames[m.Kind], msgName(m.M), m.Seq)
	}
	return fmt.Sprintf("%s(%d)", kindNames[m.Kind], m.Seq)
}

// carries reports whether the message carries a multicast message.
func (m Msg) carries() bool { return m.Kind <= Order }
