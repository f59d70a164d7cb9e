package raymond

// A Kind is the type of a message.
type Kind uint8

// Raymond's two messages, sent only between neighbours of the tree.
const (
	Request   Kind = iota // REQUEST: the sender (or a node behind it) wants the token
	Privilege             // PRIVILEGE: the token
)

// A Msg is a message; the channel carries sender and receiver.
type Msg struct {
	Kind Kind
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind)) }

// String returns the message's name as the paper writes it.
func (m Msg) String() string {
	if m.Kind == Request {
		return "REQUEST"
	}
	return "PRIVILEGE"
}
