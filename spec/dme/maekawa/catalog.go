package maekawa

import (
	"fmt"
	"math"

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
		Name:    "maekawa",
		Summary: "Maekawa's sqrt(N) quorum voting: request sets, locks, and Failed/Inquire/Relinquish against deadlock",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes (3 and 7: projective planes, 4 and 9: grids, others: majority windows)", 3, 1, MaxN),
			catalog.IntParam("requests", "critical sections each process asks for", 1, 1, MaxRequests),
			catalog.ChoiceParam("quorums", "request sets: maekawa's, or majority windows for every n",
				QuorumsMaekawa, QuorumsMaekawa, QuorumsMajority),
		},
		Variants: []catalog.Variant{
			{Name: VariantInquire, Summary: "Maekawa's algorithm with Failed, Inquire and Relinquish: safe and live"},
			{Name: VariantNoInquire, Summary: "broken: no Failed, Inquire or Relinquish; candidates wait for each other's locks (a deadlock)",
				Violates: []string{PropDeadlock, invariants.PropGranted}},
			{Name: VariantArrivalOnly, Summary: "broken: Failed only on arrival, never to a waiting request overtaken by a later one (a deadlock at n=4)",
				Violates: []string{PropDeadlock, invariants.PropGranted},
				Params:   map[string]string{"n": "4"}, Network: actor.FIFO, HasNetwork: true},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Unit:     "critical-section entry",
		Figure: func(n int) string {
			r := math.Sqrt(float64(n))
			return fmt.Sprintf("3 sqrt N to 5 sqrt N = %.1f..%.1f", 3*r, 5*r)
		},
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Requests: c.Int("requests"), Quorums: c.Value("quorums"),
			Variant: c.Variant, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Entries},
	},
}
