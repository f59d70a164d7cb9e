package actor

import (
	"fmt"
	"strconv"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// tmsg is the test systems' message: a request with a sequence number or
// an acknowledgement of one; Origin names a process (to test symmetry).
type tmsg struct {
	Ack    bool
	Seq    uint8
	Origin ID
}

func (m tmsg) AppendKey(dst []byte) []byte {
	return append(model.AppendBool(dst, m.Ack), m.Seq, byte(m.Origin))
}

func (m tmsg) String() string {
	if m.Ack {
		return "Ack(" + strconv.Itoa(int(m.Seq)) + ")"
	}
	return "Req(" + strconv.Itoa(int(m.Seq)) + ")"
}

// tproc is a test process: Log (stable) holds the sequence numbers
// received, in order; Acks and Sent are volatile.
type tproc struct {
	Log  []uint8
	Acks uint8
	Sent uint8
	Peer ID
}

func (p tproc) AppendKey(dst []byte) []byte {
	dst = model.AppendUints(dst, p.Log)
	return append(dst, p.Acks, p.Sent, byte(p.Peer))
}

func (p tproc) String() string { return fmt.Sprintf("{log:%v acks:%d sent:%d}", p.Log, p.Acks, p.Sent) }

const retry Timer = 0

// echoActor receives requests (logging them, answering Ack) and counts
// acks. The sender p0 sends the requests in sends at start, sets the retry
// timer, and on timeout sends one more request (seq 9) once.
func echoActor(sends []uint8, to ID) Actor[tproc, tmsg] {
	return Actor[tproc, tmsg]{
		Start: func(c *Ctx[tmsg]) tproc {
			for _, q := range sends {
				c.Send(to, tmsg{Seq: q, Origin: c.Self()})
			}
			if len(sends) > 0 {
				c.SetTimer(retry)
			}
			return tproc{Sent: uint8(len(sends)), Peer: to}
		},
		Receive: func(c *Ctx[tmsg], s tproc, from ID, m tmsg) tproc {
			if m.Ack {
				s.Acks = min(s.Acks+1, 3) // bounded for the duplicating network
				return s
			}
			if len(s.Log) >= 3 {
				return s // bounded for the duplicating network
			}
			s.Log = append(s.Log[:len(s.Log):len(s.Log)], m.Seq)
			c.Send(from, tmsg{Ack: true, Seq: m.Seq, Origin: c.Self()})
			return s
		},
		Timeout: func(c *Ctx[tmsg], s tproc, t Timer) tproc {
			c.Send(s.Peer, tmsg{Seq: 9, Origin: c.Self()})
			s.Sent++
			return s
		},
		Stable: func(s tproc) tproc { return tproc{Log: s.Log, Peer: s.Peer} },
	}
}

// echo returns a two-process system: p0 sends sends to p1.
// callingActor is echoActor sending one message to p1 that calls at the
// start and returns on the first ack, so that states carry a history.
func callingActor() Actor[tproc, tmsg] {
	a := echoActor([]uint8{1}, 1)
	start, receive := a.Start, a.Receive
	a.Start = func(c *Ctx[tmsg]) tproc { c.Call(tmsg{Seq: 1}); return start(c) }
	a.Receive = func(c *Ctx[tmsg], s tproc, from ID, m tmsg) tproc {
		if m.Ack && m.Seq == 1 {
			c.Return(m)
		}
		return receive(c, s, from, m)
	}
	return a
}

func echo(t interface{ Fatal(...any) }, net Network, f Faults, sends ...uint8) *System[tproc, tmsg] {
	sys, err := New(Config[tproc, tmsg]{
		Actors:  []Actor[tproc, tmsg]{echoActor(sends, 1), echoActor(nil, 0)},
		Network: net,
		Faults:  f,
		Timers:  []string{"retry"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

type tstate = State[tproc, tmsg]
type taction = Action[tmsg]

// enumerate is a naive reference explorer: a map of keys, a queue, and
// every edge. It is independent of package explore.
func enumerate[P Value, M Message](m model.Model[State[P, M], Action[M]], visit func(from State[P, M], a Action[M], to State[P, M])) map[string]State[P, M] {
	seen := map[string]State[P, M]{}
	var queue []State[P, M]
	add := func(s State[P, M]) {
		k := string(m.AppendKey(nil, s))
		if _, ok := seen[k]; !ok {
			seen[k] = s
			queue = append(queue, s)
		}
	}
	m.Init(add)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.Next(s, func(a Action[M], t State[P, M]) {
			if visit != nil {
				visit(s, a, t)
			}
			add(t)
		})
	}
	return seen
}

func key[P Value, M Message](s State[P, M]) string { return string(appendKey(nil, &s, s.timed())) }

// requireWithinBudget fails t if u uses more of any fault than f allows.
func requireWithinBudget(t require.TestingT, u Used, f Faults) {
	for _, c := range []struct {
		kind      string
		used, max int
	}{{"drop", int(u.Drop), f.Drop}, {"dup", int(u.Dup), f.Dup}, {"crash", int(u.Crash), f.Crash},
		{"restart", int(u.Restart), f.Restart}, {"partition", int(u.Partition), f.Partition}} {
		require.LessOrEqual(t, c.used, c.max, "%s budget exceeded", c.kind)
	}
}
