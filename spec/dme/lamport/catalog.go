package lamport

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
		Name:    "lamport",
		Summary: "Lamport's timestamp mutual exclusion: request queues, replies and releases over FIFO channels",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes", 3, 2, MaxN),
			catalog.IntParam("requests", "critical sections each process asks for", 1, 1, MaxRequests),
		},
		Variants: catalogVariants(),
		Networks: []actor.Network{actor.FIFO, actor.Unordered},
		Faults:   []string{"drop", "dup"},
		Unit:     "critical-section entry",
		Figure:   func(n int) string { return fmt.Sprintf("3(N-1) = %d", 3*(n-1)) },
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

// catalogVariants are the variants with what each must violate at its
// own defaults.
func catalogVariants() []catalog.Variant {
	lossy := actor.Faults{Drop: 1, Dup: 1}
	two := map[string]string{"n": "2"} // larger sizes multiply retransmissions or reorderings
	return []catalog.Variant{
		{Name: VariantCorrect, Summary: "the text's algorithm over FIFO channels, fault-free: safe and live"},
		{Name: VariantUnordered, Summary: "the same over an unordered network: a reply overtakes a request",
			Violates: []string{invariants.PropMutex}, Network: actor.Unordered, HasNetwork: true, Params: two},
		{Name: VariantMessageFailure, Summary: "the text's message-failure rules, replies carrying the pending request: safe and live under drop=1,dup=1",
			Faults: lossy, Params: two},
		{Name: VariantResendOnly, Summary: "the four message-failure rules alone: a lost request lets a later reply through (drop=1)",
			Violates: []string{invariants.PropMutex}, Faults: actor.Faults{Drop: 1}, Params: two},
	}
}
