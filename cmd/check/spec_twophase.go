package main

import "github.com/protocheck/protocheck/spec/twophase"

func init() {
	register(&protocol{
		Name:     "twophase",
		Summary:  "Lamport's abstract two-phase commit (TLA+ TwoPhase); TLC counts 288 states for 3 RMs",
		DefaultN: 3,
		MinN:     1,
		MaxN:     twophase.MaxN,
		NHelp:    "resource managers",
		Variants: []variant{
			{Name: twophase.VariantCorrect, Summary: "the TLA+ spec as written"},
			{Name: twophase.VariantEarlyCommit, Summary: "bug: the TM commits after the first Prepared, not all of them"},
		},
		Build: func(cfg config) (*runner, error) {
			m, err := twophase.New(twophase.Config{N: cfg.N, Variant: cfg.Variant})
			if err != nil {
				return nil, err
			}
			return runnerFor(m), nil
		},
	})
}
