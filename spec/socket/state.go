package socket

import (
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Call is a socket call, as the text names them.
type Call uint8

// The calls. Each is a local step of its process (a timer of the actor
// layer named after the call); CallDone means no call is left.
const (
	CallSocket Call = iota
	CallBind
	CallListen
	CallAccept
	CallConnect
	CallRead
	CallWrite
	CallSendto
	CallRecvfrom
	CallClose
	CallDone
)

// callNames are the calls' names, which are also the timers' names.
var callNames = []string{"socket", "bind", "listen", "accept", "connect", "read", "write", "sendto", "recvfrom", "close"}

// String returns the call's name.
func (c Call) String() string {
	if int(c) < len(callNames) {
		return callNames[c]
	}
	return "done"
}

// Calls is a set of calls, a bit set indexed by Call.
type Calls uint16

// Has reports whether c is in the set.
func (s Calls) Has(c Call) bool { return s&(1<<c) != 0 }

// String lists the calls in Call order: "socket,bind".
func (s Calls) String() string {
	var parts []string
	for c := CallSocket; c < CallDone; c++ {
		if s.Has(c) {
			parts = append(parts, c.String())
		}
	}
	return strings.Join(parts, ",")
}

// maxSegments bounds the request's segments (the receive buffer's size).
const maxSegments = 3

// An End is one endpoint: the process's progress through its calls and
// its kernel's socket (connection state, receive buffer, end of file).
// Made, Gap and the counters are a record the properties read.
type End struct {
	Next     Call              // the next call the process makes; CallDone when finished
	Made     Calls             // the calls made so far
	Conn     bool              // a connection is established (server: the handshake; client: connect completed)
	Pending  bool              // server: a connection request has arrived (waiting for listen or accept)
	Buf      [maxSegments]byte // the segments that arrived and are not read yet, in arrival order
	BufN     uint8             // how many of Buf are in use
	FinIn    bool              // the peer closed: end of file once the buffer is read
	Wrote    uint8             // segments written (sent)
	Read     uint8             // segments read (received)
	Gap      bool              // a segment read was not the next one its peer wrote
	EOF      bool              // a read returned end of file
	GotReply bool              // client: its reply was read
	Early    bool              // server: it closed early
	Sent     uint8             // messages sent on the network (connection requests and closes included)
}

// AppendKey implements actor.Value.
func (e End) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(e.Next))
	dst = model.AppendUint(dst, uint64(e.Made))
	dst = append(dst, e.BufN)
	dst = append(dst, e.Buf[:e.BufN]...)
	return append(dst, flags(e.Conn, e.Pending, e.FinIn, e.Gap, e.EOF, e.GotReply, e.Early), e.Wrote, e.Read, e.Sent)
}

// flags packs booleans in a byte.
func flags(bs ...bool) byte {
	var b byte
	for i, v := range bs {
		if v {
			b |= 1 << i
		}
	}
	return b
}

// String formats the endpoint for traces: "next=read conn buf=[1] wrote=0 read=1".
func (e End) String() string {
	parts := []string{"next=" + e.Next.String()}
	for _, f := range []struct {
		on   bool
		name string
	}{{e.Conn, "conn"}, {e.Pending, "pending"}, {e.FinIn, "fin-in"}, {e.EOF, "eof"},
		{e.GotReply, "reply"}, {e.Early, "closed-early"}, {e.Gap, "gap"}} {
		if f.on {
			parts = append(parts, f.name)
		}
	}
	if e.BufN > 0 {
		segs := make([]string, e.BufN)
		for i := range segs {
			segs[i] = strconv.Itoa(int(e.Buf[i]))
		}
		parts = append(parts, "buf=["+strings.Join(segs, ",")+"]")
	}
	parts = append(parts, "wrote="+strconv.Itoa(int(e.Wrote)), "read="+strconv.Itoa(int(e.Read)))
	return strings.Join(parts, " ")
}

// made returns e with call c recorded and next as its next call.
func (e End) made(c, next Call) End {
	e.Made |= 1 << c
	e.Next = next
	return e
}

// push returns e with segment seg appended to the receive buffer (a full
// buffer, which a correct peer never causes, drops it).
func (e End) push(seg byte) End {
	if int(e.BufN) < maxSegments {
		e.Buf[e.BufN] = seg
		e.BufN++
	}
	return e
}

// pop returns e with the oldest buffered segment read: counted, and a gap
// recorded when it is not the next its peer wrote.
func (e End) pop() End {
	seg := e.Buf[0]
	copy(e.Buf[:], e.Buf[1:e.BufN])
	e.BufN--
	e.Buf[e.BufN] = 0
	e.Read++
	if seg != e.Read {
		e.Gap = true
	}
	return e
}

// readable reports whether a read would return now: data or end of file.
func (e End) readable() bool { return e.BufN > 0 || e.FinIn }

// A Kind is the type of a message on the network.
type Kind uint8

// The messages.
const (
	Connect   Kind = iota // client -> server: connection request (connect)
	Connected             // server kernel -> client: the connection is established
	Data                  // a segment (connection) or datagram (connectionless), numbered from 1
	Fin                   // the sender closed the connection
)

var kindNames = [...]string{"Connect", "Connected", "Data", "Fin"}

// A Msg is a message on the network.
type Msg struct {
	Kind Kind
	Seg  byte // Data: the segment's number, 1.. in the writer's order
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind), m.Seg) }

// String returns "Data(2)", or the kind's name.
func (m Msg) String() string {
	if int(m.Kind) >= len(kindNames) {
		return "Msg?"
	}
	if m.Kind == Data {
		return "Data(" + strconv.Itoa(int(m.Seg)) + ")"
	}
	return kindNames[m.Kind]
}

// The processes.
const (
	ServerID actor.ID = 0
	ClientID actor.ID = 1
)

// State is a global state: the two endpoints and the network.
type State = actor.State[End, Msg]

// Action is a step: a delivery, a call (a timer named after it) or a
// fault.
type Action = actor.Action[Msg]

// Model is the two processes as an actor system.
type Model = actor.System[End, Msg]
