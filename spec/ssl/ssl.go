package ssl

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// The variants.
const (
	// VariantCorrect is the text's handshake: the client verifies the
	// certificate, and both ends check the other's Finished.
	VariantCorrect = "correct"
	// VariantNoVerify is broken: the client takes any certificate.
	VariantNoVerify = "no-verify"
	// VariantNoFinished is broken: no Finished messages, so nothing checks
	// that both ends saw the same offer.
	VariantNoFinished = "no-finished"
)

// A Config is one configuration of the model.
type Config struct {
	Attacker int    // messages the attacker may inject, 0..MaxAttacker
	Variant  string // VariantCorrect (""), VariantNoVerify or VariantNoFinished
}

// MaxAttacker is the largest injection budget.
const MaxAttacker = 4

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("ssl: invalid configuration")

// Model is the protocol as an actor system: the client p0, the server p1
// and the attacker p2, which carries every message. Channels are FIFO:
// SSL runs over TCP.
type Model = actor.System[Proc, Msg]

// State is a global state of the model.
type State = actor.State[Proc, Msg]

// Action is a step of the model.
type Action = actor.Action[Msg]

// finished reports whether the ends exchange Finished messages.
func (cfg Config) finished() bool { return cfg.Variant != VariantNoFinished }

// New returns the model of cfg.
func New(cfg Config) (*Model, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantCorrect
	}
	switch cfg.Variant {
	case VariantCorrect, VariantNoVerify, VariantNoFinished:
	default:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	}
	if cfg.Attacker < 0 || cfg.Attacker > MaxAttacker {
		return nil, fmt.Errorf("%w: attacker budget %d (want 0..%d)", ErrConfig, cfg.Attacker, MaxAttacker)
	}
	in := intruder(cfg)
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     []actor.Actor[Proc, Msg]{clientActor(cfg), serverActor(cfg), in.Actor("attacker")},
		Network:    actor.FIFO,
		Timers:     []string{"close", "inject"},
		Properties: properties(),
		Final:      final,
	})
}

// intruder returns the attacker: it knows both certificates the authority
// issued (the server's and its own), its own key pair and pre-master
// secret; see derive1 for what it computes.
func intruder(cfg Config) *dolevyao.Intruder[Proc, Msg] {
	return &dolevyao.Intruder[Proc, Msg]{
		Budget:  cfg.Attacker,
		Timer:   timerInject,
		Honest:  []actor.ID{client, server},
		Route:   func(from actor.ID, _ Msg) actor.ID { return 1 - from },
		Initial: dolevyao.Of(certServer, certMallory, pms(secretM)),
		Derive:  derive1,
		Reveal: func(m Msg) dolevyao.Knowledge {
			if m.Kind == ClientHello {
				return 0 // suites are public constants
			}
			return dolevyao.Of(m.Term)
		},
		Forge: func(k dolevyao.Knowledge, to actor.ID, yield func(Msg)) { forge(cfg, k, to, yield) },
		Get:   func(p Proc) dolevyao.State { return p.Atk },
		Put:   func(p Proc, s dolevyao.State) Proc { p.Role, p.Atk = RoleAttacker, s; return p },
	}
}

// forge yields every message the attacker can build from k that end to
// accepts in some state (Config.acceptable): offers, then answers with
// each suite and each certificate it holds, then every known payload.
func forge(cfg Config, k dolevyao.Knowledge, to actor.ID, yield func(Msg)) {
	try := func(m Msg) {
		if cfg.acceptable(to, m) {
			yield(m)
		}
	}
	for offer := Suites(1); offer <= both; offer++ {
		try(Msg{Kind: ClientHello, Offer: offer})
	}
	for suite := range numSuites {
		for t := range termPMS {
			if k.Has(t) {
				try(Msg{Kind: ServerHello, Suite: suite, Term: t})
			}
		}
	}
	for _, kind := range []Kind{KeyExchange, Finished, Close} {
		for t := range dolevyao.Term(numTerms) {
			if k.Has(t) {
				try(Msg{Kind: kind, Term: t})
			}
		}
	}
}

// final: a connection ends with both ends CLOSED, unless the attacker
// dropped or injected something (then an end may wait for ever).
func final(s State) bool {
	return s.Local(client).Phase == PhaseClosed && s.Local(server).Phase == PhaseClosed || s.Local(attacker).Atk.Interfered()
}

// Property names.
const (
	PropSecrecy   = "secrecy"
	PropAuth      = "server authentication"
	PropSuite     = "suite agreement"
	PropHandshake = "handshake completes"
	PropClosed    = "connection closed"
)

// best is the suite both ends must use: the strongest both support.
var best, _ = (clientSuites & serverSuites).Strongest()

// properties returns the properties of the model.
func properties() []model.Property[State] {
	return []model.Property[State]{
		model.Always(PropSecrecy, secrecy),
		model.Always(PropAuth, authentication),
		model.Always(PropSuite, suiteAgreement),
		model.Sometimes(PropHandshake, handshake),
		model.Sometimes(PropClosed, func(s State) bool {
			return handshake(s) && s.Local(client).Phase == PhaseClosed && s.Local(server).Phase == PhaseClosed
		}),
	}
}

// secrecy: the attacker never learns the client's pre-master secret, from
// which its session key (and hash key) is derived.
func secrecy(s State) bool { return !s.Local(attacker).Atk.Know.Has(pms(secretC)) }

// authentication: the client's peer is the server: a client that
// completed the handshake sent its pre-master secret under the server's
// public key, so that no one but the server can share its session key.
// (It does not ask that the server has completed too: without Finished
// messages the client completes before the server has its key.)
func authentication(s State) bool {
	c := s.Local(client)
	return !c.Completed() || c.Peer == ownerS
}

// suiteAgreement: when the client and the server have both completed the
// handshake with the same key, they use the same suite, the strongest
// both support.
func suiteAgreement(s State) bool {
	c, v := s.Local(client), s.Local(server)
	return !c.Completed() || !v.Completed() || v.Key != c.Key || c.Suite == best && v.Suite == best
}

// handshake: both ends completed the handshake with the client's key.
func handshake(s State) bool {
	c, v := s.Local(client), s.Local(server)
	return c.Completed() && v.Completed() && v.Key == secretC
}
