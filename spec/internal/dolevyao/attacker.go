package dolevyao

import (
	"strconv"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A State is the attacker's part of a process state: what it knows and
// what it has done to the traffic.
type State struct {
	Know    Knowledge // closed under the spec's derivation rules
	Used    uint8     // messages injected so far, at most Intruder.Budget
	Dropped bool      // it has dropped a message in transit
}

// Interfered reports whether the attacker has injected or dropped a
// message: until then every honest message was delivered as sent, so the
// protocol must run to its end (specs use it in their final states).
func (s State) Interfered() bool { return s.Used > 0 || s.Dropped }

// AppendKey appends the canonical encoding of s.
func (s State) AppendKey(dst []byte) []byte {
	dst = model.AppendUint(dst, uint64(s.Know))
	return append(dst, s.Used, boolByte(s.Dropped))
}

// Format prints s for traces, naming terms with name (see
// Knowledge.Format): "knows {g, g^c} injected=1 dropped".
func (s State) Format(name func(Term) string) string {
	out := "knows " + s.Know.Format(name)
	if s.Used > 0 {
		out += " injected=" + strconv.Itoa(int(s.Used))
	}
	if s.Dropped {
		out += " dropped"
	}
	return out
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// An Intruder describes the attacker of one protocol: its budget, where
// honest traffic goes, and what it can learn from and build with its
// knowledge. P and M are the actor system's process state and message
// types; the attacker's State lives inside P (Get and Put).
type Intruder[P any, M actor.Message] struct {
	// Budget is the number of messages it may inject in a run (0: a
	// passive attacker that still reads, forwards and may drop).
	Budget int
	// Timer is the spec's timer (an index into actor.Config.Timers) that
	// the attacker uses to inject.
	Timer actor.Timer
	// Honest lists the processes it may inject to, in the order its
	// choices are offered.
	Honest []actor.ID
	// Route returns the process a message from an honest process is for.
	Route func(from actor.ID, m M) actor.ID
	// Initial is what it knows at the start (public terms, its own keys);
	// it is closed under Derive.
	Initial Knowledge
	// Derive returns the terms one step of the attacker's operations adds
	// to k (decryption with known keys, exponentiation with known
	// exponents, ...). It must be monotone; Close iterates it.
	Derive func(k Knowledge) Knowledge
	// Reveal returns the terms message m shows to whoever reads it.
	Reveal func(m M) Knowledge
	// Forge yields every message built from k that process to accepts in
	// some state, in a fixed order.
	Forge func(k Knowledge, to actor.ID, yield func(M))
	// Get returns the attacker's State held in a process state.
	Get func(p P) State
	// Put returns p holding s as the attacker's State.
	Put func(p P, s State) P
	_   struct{} // forbids positional literals
}

// Actor returns the attacker as an actor named name. Its Start knows
// Initial (closed) and arms the inject timer when the budget is positive.
// Receive learns the message and then forwards it or drops it (two steps,
// labelled "[forward]" and "[drop]"). Its timer injects one message: the
// step's label names the target and the message ("[to p1,
// Hello(g^e=4)]"), and the timer is armed again while budget remains.
func (in *Intruder[P, M]) Actor(name string) actor.Actor[P, M] {
	return actor.Actor[P, M]{
		Name:    name,
		Start:   in.start,
		Receive: in.receive,
		Timeout: in.inject,
		NoCrash: true,
	}
}

// Learn returns s knowing what m reveals, closed under Derive.
func (in *Intruder[P, M]) Learn(s State, m M) State {
	s.Know = Close(s.Know|in.Reveal(m), in.Derive)
	return s
}

func (in *Intruder[P, M]) start(c *actor.Ctx[M]) P {
	if in.Budget > 0 {
		c.SetTimer(in.Timer)
	}
	var p P
	return in.Put(p, State{Know: Close(in.Initial, in.Derive)})
}

func (in *Intruder[P, M]) receive(c *actor.Ctx[M], p P, from actor.ID, m M) P {
	s := in.Learn(in.Get(p), m)
	if c.Choose("forward", "drop") == 0 {
		c.Send(in.Route(from, m), m)
	} else {
		s.Dropped = true
	}
	return in.Put(p, s)
}

// inject sends one forged message: first a choice of target among the
// honest processes it can send something to, then a choice of message.
func (in *Intruder[P, M]) inject(c *actor.Ctx[M], p P, _ actor.Timer) P {
	s := in.Get(p)
	var targets []actor.ID
	var names []string
	for _, to := range in.Honest {
		n := 0
		in.Forge(s.Know, to, func(M) { n++ })
		if n > 0 {
			targets = append(targets, to)
			names = append(names, "to "+to.String())
		}
	}
	if len(targets) == 0 {
		return p // nothing to send; the timer is spent
	}
	to := targets[c.Choose(names...)]
	var msgs []M
	names = names[:0]
	in.Forge(s.Know, to, func(m M) {
		msgs = append(msgs, m)
		names = append(names, m.String())
	})
	c.Send(to, msgs[c.Choose(names...)])
	s.Used++
	if int(s.Used) < in.Budget {
		c.SetTimer(in.Timer)
	}
	return in.Put(p, s)
}
