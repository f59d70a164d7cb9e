package bully

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// DefaultFaults are the fault budgets of both variants: one crash and one
// recovery.
var DefaultFaults = actor.Faults{Crash: 1, Restart: 1}

// Spec describes the protocol for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "bully",
		Summary: "Garcia-Molina's bully election on a complete graph, with crashes, recoveries and reliable timeouts",
		Params: []catalog.Param{
			catalog.IntParam("n", "nodes p0..p{n-1}; the highest live id should lead", 3, 2, MaxN),
			catalog.ChoiceParam("start", "boot: every node starts an election at once; elected: p{n-1} already leads",
				StartBoot, StartBoot, StartElected),
			catalog.IntParam("delay", "message delay bound in ticks; 0: no time, timeouts by an oracle", 0, 0, MaxDelay),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the text's four steps; an oracle lets a timeout expire only for a node that is down",
				Faults: DefaultFaults},
			{Name: VariantTimed, Summary: "the text's four steps with time: the Are-U-Up and ACK timeouts cover a round trip (no oracle)",
				Faults: DefaultFaults, Params: map[string]string{"delay": "1"}},
			{Name: VariantUnreliableTimeouts, Summary: "broken: the Are-U-Up timeout is a round trip's delay bound, which a slow answer does not beat: two leaders",
				Violates: []string{PropOneLeader}, Faults: DefaultFaults, Params: map[string]string{"delay": "1"}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"crash", "restart"},
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Variant: c.Variant, Start: c.Value("start"), Faults: c.Faults, Network: c.Net(),
			Delay: c.Int("delay")})
	},
}
