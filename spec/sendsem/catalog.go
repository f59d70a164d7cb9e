package sendsem

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Name is the spec's name in the catalogue.
const Name = "sendsem"

// The variants: the honest ones claim what their primitive gives and
// verify; each broken one claims one guarantee more than its primitive
// gives and must violate exactly that guarantee's property.
const (
	VariantHonest             = "honest"
	VariantNonblockingWire    = "nonblocking-claims-wire"
	VariantBlockingKernel     = "blocking-claims-kernel"
	VariantReliableTaken      = "reliable-claims-taken"
	VariantExplicitReply      = "explicit-claims-reply"
	VariantReliableNeverBlock = "reliable-claims-no-block"
)

// faults are every variant's default budgets: one loss and one crash (of
// either host).
var faults = actor.Faults{Drop: 1, Crash: 1}

// Spec describes the model for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    Name,
		Summary: "the text's eight send steps and five send primitives: what a sender knows when it is released",
		Params: []catalog.Param{
			catalog.ChoiceParam("primitive", "the send primitive", RequestReply.String(), PrimitiveNames()...),
			catalog.ChoiceParam("claim", "the guarantee claimed besides the primitive's own (honest: only its own)",
				ClaimHonest, ClaimNames()...),
		},
		Variants: catalogVariants(),
		Networks: []actor.Network{actor.Unordered},
		Faults:   []string{"drop", "crash"},
		Unit:     "message",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		p, _ := ParsePrimitive(c.Value("primitive"))
		claims, err := ClaimsOf(p, c.Value("claim"))
		if err != nil {
			return nil, err
		}
		return New(Config{Primitive: p, Claims: claims, Faults: c.Faults})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: func(s State) int {
			return int(s.Local(SenderID).Sent) + int(s.Local(ReceiverID).Sent)
		}},
		{Name: "units", Of: func(s State) int {
			if done(s).Has(StepCopy) {
				return 1
			}
			return 0
		}},
	},
	Tables: []catalog.Table{{
		Name:    Name,
		Summary: "primitive x guarantee at the moment the sender is released, each cell a run of the checker",
		Compute: guaranteeTable,
	}},
}

// catalogVariants are the variants with their defaults.
func catalogVariants() []catalog.Variant {
	honest := func(p Primitive) catalog.Variant {
		return catalog.Variant{Name: VariantHonest + "-" + p.String(), Faults: faults,
			Summary: "the " + p.String() + " send (" + p.Text() + ") claimed to give what its steps give",
			Params:  map[string]string{"primitive": p.String()}}
	}
	broken := func(name string, p Primitive, g Guarantee) catalog.Variant {
		return catalog.Variant{Name: name, Faults: faults, Violates: []string{g.Prop()},
			Summary: "broken: the " + p.String() + " send claimed to guarantee " + g.Column(),
			Params:  map[string]string{"primitive": p.String(), "claim": g.Claim()}}
	}
	return []catalog.Variant{
		{Name: VariantHonest, Faults: faults,
			Summary: "the primitive (-primitive) claimed to give exactly what its steps give (drop=1,crash=1)"},
		honest(Nonblocking), honest(Blocking), honest(ReliableBlocking), honest(ExplicitBlocking),
		broken(VariantNonblockingWire, Nonblocking, OnWire),
		broken(VariantBlockingKernel, Blocking, InKernel),
		broken(VariantReliableTaken, ReliableBlocking, Taken),
		broken(VariantExplicitReply, ExplicitBlocking, Replied),
		broken(VariantReliableNeverBlock, ReliableBlocking, NoBlock),
	}
}
