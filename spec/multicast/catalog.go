package multicast

import (
	"math/bits"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants: presets of the parameters and faults (the model's
// behaviour is given by the parameters alone). The first is the default.
const (
	// VariantReliable: scenario (c-R), atomic, one global sequencer, under
	// a loss and a sender crash: every property holds.
	VariantReliable = "reliable"
	// VariantFIFO: scenario (a), omission recovery, FIFO, two multicasts,
	// under a loss and a duplication: every property holds.
	VariantFIFO = "fifo"
	// VariantCausal: scenario (c-L), atomic, the text's causal rule, under
	// a loss and a sender crash: every property holds; with one sender,
	// causal (here FIFO) order is one order at the intersection.
	VariantCausal = "causal"
	// VariantBestEffortLoss is broken: best effort under loss omits.
	VariantBestEffortLoss = "best-effort-loss"
	// VariantFIFOOnly is broken: FIFO delivery alone in scenario (b) lets
	// the two receivers order the two senders differently.
	VariantFIFOOnly = "fifo-only"
	// VariantPerGroupCL is broken: total order per group, no cross-group
	// mechanism, in scenario (c-L).
	VariantPerGroupCL = "per-group-c-L"
	// VariantPerGroupDR is broken: the same in scenario (d-R).
	VariantPerGroupDR = "per-group-d-R"
)

// Name is the spec's name in the catalogue.
const Name = "multicast"

// Spec describes the model for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    Name,
		Summary: "group multicast in the text's six scenarios: reliability levels (best effort to atomic) and orderings (FIFO, causal, total, global)",
		Params: []catalog.Param{
			catalog.ChoiceParam("scenario", "the text's figure: senders, groups and overlap", "c-R", ScenarioNames()...),
			catalog.ChoiceParam("reliability", "reliability level", Atomic, Reliabilities()...),
			catalog.ChoiceParam("ordering", "delivery order (total: a sequencer per group; global: one for all groups)", OrderGlobal, Orderings()...),
			catalog.IntParam("msgs", "multicasts per sender (a sender of (c-L) alternates G1 and G2)", 1, 1, MaxPerSender),
		},
		Variants: catalogVariants(),
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"drop", "dup", "crash"},
		Unit:     "multicast",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{Scenario: c.Value("scenario"), Reliability: c.Value("reliability"),
			Ordering: c.Value("ordering"), Msgs: c.Int("msgs"), Faults: c.Faults, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: DataCopies},
		{Name: "units", Of: Multicasts},
	},
	Tables: []catalog.Table{verdictTable},
}

// catalogVariants are the variants with their presets and what each must
// violate at its defaults.
func catalogVariants() []catalog.Variant {
	preset := func(scenario, rel, ord, msgs string) map[string]string {
		return map[string]string{"scenario": scenario, "reliability": rel, "ordering": ord, "msgs": msgs}
	}
	return []catalog.Variant{
		{Name: VariantReliable, Summary: "(c-R), atomic, one global sequencer, under a loss and a sender crash",
			Faults: actor.Faults{Drop: 1, Crash: 1}, Params: preset("c-R", Atomic, OrderGlobal, "1")},
		{Name: VariantFIFO, Summary: "(a), omission recovery (Nack, retransmission), FIFO, two multicasts, under a loss and a duplication",
			Faults: actor.Faults{Drop: 1, Dup: 1}, Params: preset("a", Recovery, OrderFIFO, "2")},
		{Name: VariantCausal, Summary: "(c-L), atomic, the text's causal rule, under a loss and a sender crash",
			Faults: actor.Faults{Drop: 1, Crash: 1}, Params: preset("c-L", Atomic, OrderCausal, "2")},
		{Name: VariantBestEffortLoss, Summary: "broken: best effort under loss: a lost copy is never delivered",
			Violates: []string{PropNoOmission, PropAllOrNone},
			Faults:   actor.Faults{Drop: 1}, Params: preset("a", BestEffort, OrderFIFO, "2")},
		{Name: VariantFIFOOnly, Summary: "broken: FIFO delivery alone in (b): the receivers order the two senders differently",
			Violates: []string{PropTotal}, Params: preset("b", Dedup, OrderFIFO, "1")},
		{Name: VariantPerGroupCL, Summary: "broken: total order per group, no cross-group mechanism, in (c-L)",
			Violates: []string{PropFIFO, PropCausal, PropTotal, PropIntersection}, Params: preset("c-L", Dedup, OrderTotal, "2")},
		{Name: VariantPerGroupDR, Summary: "broken: total order per group, no cross-group mechanism, in (d-R)",
			Violates: []string{PropTotal, PropIntersection}, Params: preset("d-R", Dedup, OrderTotal, "1")},
	}
}

// DataCopies is the "messages" measure: the data copies sent (Data, Relay
// and Order, first transmissions). Retransmissions and the control
// messages Nack and Ack are not counted: counting them would put a counter
// in every state. With a crash budget no state is final (a live sender's
// wait loop, see start), so the measures come from runs without crashes.
func DataCopies(s State) int {
	n := 0
	for _, p := range s.Procs {
		for _, l := range p.Local.Out {
			n += int(l.N)
		}
	}
	return n
}

// Multicasts is the "units" measure: the distinct messages delivered by
// at least one receiver.
func Multicasts(s State) int {
	var any uint8
	for _, p := range s.Procs {
		any |= p.Local.Done
	}
	return bits.OnesCount8(any)
}
