package ricartagrawala

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
		Name:    "ricart-agrawala",
		Summary: "Ricart and Agrawala's mutual exclusion: replies deferred while in, or ahead for, the critical section",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes", 3, 2, MaxN),
			catalog.IntParam("requests", "critical sections each process asks for", 1, 1, MaxRequests),
			catalog.ChoiceParam("history", `lock history for "`+PropLockLinearizable+`" (off: as bench/ra.pml)`, "on", "on", "off"),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the algorithm as published, fault-free: safe and live on an unordered network"},
			{Name: VariantReplyInCS, Summary: "broken: a process in its critical section replies instead of deferring",
				Violates: []string{invariants.PropMutex, PropLockLinearizable}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"drop", "dup"},
		Unit:     "critical-section entry",
		Figure:   func(n int) string { return fmt.Sprintf("2(N-1) = %d", 2*(n-1)) },
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Requests: c.Int("requests"), Variant: c.Variant,
			Faults: c.Faults, Network: c.Net(), History: c.Value("history") == "on"})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Entries},
	},
	Viz: viz,
}
