package sendsem

import (
	"strconv"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Kind is the type of a message on the network.
type Kind uint8

// The messages.
const (
	Data  Kind = iota // the sender's message (step 2 sends it, step 3 receives it)
	Ack               // the receiver kernel's acknowledgement (steps 6 and 7)
	Reply             // request and reply: the reply (steps 6 and 7)
)

var kindNames = [...]string{"Data", "Ack", "Reply"}

// A Msg is a message on the network. There is one message to send, so a
// message is its kind.
type Msg struct {
	Kind Kind
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind)) }

// String returns the message's name.
func (m Msg) String() string {
	if int(m.Kind) < len(kindNames) {
		return kindNames[m.Kind]
	}
	return "Msg?"
}

// A Host is the local state of one host, its process and its kernel
// together: the steps it has taken, the network messages its kernel sent,
// and (sender) whether the reply arrived. The record survives a crash: a
// crashed host never restarts (the spec accepts no restart budget), and
// what it did before the crash is a fact the properties read.
type Host struct {
	Done     Steps // the steps this host took
	Sent     uint8 // messages its kernel put on the network
	GotReply bool  // sender: the reply arrived (request and reply, step 7)
}

// AppendKey implements actor.Value.
func (h Host) AppendKey(dst []byte) []byte {
	dst = model.AppendUint(dst, uint64(h.Done))
	return append(dst, h.Sent, boolByte(h.GotReply))
}

// String formats the host for traces: "done=1,2 sent=1 reply".
func (h Host) String() string {
	s := "done=" + h.Done.String()
	if h.Done == 0 {
		s = "done=none"
	}
	if h.Sent > 0 {
		s += " sent=" + strconv.Itoa(int(h.Sent))
	}
	if h.GotReply {
		s += " reply"
	}
	return s
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// The hosts.
const (
	SenderID   actor.ID = 0 // the sending host: sender process and its kernel
	ReceiverID actor.ID = 1 // the receiving host: its kernel and the receiver process
)

// State is a global state: the two hosts and the network.
type State = actor.State[Host, Msg]

// Action is a step: a delivery, a local step (a timer of the actor layer,
// named after the text's step) or a fault.
type Action = actor.Action[Msg]

// Model is the send as an actor system.
type Model = actor.System[Host, Msg]

// done returns the steps both hosts took.
func done(s State) Steps { return s.Local(SenderID).Done | s.Local(ReceiverID).Done }

// released reports whether the sender process was released (step 8).
func released(s State) bool { return s.Local(SenderID).Done.Has(StepRelease) }

// faulted reports whether a fault step was taken.
func faulted(s State) bool { return s.Used.Drop > 0 || s.Used.Crash > 0 }
