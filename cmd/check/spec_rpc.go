package main

import (
	"fmt"
	"os"

	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/rpc"
)

func init() {
	vs := make([]variant, len(rpc.Variants))
	for i, v := range rpc.Variants {
		vs[i] = variant{Name: v.Name, Summary: v.Summary}
	}
	register(&protocol{
		Name:     "rpc",
		Summary:  "RPC over a lossy network: binding, xids, retransmission, reply cache, crash semantics, orphans",
		DefaultN: 1,
		MinN:     1,
		MaxN:     2,
		NHelp:    "clients",
		Variants: vs,
		Faults:   actor.FaultKinds(),
		Networks: actor.NetworkNames(),
		Build:    buildRPC,
	})
}

// buildRPC makes the rpc model for cfg. Without -faults the run uses
// rpc.DefaultFaults (one drop, dup, crash and restart).
func buildRPC(cfg config) (*runner, error) {
	c, err := rpc.VariantConfig(cfg.Variant)
	if err != nil {
		return nil, err
	}
	c.Clients = cfg.N
	if cfg.Faults != nil {
		if c.Faults, err = actor.FaultsFromMap(cfg.Faults); err != nil {
			return nil, err
		}
	}
	if c.Network, err = actor.ParseNetwork(cfg.Network); err != nil {
		return nil, err
	}
	m, err := rpc.New(c)
	if err != nil {
		return nil, err
	}
	r := runnerFor(m)
	r.viz = vizRPC
	return r, nil
}

// vizRPC writes porcupine's HTML view of the client-visible history in
// state to file, for the "linearizable" property.
func vizRPC(prop string, state any, file string) (err error) {
	if prop != "linearizable" {
		return fmt.Errorf("rpc: no view for %q (only for \"linearizable\")", prop)
	}
	s, ok := state.(rpc.State)
	if !ok {
		return fmt.Errorf("rpc: a state of type %T is not an rpc state", state)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return rpc.Linearization(s).WriteHTML(f)
}
