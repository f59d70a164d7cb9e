package raymond

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// A Proc is the local state of one node: Raymond's variables, and what
// the model adds to run and measure it.
type Proc struct {
	Holder actor.ID       // HOLDER: itself when it holds the token, else the neighbour toward it
	Using  bool           // USING: in its critical section
	Asked  bool           // ASKED: has sent a REQUEST to Holder not yet answered by the token
	Q      [MaxN]actor.ID // REQUEST_Q: itself and neighbours that asked, oldest first; Q[:QLen]
	QLen   uint8
	Done   uint8 // critical sections completed (entered and left)
	Sent   uint8 // messages sent so far (REQUEST and PRIVILEGE)
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	flags := byte(0)
	if p.Using {
		flags |= 1
	}
	if p.Asked {
		flags |= 2
	}
	dst = append(dst, byte(p.Holder), flags, p.Done, p.Sent, p.QLen)
	for _, id := range p.Q[:p.QLen] {
		dst = append(dst, byte(id))
	}
	return dst
}

// String formats the node for traces: "holder=p0 q=[p1 p2] asked using
// done=0 sent=1".
func (p Proc) String() string {
	q := make([]string, p.QLen)
	for i, id := range p.Q[:p.QLen] {
		q[i] = id.String()
	}
	s := fmt.Sprintf("holder=%v q=[%s]", p.Holder, strings.Join(q, " "))
	if p.Asked {
		s += " asked"
	}
	if p.Using {
		s += " using"
	}
	return s + fmt.Sprintf(" done=%d sent=%d", p.Done, p.Sent)
}

// enqueue appends id to the queue. Raymond's invariants keep each node at
// most once in a queue (a neighbour asks again only after the token came
// and went), so the queue never holds more than MaxN entries.
func (p Proc) enqueue(id actor.ID) Proc {
	if int(p.QLen) == len(p.Q) {
		panic(fmt.Sprintf("raymond: queue overflow adding %v to %v", id, p))
	}
	p.Q[p.QLen] = id
	p.QLen++
	return p
}

// dequeue removes and returns the head of the queue.
func (p Proc) dequeue() (Proc, actor.ID) {
	head := p.Q[0]
	copy(p.Q[:], p.Q[1:p.QLen])
	p.QLen--
	p.Q[p.QLen] = 0
	return p, head
}
