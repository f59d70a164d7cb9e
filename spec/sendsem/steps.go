package sendsem

import (
	"strconv"
	"strings"
)

// A Step is one of the text's eight numbered steps of a send, or the
// request-and-reply primitive's service between steps 4 and 5.
type Step uint8

// The steps, numbered as in the text.
const (
	StepService Step = 0 // request and reply: the receiver process serves the request
	StepCopy    Step = 1 // the sender process's message is copied to the sender's kernel
	StepSend    Step = 2 // the sender's kernel transmits it on the network
	StepArrive  Step = 3 // it arrives at the receiver's kernel
	StepDeliver Step = 4 // the receiver's kernel delivers it to the receiver process
	StepDelAck  Step = 5 // the receiver process acknowledges the delivery to its kernel (request and reply: hands it the reply)
	StepNetAck  Step = 6 // the receiver's kernel sends the acknowledgement (or the reply) over the network
	StepAckIn   Step = 7 // the acknowledgement arrives at the sender's kernel (blocking send: the network interface reports the transmission)
	StepRelease Step = 8 // the sender's kernel releases the sender process
)

// Steps is a set of steps, a bit set indexed by Step.
type Steps uint16

// Of returns the set of the given steps.
func Of(steps ...Step) Steps {
	var s Steps
	for _, st := range steps {
		s |= 1 << st
	}
	return s
}

// Has reports whether st is in the set.
func (s Steps) Has(st Step) bool { return s&(1<<st) != 0 }

// Add returns the set with st added.
func (s Steps) Add(st Step) Steps { return s | 1<<st }

// Contains reports whether every step of t is in s.
func (s Steps) Contains(t Steps) bool { return s&t == t }

// String lists the steps in the text's order, service between 4 and 5:
// "1,2,3,4,service,5".
func (s Steps) String() string {
	var parts []string
	for _, st := range []Step{1, 2, 3, 4, StepService, 5, 6, 7, 8} {
		if s.Has(st) {
			if st == StepService {
				parts = append(parts, "service")
			} else {
				parts = append(parts, strconv.Itoa(int(st)))
			}
		}
	}
	return strings.Join(parts, ",")
}

// A Primitive is one of the text's five send primitives.
type Primitive uint8

// The primitives, in the text's order.
const (
	Nonblocking      Primitive = iota // 1+8: released once the message is in the sender's kernel
	Blocking                          // 1+2+7+8: released once it is transmitted to the network
	ReliableBlocking                  // 1+2+3+6+7+8: released once the receiver's kernel has it
	ExplicitBlocking                  // 1+2+3+4+5+6+7+8: released once the receiver process has it
	RequestReply                      // 1-4, service, 5-8: released with the reply to the processed message
)

var primitiveNames = [...]string{"nonblocking", "blocking", "reliable-blocking", "explicit-blocking", "request-reply"}

// Primitives lists every primitive, in the text's order.
func Primitives() []Primitive {
	return []Primitive{Nonblocking, Blocking, ReliableBlocking, ExplicitBlocking, RequestReply}
}

// PrimitiveNames lists the names ParsePrimitive accepts, in the text's
// order.
func PrimitiveNames() []string { return primitiveNames[:] }

// String returns the primitive's name as the -primitive flag takes it.
func (p Primitive) String() string {
	if int(p) < len(primitiveNames) {
		return primitiveNames[p]
	}
	return "primitive(" + strconv.Itoa(int(p)) + ")"
}

// ParsePrimitive returns the named primitive, false when there is none.
func ParsePrimitive(name string) (Primitive, bool) {
	for i, n := range primitiveNames {
		if n == name {
			return Primitive(i), true
		}
	}
	return 0, false
}

// Text returns the primitive's step list as the text writes it.
func (p Primitive) Text() string {
	return [...]string{"1+8", "1+2+7+8", "1+2+3+6+7+8", "1+2+3+4+5+6+7+8", "1-4, service, 5-8"}[p]
}

// Steps returns the text's step list of the primitive: the steps done
// when the sender is released (release included).
func (p Primitive) Steps() Steps {
	switch p {
	case Nonblocking:
		return Of(1, 8)
	case Blocking:
		return Of(1, 2, 7, 8)
	case ReliableBlocking:
		return Of(1, 2, 3, 6, 7, 8)
	case ExplicitBlocking:
		return Of(1, 2, 3, 4, 5, 6, 7, 8)
	}
	return Of(1, 2, 3, 4, StepService, 5, 6, 7, 8)
}

// Complete returns the steps of a fault-free run once nothing is left to
// do: the primitive's steps and the asynchronous ones that follow a
// release (a message released early still travels and is delivered).
func (p Primitive) Complete() Steps {
	return p.Steps() | Of(1, 2, 3, 4, 8)
}

// after returns the steps that must precede st in a run of p: the
// immediate predecessors along the message's path and the primitive's
// own chain (an acknowledgement follows what it acknowledges, a release
// what the primitive waits for).
func (p Primitive) after(st Step) Steps {
	switch st {
	case StepCopy:
		return 0
	case StepSend:
		return Of(StepCopy)
	case StepArrive:
		return Of(StepSend)
	case StepDeliver:
		return Of(StepArrive)
	case StepService:
		return Of(StepDeliver)
	case StepDelAck:
		if p == RequestReply {
			return Of(StepService)
		}
		return Of(StepDeliver)
	case StepNetAck:
		if p >= ExplicitBlocking {
			return Of(StepDelAck)
		}
		return Of(StepArrive)
	case StepAckIn:
		if p == Blocking {
			return Of(StepSend)
		}
		return Of(StepNetAck)
	}
	// StepRelease
	if p == Nonblocking {
		return Of(StepCopy)
	}
	return Of(StepAckIn)
}

// inOrder reports whether every step of done was preceded by its
// predecessors (whose presence in done is all a state can show).
func (p Primitive) inOrder(done Steps) bool {
	for st := StepService; st <= StepRelease; st++ {
		if done.Has(st) && !done.Contains(p.after(st)) {
			return false
		}
	}
	return true
}
