package suzukikasami

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// A Kind is the type of a message.
type Kind uint8

// The two messages of the algorithm.
const (
	Request   Kind = iota // REQUEST(j, n): the sender j asks for the n-th time
	Privilege             // PRIVILEGE(Q, LN): the token
)

// A Token is the privilege: LN[j], the number of the last request of
// process j that was granted (its critical section completed), and Q, the
// processes waiting for it in request order (the text's token vector T
// and request queue Q).
type Token struct {
	LN   [MaxN]uint8
	Q    [MaxN]actor.ID // Q[:QLen], oldest first, each process at most once
	QLen uint8
}

// appendKey appends the token's key: LN for every possible process, then
// the queue.
func (t *Token) appendKey(dst []byte) []byte {
	dst = append(dst, t.LN[:]...)
	dst = append(dst, t.QLen)
	for _, id := range t.Q[:t.QLen] {
		dst = append(dst, byte(id))
	}
	return dst
}

// String formats the token for n processes: "LN=[1 0 0] Q=[p2]".
func (t *Token) String(n int) string {
	q := make([]string, t.QLen)
	for i, id := range t.Q[:t.QLen] {
		q[i] = id.String()
	}
	return fmt.Sprintf("LN=%v Q=[%s]", t.LN[:n], strings.Join(q, " "))
}

// queued reports whether id is in the token's queue.
func (t *Token) queued(id actor.ID) bool {
	for _, q := range t.Q[:t.QLen] {
		if q == id {
			return true
		}
	}
	return false
}

// A Msg is a message; the channel carries sender and receiver.
type Msg struct {
	Kind Kind
	Seq  uint8 // Request: the request's sequence number n
	Tok  Token // Privilege: the token
	N    uint8 // Privilege: the number of processes, only to print LN; not part of the key
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte {
	if m.Kind == Request {
		return append(dst, byte(Request), m.Seq)
	}
	return m.Tok.appendKey(append(dst, byte(Privilege)))
}

// String formats the message for labels: "REQUEST(n=1)" or
// "PRIVILEGE(LN=[1 0 0] Q=[p2])".
func (m Msg) String() string {
	if m.Kind == Request {
		return fmt.Sprintf("REQUEST(n=%d)", m.Seq)
	}
	return "PRIVILEGE(" + m.Tok.String(int(m.N)) + ")"
}
