package ricartagrawala

import "strconv"

// A Kind is the type of a message.
type Kind uint8

// The messages of the algorithm.
const (
	Request Kind = iota // asks for the critical section, with the request's sequence number
	Reply               // grants the request (carries nothing)
)

// A Msg is a message of the algorithm. The channel carries sender and
// receiver.
type Msg struct {
	Kind Kind
	Seq  uint8 // Request: the sequence number (timestamp) of the request
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind), m.Seq) }

// String returns the message as "Request(seq=2)" or "Reply".
func (m Msg) String() string {
	if m.Kind == Reply {
		return "Reply"
	}
	return "Request(seq=" + strconv.Itoa(int(m.Seq)) + ")"
}
