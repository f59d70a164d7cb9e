package main

import (
	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/twopc"
)

func init() {
	var vs []variant
	for _, v := range twopc.Variants() {
		vs = append(vs, variant{Name: v.Name, Summary: v.Summary})
	}
	register(&protocol{
		Name:     "twopc",
		Summary:  "two-phase commit as actors with stable logs: crash, loss and the text's recovery actions",
		DefaultN: 3,
		MinN:     1,
		MaxN:     twopc.MaxN,
		NHelp:    "participants",
		Variants: vs,
		Faults:   actor.FaultKinds(),
		Networks: actor.NetworkNames(),
		Build:    buildTwoPC,
	})
}

// buildTwoPC makes the twopc model for cfg. Without -faults the run is
// fault-free.
func buildTwoPC(cfg config) (*runner, error) {
	faults, err := actor.FaultsFromMap(cfg.Faults)
	if err != nil {
		return nil, err
	}
	net, err := actor.ParseNetwork(cfg.Network)
	if err != nil {
		return nil, err
	}
	m, err := twopc.New(twopc.Config{N: cfg.N, Variant: cfg.Variant, Faults: faults, Network: net})
	if err != nil {
		return nil, err
	}
	return runnerFor(m), nil
}
