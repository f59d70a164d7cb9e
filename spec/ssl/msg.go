package ssl

import (
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// A Kind is the type of a message.
type Kind uint8

// The messages of the handshake and of its end.
const (
	ClientHello Kind = iota // the client's offer of cipher suites
	ServerHello             // the suite the server chose and its certificate
	KeyExchange             // the client's pre-master secret under the certified public key
	Finished                // a MAC of the transcript under the session key
	Close                   // the end of the connection, under the session key
)

// A Msg is a message of the handshake.
type Msg struct {
	Kind  Kind
	Offer Suites        // ClientHello: the suites offered
	Suite Suite         // ServerHello: the suite chosen
	Term  dolevyao.Term // ServerHello: the certificate; KeyExchange, Finished, Close: the payload
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte {
	return append(dst, byte(m.Kind), byte(m.Offer), byte(m.Suite), byte(m.Term))
}

// String formats the message: "ClientHello(strong,weak)",
// "ServerHello(strong, cert_CA(server=pk_S))", "KeyExchange({pms_C}pk_S)",
// "Finished(mac(k_C,client,SW/S))", "Close({close}k_C)".
func (m Msg) String() string {
	switch m.Kind {
	case ClientHello:
		return "ClientHello(" + m.Offer.String() + ")"
	case ServerHello:
		return "ServerHello(" + m.Suite.String() + ", " + termName(m.Term) + ")"
	case KeyExchange:
		return "KeyExchange(" + termName(m.Term) + ")"
	case Finished:
		return "Finished(" + termName(m.Term) + ")"
	}
	return "Close(" + termName(m.Term) + ")"
}
