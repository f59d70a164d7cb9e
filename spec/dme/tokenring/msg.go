package tokenring

import "fmt"

// A Msg is the token: the ring's one message. Its fields are not part of
// the algorithm (the token of the text carries nothing); they are how the
// model stays finite and measures.
type Msg struct {
	// Hops counts the passes since the token last left a critical section
	// (or p0, at the start), modulo N: on arrival at a waiting process it
	// is the ring distance from the previous user, 0..N-1, the text's
	// "delay". A full idle circulation adds N, which the modulus drops.
	Hops uint8
	// Fin counts the consecutive holders, ending with the sender, that had
	// finished all their requests when they passed it on. A finished
	// process that receives it with Fin = N-1 keeps it: every process is
	// done, and the token stops circulating.
	Fin uint8
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, m.Hops, m.Fin) }

// String formats the token for labels: "Token(hops=1,fin=0)".
func (m Msg) String() string { return fmt.Sprintf("Token(hops=%d,fin=%d)", m.Hops, m.Fin) }
