package securerpc

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// The variants.
const (
	// VariantAuthenticated takes each end's public value from a directory
	// both trust, as Sun's Secure RPC does (the publickey map): the
	// attacker cannot substitute it.
	VariantAuthenticated = "authenticated"
	// VariantUnauthenticated takes the public values from the network: the
	// attacker runs one exchange with each end, a man in the middle.
	VariantUnauthenticated = "unauthenticated"
)

// A Config is one configuration of the model.
type Config struct {
	M        int           // the prime modulus: 5, 7, 11 or 13 (α is a generator for it)
	Secrets  [3]int        // C_s, S_s and the attacker's E_s, each in 1..M-2
	Attacker int           // messages the attacker may inject, 0..MaxAttacker
	Variant  string        // VariantAuthenticated ("") or VariantUnauthenticated
	Network  actor.Network // Unordered or FIFO
}

// MaxAttacker is the largest injection budget.
const MaxAttacker = 4

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("securerpc: invalid configuration")

// Model is the protocol as an actor system: the client p0, the server p1
// and the attacker p2, which carries every message.
type Model = actor.System[Proc, Msg]

// State is a global state of the model.
type State = actor.State[Proc, Msg]

// Action is a step of the model.
type Action = actor.Action[Msg]

// timerInject is the attacker's timer.
const timerInject actor.Timer = 0

// New returns the model of cfg.
func New(cfg Config) (*Model, error) {
	g, err := cfg.group()
	if err != nil {
		return nil, err
	}
	in := intruder(cfg, g)
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     []actor.Actor[Proc, Msg]{clientActor(cfg, g), serverActor(cfg, g), in.Actor("attacker")},
		Network:    cfg.Network,
		Timers:     []string{"inject"},
		Properties: properties(),
		Final:      final,
	})
}

// group validates cfg and returns its arithmetic.
func (cfg *Config) group() (Group, error) {
	if cfg.Variant == "" {
		cfg.Variant = VariantAuthenticated
	}
	if cfg.Variant != VariantAuthenticated && cfg.Variant != VariantUnauthenticated {
		return Group{}, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	}
	alpha, ok := generators[cfg.M]
	if !ok {
		return Group{}, fmt.Errorf("%w: modulus %d (want 5, 7, 11 or 13)", ErrConfig, cfg.M)
	}
	for _, x := range cfg.Secrets {
		if x < 1 || x > cfg.M-2 {
			return Group{}, fmt.Errorf("%w: secret %d out of range 1..%d", ErrConfig, x, cfg.M-2)
		}
	}
	if cfg.Attacker < 0 || cfg.Attacker > MaxAttacker {
		return Group{}, fmt.Errorf("%w: attacker budget %d (want 0..%d)", ErrConfig, cfg.Attacker, MaxAttacker)
	}
	if cfg.Network != actor.Unordered && cfg.Network != actor.FIFO {
		return Group{}, fmt.Errorf("%w: network %v (want unordered or fifo)", ErrConfig, cfg.Network)
	}
	return Group{M: cfg.M, Alpha: alpha, Secrets: cfg.Secrets}, nil
}

// intruder returns the attacker: it knows α, its own E_s and, when there
// is a directory (authenticated), C_p and S_p; it raises any element it
// knows to E_s and seals a call or a verifier under any element it knows;
// it reads the public values in Hellos and keeps the sealed payloads it
// sees.
func intruder(cfg Config, g Group) *dolevyao.Intruder[Proc, Msg] {
	return &dolevyao.Intruder[Proc, Msg]{
		Budget:  cfg.Attacker,
		Timer:   timerInject,
		Honest:  []actor.ID{client, server},
		Route:   func(from actor.ID, _ Msg) actor.ID { return 1 - from },
		Initial: initial(cfg),
		Derive:  derive1,
		Reveal:  reveal,
		Forge: func(k dolevyao.Knowledge, to actor.ID, yield func(Msg)) {
			forge(cfg, g, k, to, yield)
		},
		Get: func(p Proc) dolevyao.State { return p.Atk },
		Put: func(p Proc, s dolevyao.State) Proc { p.Attacker, p.Atk = true, s; return p },
	}
}

