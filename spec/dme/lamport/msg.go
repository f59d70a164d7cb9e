package lamport

// A Kind is the type of a message.
type Kind uint8

// The messages of the algorithm.
const (
	// Request asks for the critical section; TS is the request's
	// timestamp.
	Request Kind = iota
	// Reply answers a request; TS is the sender's clock. In
	// VariantMessageFailure, Req is the sender's own pending request (0:
	// none), so that a reply never arrives without the request it follows.
	Reply
	// Release ends a critical section; TS is the sender's clock.
	Release
	// Inquire (VariantMessageFailure) asks the process heading the queue
	// what the hold-up is with its request timestamped TS.
	Inquire
)

var kindNames = [...]string{"Request", "Reply", "Release", "Inquire"}

// A Msg is a message of the algorithm. The channel carries sender and
// receiver.
type Msg struct {
	Kind Kind
	TS   uint16 // Request, Inquire: a request's timestamp; Reply, Release: the sender's clock
	Req  uint16 // Reply in VariantMessageFailure: the sender's pending request, 0 for none
}

// AppendKey implements actor.Value. Timestamps are fixed-width, big
// endian, so that the byte order of keys (the order of an unordered
// network) is the numeric order, which normalise preserves.
func (m Msg) AppendKey(dst []byte) []byte {
	return append(dst, byte(m.Kind), byte(m.TS>>8), byte(m.TS), byte(m.Req>>8), byte(m.Req))
}

// String returns the message as "Request(ts=3)" or "Reply(ts=5,req=2)".
func (m Msg) String() string {
	name := "Msg?"
	if int(m.Kind) < len(kindNames) {
		name = kindNames[m.Kind]
	}
	s := name + "(ts=" + itoa(m.TS)
	if m.Req != 0 {
		s += ",req=" + itoa(m.Req)
	}
	return s + ")"
}
