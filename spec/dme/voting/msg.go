package voting

import (
	"strconv"

	"github.com/protocheck/protocheck/model/actor"
)

// A Kind is the type of a message.
type Kind uint8

// The messages. Every message names one request by its timestamp (the
// channel names the candidate), so a vote, an inquiry or a release is
// always about one request.
const (
	Request    Kind = iota // candidate -> voter: vote for my request
	Vote                   // voter -> candidate: my vote, for your request
	Release                // candidate -> voter: your vote back, done with my CS (or not needed)
	Inquire                // voter -> candidate (rescension): may I have my vote back?
	Relinquish             // candidate -> voter (rescension): here is your vote back
)

var kindNames = [...]string{"Request", "Vote", "Release", "Inquire", "Relinquish"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// A Msg is a message: its kind and the timestamp of the request it is
// about.
type Msg struct {
	Kind Kind
	TS   uint8
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind), m.TS) }

// String formats the message as "Request(ts=3)".
func (m Msg) String() string { return m.Kind.String() + "(ts=" + strconv.Itoa(int(m.TS)) + ")" }

// A Req is a request as a voter knows it: its timestamp and its candidate.
// The zero Req is no request (timestamps start at 1).
type Req struct {
	TS uint8
	ID actor.ID
}

// before reports whether r precedes o: the smaller timestamp first, ties
// broken by the smaller id.
func (r Req) before(o Req) bool { return r.TS < o.TS || (r.TS == o.TS && r.ID < o.ID) }

// String formats the request as "p1:3" (candidate p1, timestamp 3).
func (r Req) String() string { return r.ID.String() + ":" + strconv.Itoa(int(r.TS)) }