// initial returns what the attacker knows at the start: α and its own
// public value, and the directory's entries, which are public, when there
// is a directory.
func initial(cfg Config) dolevyao.Knowledge {
	k := dolevyao.Of(gen.Term(), pubE.Term())
	if cfg.Variant == VariantAuthenticated {
		k = k.Add(pubC.Term(), pubS.Term())
	}
	return k
}

// reveal returns the terms message m shows: the public value of a Hello,
// and the sealed payloads as they are.
func reveal(m Msg) dolevyao.Knowledge {
	switch m.Kind {
	case ClientHello:
		return dolevyao.Of(m.Elem.Term())
	case ServerHello:
		return dolevyao.Of(m.Elem.Term(), m.Seal.Sealed(PayloadOK))
	}
	return dolevyao.Of(m.Elem.Sealed(PayloadCall))
}

// forge yields every message the attacker can build from k that end to
// accepts in some state (Config.acceptable), in term order.
func forge(cfg Config, g Group, k dolevyao.Knowledge, to actor.ID, yield func(Msg)) {
	try := func(m Msg) {
		if cfg.acceptable(to, m) {
			yield(m)
		}
	}
	for x := range Elem(numElems) {
		if !k.Has(x.Term()) {
			continue
		}
		if to == server {
			try(hello(g, ClientHello, x))
			continue
		}
		for y := range Elem(numElems) {
			if k.Has(y.Sealed(PayloadOK)) {
				m := hello(g, ServerHello, x)
				m.Seal = y
				try(m)
			}
		}
	}
	for x := range Elem(numElems) {
		if to == server && k.Has(x.Sealed(PayloadCall)) {
			try(Msg{Kind: Call, Elem: x})
		}
	}
}

// derive1 is one step of the attacker's operations: exponentiation of a
// known element with its own secret, and sealing a payload under a known
// element. (It opens nothing: a sealed payload is a constant, so opening
// one teaches nothing that sealing it again does not need.)
func derive1(k dolevyao.Knowledge) dolevyao.Knowledge {
	out := k
	for x := range Elem(numElems) {
		if !k.Has(x.Term()) {
			continue
		}
		if y, ok := x.Times(atomE); ok {
			out = out.Add(y.Term())
		}
		out = out.Add(x.Sealed(PayloadCall), x.Sealed(PayloadOK))
	}
	return out
}

// final: a session ends with both ends DONE, unless the attacker dropped
// or injected something (then an end may wait for ever).
func final(s State) bool {
	return s.Local(client).Phase == PhaseDone && s.Local(server).Phase == PhaseDone || s.Local(attacker).Atk.Interfered()
}

// Property names.
const (
	PropAgreement = "agreement"
	PropSecrecy   = "secrecy"
	PropAuth      = "authentication"
	PropAgreed    = "session key agreed"
)

// properties returns the properties of the model.
func properties() []model.Property[State] {
	return []model.Property[State]{
		model.Always(PropAgreement, agreement),
		model.Always(PropSecrecy, secrecy),
		model.Always(PropAuth, authentication),
		model.Sometimes(PropAgreed, agreed),
	}
}

// agreement: once both ends are DONE they hold the same key, symbolically
// and as a number (SK_cs = SK_sc).
func agreement(s State) bool {
	c, v := s.Local(client), s.Local(server)
	return c.Phase != PhaseDone || v.Phase != PhaseDone || c.Key == v.Key && c.KeyValue == v.KeyValue
}

// secrecy: the attacker knows neither end's session key.
func secrecy(s State) bool {
	k := s.Local(attacker).Atk.Know
	for _, id := range []actor.ID{client, server} {
		if p := s.Local(id); p.HasKey() && k.Has(p.Key.Term()) {
			return false
		}
	}
	return true
}

// authentication: each end's peer is the other: a key an end holds is
// α^(C_s*S_s), derived from its own secret and its peer's and nothing
// else (so the client's key was derived with the server's secret, and the
// server's with the client's).
func authentication(s State) bool {
	for _, id := range []actor.ID{client, server} {
		if p := s.Local(id); p.HasKey() && p.Key != keyCS {
			return false
		}
	}
	return true
}

// agreed: both ends DONE with the same key.
func agreed(s State) bool {
	c, v := s.Local(client), s.Local(server)
	return c.Phase == PhaseDone && v.Phase == PhaseDone && c.Key == v.Key
}
