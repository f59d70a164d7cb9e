package securerpc

import (
	"strconv"

	"github.com/protocheck/protocheck/model"
)

// A Kind is the type of a message.
type Kind uint8

// The messages of a session.
const (
	// ClientHello carries the client's public value C_p.
	ClientHello Kind = iota
	// ServerHello carries the server's public value S_p and its verifier:
	// "ok" encrypted under the server's session key (Sun's Secure RPC
	// answers with a verifier encrypted under the conversation key).
	ServerHello
	// Call is the client's first RPC, encrypted under its session key: it
	// shows the server that the client holds the key.
	Call
)

// A Msg is a message of a session.
type Msg struct {
	Kind  Kind
	Elem  Elem  // ClientHello, ServerHello: the public value; Call: the key it is sealed under
	Value uint8 // ClientHello, ServerHello: the public value's number mod M
	Seal  Elem  // ServerHello: the key the verifier is sealed under
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte {
	return model.AppendUint(append(dst, byte(m.Kind), byte(m.Elem), byte(m.Seal)), uint64(m.Value))
}

// String formats the message: "ClientHello(g^c=8)",
// "ServerHello(g^s=6, {ok}g^cs)", "Call({call}g^cs)".
func (m Msg) String() string {
	switch m.Kind {
	case ClientHello:
		return "ClientHello(" + m.public() + ")"
	case ServerHello:
		return "ServerHello(" + m.public() + ", {ok}" + m.Seal.String() + ")"
	}
	return "Call({call}" + m.Elem.String() + ")"
}

func (m Msg) public() string { return m.Elem.String() + "=" + strconv.Itoa(int(m.Value)) }
