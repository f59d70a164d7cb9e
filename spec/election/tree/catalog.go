package tree

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the model for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "tree",
		Summary: "election on a tree: GHS minimum spanning tree (leader at the final core) or saturation",
		Params: []catalog.Param{
			catalog.ChoiceParam("algorithm", "ghs: Gallager-Humblet-Spira on the graph; saturation: on its minimum spanning tree",
				AlgGHS, Algorithms...),
			catalog.ChoiceParam("graph", "the weighted graph (edge lists in the package doc)", GraphTriangle, GraphNames()...),
			catalog.ChoiceParam("wake", "all: every node may wake up by itself; one: only p0, the others on a message",
				WakeAll, Wakes...),
			catalog.ChoiceParam("queue", "ghs: input: the paper's input queue, a step per message; deferred: fewer schedules",
				QueueInput, Queues...),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the algorithms as published: every property holds"},
			{Name: VariantAnswerTestEarly,
				Summary:  "broken GHS: a Test from a higher level is answered at once; an inner edge joins the tree",
				Violates: []string{PropBranchInMST, PropLearns, PropElected, invariants.PropDeadlock}},
		},
		Networks: []actor.Network{actor.FIFO},
		Unit:     "election",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{Graph: c.Value("graph"), Algorithm: c.Value("algorithm"), Wake: c.Value("wake"),
			Queue: c.Value("queue"), Variant: c.Variant})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Elections},
	},
}
