package raymond

import (
	"fmt"
	"math"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the algorithm for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "raymond",
		Summary: "Raymond's tree: requests flow toward the token holder, the token toward the first request",
		Params: []catalog.Param{
			catalog.IntParam("n", "nodes of the tree (p0, the root, starts with the token)", 3, 2, MaxN),
			catalog.IntParam("requests", "critical sections each node asks for", 1, 1, MaxRequests),
			catalog.ChoiceParam("shape", "the tree", Shapes[0], Shapes...),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the algorithm as the paper gives it: safe and live"},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"drop", "dup"},
		Unit:     "critical-section entry",
		Figure:   func(n int) string { return fmt.Sprintf("O(log N), log2 N = %.1f", math.Log2(float64(n))) },
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Requests: c.Int("requests"), Shape: c.Value("shape"),
			Faults: c.Faults, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Entries},
	},
}
