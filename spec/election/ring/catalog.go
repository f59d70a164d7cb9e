package ring

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the protocol for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    specName,
		Summary: "Chang and Roberts' election on a logical ring: the largest id wins",
		Params: []catalog.Param{
			catalog.IntsParam("ids", "the distinct ids in ring order (each node sends to the next); N is their number",
				"3,1,2", 1, MaxID, 2, MaxN),
			catalog.ChoiceParam("initiators", "who starts: one (the first node), some (every other node, from the first) or all",
				InitAll, InitOne, InitSome, InitAll),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the text's pseudo-code"},
			{Name: VariantNoFlag, Summary: "without the participating flag: still safe, more messages (see check table ring)"},
			{Name: VariantLossy, Summary: "the correct protocol losing one message (drop=1): the election never ends",
				Violates: []string{PropLearns, propDeadlock}, Faults: actor.Faults{Drop: 1}},
		},
		Networks: []actor.Network{actor.FIFO, actor.Unordered},
		Faults:   []string{"drop", "dup"},
		Unit:     "election",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{IDs: c.Ints("ids"), Initiators: c.Value("initiators"), Variant: c.Variant,
			Faults: c.Faults, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: MeasureElection, Of: ElectionMessages},
		{Name: "announcements", Of: Announcements},
	},
	Tables: []catalog.Table{{
		Name:    "ring",
		Summary: "messages per election over every arrangement of ids, N=3.., one initiator and all, beside the textbook figures",
		Compute: computeTable,
	}},
}

// specName is the spec's name in the catalogue (a constant: the table,
// which Spec holds, cannot refer to Spec).
const specName = "ring"

// MeasureElection names the measure of election messages.
const MeasureElection = "election messages"

// propDeadlock is the engines' deadlock check (explore.DeadlockProperty;
// a spec imports no engine).
const propDeadlock = "deadlock free"
