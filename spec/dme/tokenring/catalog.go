package tokenring

import (
	"fmt"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the ring for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "token-ring",
		Summary: "token ring mutual exclusion: wait for the token circulating on a logical ring",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes on the ring", 3, 2, MaxN),
			catalog.IntParam("requests", "critical sections each process asks for", 1, 1, MaxRequests),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the ring, fault-free: safe and live"},
			{Name: VariantLossy, Summary: "the ring losing one message (drop=1): a lost token stops all progress",
				Violates: []string{invariants.PropGranted, invariants.PropDeadlock}, Faults: actor.Faults{Drop: 1}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"drop", "dup"},
		Unit:     "critical-section entry",
		Figure:   func(n int) string { return fmt.Sprintf("0 to N-1 = 0..%d", n-1) },
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Requests: c.Int("requests"), Variant: c.Variant,
			Faults: c.Faults, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Entries},
	},
}
