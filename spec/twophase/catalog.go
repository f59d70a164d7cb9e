package twophase

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
)

// Spec describes the spec for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "twophase",
		Summary: "Lamport's abstract two-phase commit (TLA+ TwoPhase); TLC counts 288 states for 3 RMs",
		Params: []catalog.Param{
			catalog.IntParam("n", "resource managers", 3, 1, MaxN),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the TLA+ spec as written"},
			{Name: VariantEarlyCommit, Summary: "bug: the TM commits after the first Prepared, not all of them",
				Violates: []string{"consistent"}},
		},
		Symmetry: "resource managers",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Variant: c.Variant})
	},
}
