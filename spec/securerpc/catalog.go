package securerpc

import (
	"strconv"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the protocol for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "securerpc",
		Summary: "Secure RPC's Diffie-Hellman key agreement (small M) under an active attacker that carries every message",
		Params: []catalog.Param{
			catalog.ChoiceParam("m", "the prime modulus M (α = 2, or 3 for M = 7)", "11", "5", "7", "11", "13"),
			catalog.IntsParam("secrets", "C_s,S_s,E_s: the client's, the server's and the attacker's secret exponents, each 1..M-2",
				"3,9,2", 1, 11, 3, 3),
			catalog.IntParam("attacker", "messages the attacker may inject (it also reads, forwards and drops)", 3, 0, MaxAttacker),
		},
		Variants: []catalog.Variant{
			{Name: VariantAuthenticated, Summary: "public values from a directory both trust (Sun's Secure RPC): secret and authenticated"},
			{Name: VariantUnauthenticated, Summary: "broken: public values taken from the network: a man in the middle holds a key with each end",
				Violates: []string{PropAgreement, PropSecrecy, PropAuth}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Unit:     "session",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		m, _ := strconv.Atoi(c.Value("m"))
		s := c.Ints("secrets")
		return New(Config{M: m, Secrets: [3]int{s[0], s[1], s[2]}, Attacker: c.Int("attacker"),
			Variant: c.Variant, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Sessions},
		{Name: "injected", Of: func(s State) int { return int(s.Local(attacker).Atk.Used) }},
	},
}

// Messages returns the number of messages the client and the server have
// sent (read off their phases: each phase is entered by sending one).
func Messages(s State) int {
	n := 1 // the client's Hello, sent at the start
	if s.Local(client).Phase == PhaseDone {
		n++ // its Call
	}
	if s.Local(server).Phase >= PhaseKeyed {
		n++ // the server's Hello
	}
	return n
}

// Sessions returns 1 when both ends are DONE with the same key, else 0.
func Sessions(s State) int {
	if agreed(s) {
		return 1
	}
	return 0
}
