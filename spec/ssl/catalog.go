package ssl

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the protocol for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "ssl",
		Summary: "the SSL handshake (suites, certificate, key exchange, Finished, close) under an active attacker; symbolic cryptography",
		Params: []catalog.Param{
			catalog.IntParam("attacker", "messages the attacker may inject (it also reads, forwards and drops)", 2, 0, MaxAttacker),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the text's steps with verification and Finished: secret, authenticated, no downgrade"},
			{Name: VariantNoVerify, Summary: "broken: the client takes any certificate: a man in the middle reads its key",
				Violates: []string{PropSecrecy, PropAuth}},
			{Name: VariantNoFinished, Summary: "broken: no final check of the transcript: the attacker downgrades to the weak suite",
				Violates: []string{PropSuite}},
		},
		Networks: []actor.Network{actor.FIFO},
		Unit:     "handshake",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{Attacker: c.Int("attacker"), Variant: c.Variant})
	},
	Measures: []catalog.Measure[State]{
		{Name: "units", Of: Handshakes},
		{Name: "injected", Of: func(s State) int { return int(s.Local(attacker).Atk.Used) }},
	},
}

// Handshakes returns 1 when the client and the server have both completed
// the handshake with the client's key, else 0.
func Handshakes(s State) int {
	if handshake(s) {
		return 1
	}
	return 0
}
