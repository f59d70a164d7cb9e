package securerpc

import (
	"github.com/protocheck/protocheck/model/actor"
)

// clientActor returns the client's behaviour: send C_p; from the server's
// answer compute SK_cs = S_p^C_s mod M, check the server's verifier under
// it, and send the first call under it.
func clientActor(cfg Config, g Group) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name: "client",
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.Send(attacker, hello(g, ClientHello, pubC))
			return Proc{}
		},
		Receive: func(c *actor.Ctx[Msg], p Proc, _ actor.ID, m Msg) Proc {
			if p.Phase != PhaseWait || !cfg.acceptable(client, m) {
				return p
			}
			p = derive(p, g, m, atomC)
			p.Phase = PhaseDone
			c.Send(attacker, Msg{Kind: Call, Elem: p.Key})
			return p
		},
		NoCrash: true,
	}
}

// serverActor returns the server's behaviour: on the client's C_p compute
// SK_sc = C_p^S_s mod M and answer with S_p and a verifier under the key;
// a call sealed under the key ends the session.
func serverActor(cfg Config, g Group) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name:  "server",
		Start: func(*actor.Ctx[Msg]) Proc { return Proc{} },
		Receive: func(c *actor.Ctx[Msg], p Proc, _ actor.ID, m Msg) Proc {
			switch {
			case p.Phase == PhaseWait && m.Kind == ClientHello && cfg.acceptable(server, m):
				p = derive(p, g, m, atomS)
				p.Phase = PhaseKeyed
				answer := hello(g, ServerHello, pubS)
				answer.Seal = p.Key
				c.Send(attacker, answer)
			case p.Phase == PhaseKeyed && m.Kind == Call && m.Elem == p.Key:
				p.Phase = PhaseDone
			}
			return p
		},
		NoCrash: true,
	}
}

// hello returns the Hello of kind k carrying public value x.
func hello(g Group, k Kind, x Elem) Msg { return Msg{Kind: k, Elem: x, Value: uint8(g.Value(x))} }

// acceptable reports whether end id accepts m in some state; the ends
// check nothing else but the state-dependent parts (the phase, and for
// the server's Call its own key). Authenticated (Sun's Secure RPC), an
// end takes its peer's public value from the directory both trust: a
// Hello carrying another value is refused. Unauthenticated, whatever
// arrives is taken. The client also refuses a ServerHello whose verifier
// is not sealed under the key it derives from it, and the server a Call
// sealed under a key it could never derive. The attacker's Forge offers
// only acceptable messages: the others are no-ops.
func (cfg Config) acceptable(id actor.ID, m Msg) bool {
	switch {
	case id == client && m.Kind == ServerHello:
		key, ok := m.Elem.Times(atomC)
		return cfg.trusts(m.Elem, pubS) && ok && m.Seal == key
	case id == server && m.Kind == ClientHello:
		_, ok := m.Elem.Times(atomS)
		return cfg.trusts(m.Elem, pubC) && ok
	case id == server && m.Kind == Call:
		for x := range Elem(numElems) {
			if key, ok := x.Times(atomS); ok && key == m.Elem && cfg.trusts(x, pubC) {
				return true
			}
		}
	}
	return false
}

// trusts reports whether an end takes public value x as its peer's, whose
// directory entry is want.
func (cfg Config) trusts(x, want Elem) bool {
	return cfg.Variant == VariantUnauthenticated || x == want
}

// derive returns p holding the key computed from the public value in m
// with its own secret (atom), as the text writes it: symbolically
// Peer^secret, and as a number Value^secret mod M (the step-by-step
// exponentiation of an end, not Group.Value).
func derive(p Proc, g Group, m Msg, atom int) Proc {
	key, ok := m.Elem.Times(atom)
	if !ok {
		// The universe is closed (see Elem): an end never receives a value
		// already holding its own secret twice.
		panic("securerpc: " + m.Elem.String() + " raised past the universe of elements")
	}
	p.Peer, p.Key = m.Elem, key
	p.KeyValue = uint8(g.Pow(int(m.Value), g.Secrets[atom]))
	return p
}
