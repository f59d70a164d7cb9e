package voting

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// PropDeadlock is the name under which the engines report a deadlock (a
// state with no step that is not final: explore.DeadlockProperty; a spec
// does not import an engine, and a test checks the two agree).
const PropDeadlock = "deadlock free"

// Spec describes the algorithm for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "voting",
		Summary: "majority voting for the critical section: simple (deadlocks) and with rescension",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes, each a candidate and a voter", 3, 1, MaxN),
			catalog.IntParam("requests", "critical sections each process asks for", 1, 1, MaxRequests),
		},
		Variants: []catalog.Variant{
			{Name: VariantRescension, Summary: "voters may ask for their votes back and vote for the earliest request: safe and live"},
			{Name: VariantSimple, Summary: "broken: votes split with no majority and nobody can go on (a deadlock)",
				Violates: []string{PropDeadlock, invariants.PropGranted}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Unit:     "critical-section entry",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Requests: c.Int("requests"), Variant: c.Variant, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Entries},
	},
}
