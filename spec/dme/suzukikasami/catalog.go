package suzukikasami

import (
	"fmt"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the algorithm for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "suzuki-kasami",
		Summary: "Suzuki-Kasami broadcast: numbered REQUESTs to all, a token with LN and a queue",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes (p0 starts with the token)", 3, 2, MaxN),
			catalog.IntParam("requests", "critical sections each process asks for", 1, 1, MaxRequests),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the algorithm as the paper gives it: safe and live"},
			{Name: VariantIgnoreSeq, Summary: "broken: an outdated REQUEST is taken as new, the token goes to a process that no longer asks",
				Violates: []string{PropTokenToRequester, invariants.PropGranted, invariants.PropDeadlock}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"drop", "dup"},
		Unit:     "critical-section entry",
		Figure:   func(n int) string { return fmt.Sprintf("N or 0 = %d or 0", n) },
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
