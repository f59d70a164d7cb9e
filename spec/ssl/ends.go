package ssl

import (
	"slices"

	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// The timers.
const (
	timerClose  actor.Timer = iota // an open end may close at any time
	timerInject                    // the attacker injects a message
)

// clientActor returns the client's behaviour: offer both suites; on the
// server's answer check that the suite was offered and verify the
// certificate (signed by the authority, for the name "server"), send the
// pre-master secret under the certified key and a Finished over the
// transcript; open on the server's Finished.
func clientActor(cfg Config) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name: "client",
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.Send(attacker, Msg{Kind: ClientHello, Offer: clientSuites})
			p := newEnd(RoleClient)
			p.Offer = clientSuites
			return p
		},
		Receive: func(c *actor.Ctx[Msg], p Proc, _ actor.ID, m Msg) Proc {
			if !cfg.acceptable(client, m) {
				return p
			}
			switch {
			case p.Phase == PhaseHello && m.Kind == ServerHello:
				p.Suite, p.Key, p.Peer = m.Suite, secretC, uint8(m.Term%2)
				c.Send(attacker, Msg{Kind: KeyExchange, Term: enc(int(p.Peer), secretC)})
				if !cfg.finished() {
					return open(c, p)
				}
				c.Send(attacker, Msg{Kind: Finished, Term: p.finished(roleClient)})
				p.Phase = PhaseFinish
			case p.Phase == PhaseFinish && m.Kind == Finished && m.Term == p.finished(roleServer):
				return open(c, p)
			case m.Kind == Close:
				return closed(c, p, m)
			}
			return p
		},
		Timeout: closeNow,
		NoCrash: true,
	}
}

// serverActor returns the server's behaviour: choose the strongest suite
// both support and send it with the certificate; take the pre-master
// secret encrypted under its key; check the client's Finished over its own
// transcript and answer with its Finished; then open.
func serverActor(cfg Config) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name:  "server",
		Start: func(*actor.Ctx[Msg]) Proc { return newEnd(RoleServer) },
		Receive: func(c *actor.Ctx[Msg], p Proc, _ actor.ID, m Msg) Proc {
			if !cfg.acceptable(server, m) {
				return p
			}
			switch {
			case p.Phase == PhaseHello && m.Kind == ClientHello:
				p.Offer = m.Offer
				p.Suite, _ = (m.Offer & serverSuites).Strongest()
				c.Send(attacker, Msg{Kind: ServerHello, Suite: p.Suite, Term: certServer})
				p.Phase = PhaseKey
			case p.Phase == PhaseKey && m.Kind == KeyExchange:
				p.Key = uint8(m.Term-termEnc) % 2
				if !cfg.finished() {
					return open(c, p)
				}
				p.Phase = PhaseFinish
			case p.Phase == PhaseFinish && m.Kind == Finished && m.Term == p.finished(roleClient):
				c.Send(attacker, Msg{Kind: Finished, Term: p.finished(roleServer)})
				return open(c, p)
			case m.Kind == Close:
				return closed(c, p, m)
			}
			return p
		},
		Timeout: closeNow,
		NoCrash: true,
	}
}

// finished returns the Finished an end in FINISH sends or expects from
// role: a MAC under its key over its transcript (its offer and suite).
func (p Proc) finished(role int) dolevyao.Term {
	t, ok := transcript(p.Offer, p.Suite)
	if !ok {
		panic("ssl: transcript " + p.Offer.String() + "/" + p.Suite.String() + " cannot arise")
	}
	return mac(int(p.Key), role, t)
}

// open returns p OPEN, with its close timer set: either side may close.
func open(c *actor.Ctx[Msg], p Proc) Proc {
	p.Phase = PhaseOpen
	c.SetTimer(timerClose)
	return p
}

// closeNow is an open end's close timer: it sends Close under its key and
// is CLOSED.
func closeNow(c *actor.Ctx[Msg], p Proc, _ actor.Timer) Proc {
	if p.Phase == PhaseOpen {
		c.Send(attacker, Msg{Kind: Close, Term: closeTerm(int(p.Key))})
		p.Phase = PhaseClosed
	}
	return p
}

// closed handles a Close: an open end whose key it is under is CLOSED.
func closed(c *actor.Ctx[Msg], p Proc, m Msg) Proc {
	if p.Phase == PhaseOpen && m.Term == closeTerm(int(p.Key)) {
		c.CancelTimer(timerClose)
		p.Phase = PhaseClosed
	}
	return p
}

// clientFinished lists the server Finished messages a client may accept:
// under its key, over a transcript of its own offer.
var clientFinished = func() []dolevyao.Term {
	var out []dolevyao.Term
	for t, tr := range transcripts {
		if tr.Offer == clientSuites {
			out = append(out, mac(secretC, roleServer, t))
		}
	}
	return out
}()

// acceptable reports whether end id accepts m in some state: every check
// an end makes that does not depend on its state. The client takes a
// ServerHello with a suite it offered and, unless it skips verification
// (VariantNoVerify), a certificate signed by the authority for the name
// "server"; a server Finished under its own key over a transcript of its
// offer; a Close under its own key. The server takes an offer with a suite
// it supports, a pre-master secret encrypted under its own key, a client
// Finished and a Close under any key. Finished messages exist only with
// the final check (not VariantNoFinished). The attacker's Forge offers
// only acceptable messages: the others are ignored in every state.
func (cfg Config) acceptable(id actor.ID, m Msg) bool {
	if id == client {
		switch m.Kind {
		case ServerHello:
			signer, name := m.Term/4, m.Term/2%2
			return m.Term < termPMS && clientSuites.Has(m.Suite) && (cfg.Variant == VariantNoVerify || signer == 0 && name == ownerS)
		case Finished:
			return cfg.finished() && slices.Contains(clientFinished, m.Term)
		case Close:
			return m.Term == closeTerm(secretC)
		}
		return false
	}
	switch m.Kind {
	case ClientHello:
		return m.Offer&serverSuites != 0
	case KeyExchange:
		return m.Term == enc(ownerS, secretC) || m.Term == enc(ownerS, secretM)
	case Finished:
		return cfg.finished() && m.Term >= termMAC && m.Term < termClose && int(m.Term-termMAC)%2 == roleClient
	case Close:
		return m.Term == closeTerm(secretC) || m.Term == closeTerm(secretM)
	}
	return false
}
