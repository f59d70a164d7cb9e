package twopc

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the protocol for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "twopc",
		Summary: "two-phase commit as actors with stable logs: crash, loss and the text's recovery actions",
		Params: []catalog.Param{
			catalog.IntParam("n", "participants (the coordinator is p0)", 3, 1, MaxN),
		},
		Variants: catalogVariants(),
		Networks: []actor.Network{actor.Unordered, actor.FIFO, actor.Duplicating},
		Faults:   actor.FaultKinds(),
		Symmetry: "participants",
		Unit:     "transaction",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Variant: c.Variant, Faults: c.Faults, Network: c.Net()})
	},
}

// catalogVariants are Variants with what each must violate and the faults
// it needs to show it.
func catalogVariants() []catalog.Variant {
	small := map[string]string{"n": "2"}
	crashDrop := actor.Faults{Crash: 1, Drop: 1}
	return []catalog.Variant{
		{Name: VariantCorrect, Summary: "the text's protocol with failure and recovery actions (crash=1,drop=1)",
			Faults: crashDrop},
		{Name: VariantCooperative, Summary: "also cooperative termination: a recovering READY participant asks its peers (crash=1,drop=1)",
			Faults: crashDrop},
		{Name: VariantNeverRecovers, Summary: "the coordinator may crash for good: READY participants block (a liveness lasso)",
			Violates: []string{PropDecides}, Faults: actor.Faults{Crash: 1}, Params: small},
		{Name: VariantRecoverCommits, Summary: "broken: a coordinator recovering in WAIT commits without the votes",
			Violates: []string{PropValidity, PropAtomicity}, Faults: crashDrop, Params: small},
		{Name: VariantReadyAborts, Summary: "broken: a READY participant aborts on timeout instead of asking",
			Violates: []string{PropAtomicity}, Faults: crashDrop, Params: small},
	}
}
