package causal

import (
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the protocol for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "causal",
		Summary: "causal multicast with vector clocks: the text's accept, delay and reject rule",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes, each a sender and a receiver (scenario text: 3)", 3, 1, MaxN),
			catalog.IntParam("msgs", "messages each process multicasts (scenario uniform)", 1, 0, MaxMsgs),
			catalog.ChoiceParam("scenario", "uniform: every process sends msgs; text: the text's example, P1 sends 2, P2 1, P3 3",
				ScenarioUniform, ScenarioUniform, ScenarioText),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the text's rule, with a duplicated message to reject (dup=1)",
				Faults: actor.Faults{Dup: 1}},
			{Name: VariantDeliverOnReceipt, Summary: "broken: every message is delivered as it arrives",
				Violates: []string{PropCausal}},
			{Name: VariantNoDependencyCheck, Summary: "broken: the rule without the T_k <= S_k test",
				Violates: []string{PropCausal}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"dup"},
		Unit:     "multicast message",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		sends, err := scenarioSends(c.Value("scenario"), c.Int("n"), c.Int("msgs"))
		if err != nil {
			return nil, err
		}
		return New(Config{Sends: sends, Variant: c.Variant, Faults: c.Faults, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Units},
	},
	Tables: []catalog.Table{{
		Name:    "causal",
		Summary: "the text's vector-clock table along a scripted run of its example (-variant to see a broken rule)",
		Compute: computeTable,
	}},
}

// scenarioSends returns the messages each process sends in a scenario.
func scenarioSends(scenario string, n, msgs int) ([]int, error) {
	if scenario == ScenarioText {
		if n != len(TextSends) {
			return nil, fmt.Errorf("%w: scenario text has %d processes, not -n %d", ErrConfig, len(TextSends), n)
		}
		return slices.Clone(TextSends), nil
	}
	sends := make([]int, n)
	for i := range sends {
		sends[i] = msgs
	}
	return sends, nil
}
