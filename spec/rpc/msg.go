package rpc

import "fmt"

// An Xid is a request id: the client's epoch (incarnation, bumped on every
// reboot) and the call's index in the client's program. Together with the
// calling process it names one call uniquely across client crashes.
type Xid struct {
	Epoch uint8 // the client's epoch when it made the call
	Seq   uint8 // the call's index in the client's program
}

// String formats the xid as "e0#1".
func (x Xid) String() string { return fmt.Sprintf("e%d#%d", x.Epoch, x.Seq) }

// An OpKind is an operation of the service: a counter with a non-idempotent
// increment and a read.
type OpKind uint8

const (
	// Inc adds one to the counter and returns the new value.
	Inc OpKind = iota
	// Read returns the counter.
	Read
)

// String returns "inc" or "read".
func (k OpKind) String() string {
	if k == Inc {
		return "inc"
	}
	return "read"
}

// A MsgKind is the type of a message.
type MsgKind uint8

// The message types. Lookup/Binding/Register talk to the binder; Request
// and Reply carry a call; Rejected, Crashed are the server's explicit
// exceptions; Kill/KillAck/Hello carry the orphan kill rules.
const (
	Lookup   MsgKind = iota // client -> binder: where is the server?
	Binding                 // binder -> client: Port and Inc of the server
	Register                // server -> binder: I listen on Port, incarnation Inc
	Request                 // client -> server: call Op with Xid, bound to Port and Inc
	Reply                   // server -> client: the result Val of Xid
	Rejected                // server host -> client: nobody listens on that port (the server moved)
	Crashed                 // server -> client: Xid was bound to an older incarnation (the server crashed)
	Kill                    // client -> server: kill my computations of epochs before Epoch (extermination)
	KillAck                 // server -> client: the orphans of epochs before Epoch are dead
	Hello                   // client -> server: I rebooted into Epoch (the server kills older computations)
)

var msgNames = [...]string{"Lookup", "Binding", "Register", "Request", "Reply", "Rejected", "Crashed", "Kill", "KillAck", "Hello"}

// A Msg is a message of the protocol. Fields a kind does not use are zero.
type Msg struct {
	Kind  MsgKind
	Port  uint8  // Binding, Register: the server's port; Request: the port called
	Inc   uint8  // Binding, Register, Request, Crashed: a server incarnation
	Ver   uint8  // Binding, Register: the registration's version (newest wins)
	Xid   Xid    // Request, Reply, Rejected, Crashed: the call
	Op    OpKind // Request: the operation
	Val   int8   // Reply: the result
	Epoch uint8  // Kill, KillAck, Hello: a client epoch
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte {
	return append(dst, byte(m.Kind), m.Port, m.Inc, m.Ver, m.Xid.Epoch, m.Xid.Seq, byte(m.Op), byte(m.Val), m.Epoch)
}

// String formats the message with the fields of its kind, e.g.
// "Request(e0#0 inc port=1 incarnation=0)": the xid, the operation, and
// the server's port and incarnation. "inc" only ever names the increment
// operation; a server incarnation is spelled out.
func (m Msg) String() string {
	name := msgNames[m.Kind]
	switch m.Kind {
	case Binding, Register:
		return fmt.Sprintf("%s(port=%d incarnation=%d version=%d)", name, m.Port, m.Inc, m.Ver)
	case Request:
		return fmt.Sprintf("%s(%v %v port=%d incarnation=%d)", name, m.Xid, m.Op, m.Port, m.Inc)
	case Reply:
		return fmt.Sprintf("%s(%v %d)", name, m.Xid, m.Val)
	case Rejected:
		return fmt.Sprintf("%s(%v no such port)", name, m.Xid)
	case Crashed:
		return fmt.Sprintf("%s(%v incarnation=%d)", name, m.Xid, m.Inc)
	case Kill, KillAck, Hello:
		return fmt.Sprintf("%s(e%d)", name, m.Epoch)
	}
	return name
}

// A Call is the input of a client-visible call in the history.
type Call struct {
	Op  OpKind
	Xid Xid
}

// AppendKey implements actor.Value.
func (c Call) AppendKey(dst []byte) []byte { return append(dst, byte(c.Op), c.Xid.Epoch, c.Xid.Seq) }

// String formats the call as "inc()".
func (c Call) String() string { return c.Op.String() + "()" }

// An OutcomeKind is how a call ended, as the client sees it. Like net/rpc,
// a transport failure is kept apart from a result.
type OutcomeKind uint8

const (
	// OK: a reply arrived; Val is the result.
	OK OutcomeKind = iota
	// Lost: the client gave up after its retransmissions; the call may or
	// may not have been executed.
	Lost
	// ServerCrashed: the server raised the "server crashed" exception (the
	// call was bound to an older incarnation); execution is unknown.
	ServerCrashed
	// BindError: the port the client was bound to has no server any more
	// (the server moved); the client must rebind. Execution is unknown.
	BindError
)

var outcomeNames = [...]string{"ok", "lost", "server crashed", "binding error"}

// String returns the outcome's name.
func (k OutcomeKind) String() string { return outcomeNames[k] }

// An Outcome is the output of a client-visible call in the history.
type Outcome struct {
	Kind OutcomeKind
	Val  int8 // OK: the result
	Xid  Xid  // the call it ends
}

// AppendKey implements actor.Value.
func (o Outcome) AppendKey(dst []byte) []byte {
	return append(dst, byte(o.Kind), byte(o.Val), o.Xid.Epoch, o.Xid.Seq)
}

// String formats the outcome as "ok 2" or "binding error".
func (o Outcome) String() string {
	if o.Kind == OK {
		return fmt.Sprintf("ok %d", o.Val)
	}
	return o.Kind.String()
}
