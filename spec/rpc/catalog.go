package rpc

import (
	"io"
	"strconv"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the protocol for the catalogue (package protocols). Every
// variant's default faults are DefaultFaults: one drop, dup, crash and
// restart. The orphans-expiration variants are timed (delay 1 by default):
// any variant runs timed with -delay 1 or more.
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "rpc",
		Summary: "RPC over a lossy network: binding, xids, retransmission, reply cache, crash semantics, orphans",
		Params: []catalog.Param{
			catalog.IntParam("n", "clients (p0 binder, p1 server, p2.. clients)", 1, 1, 2),
			catalog.IntParam("calls", "calls per client (inc and read alternate)", 1, 1, 2),
			catalog.IntParam("retries", "retransmissions per call before the client gives up", 1, 0, 3),
			catalog.IntParam("delay", "message delay bound in ticks; 0: no time (a timer may fire at any moment)", 0, 0, 3),
			catalog.IntParam("lease", "orphans-expiration: the server's lease per client, in ticks", DefaultLease, 1, 4),
		},
		Variants: catalogVariants(),
		Networks: []actor.Network{actor.Unordered, actor.FIFO, actor.Duplicating},
		Faults:   actor.FaultKinds(),
		Unit:     "call",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		cfg, err := VariantConfig(c.Variant)
		if err != nil {
			return nil, err
		}
		cfg.Clients, cfg.Ops, cfg.Retries = c.Int("n"), c.Int("calls"), c.Int("retries")
		cfg.Delay, cfg.Lease = c.Int("delay"), c.Int("lease")
		cfg.Network, cfg.Faults = c.Net(), c.Faults
		return New(cfg)
	},
	Viz: viz,
}

func catalogVariants() []catalog.Variant {
	out := make([]catalog.Variant, len(Variants))
	for i, v := range Variants {
		out[i] = catalog.Variant{Name: v.Name, Summary: v.Summary, Violates: v.Violates, Faults: DefaultFaults}
		if cfg, _ := VariantConfig(v.Name); cfg.Delay > 0 {
			out[i].Params = map[string]string{"delay": strconv.Itoa(cfg.Delay)}
		}
	}
	return out
}

// Action is a step of the protocol.
type Action = actor.Action[Msg]

// viz writes porcupine's view of the client-visible history of s, for the
// "linearizable" property.
func viz(w io.Writer, page catalog.Page, prop string, s State) error {
	if prop != "linearizable" {
		return catalog.ErrNoView
	}
	return Linearization(s).WriteHTMLPage(w, invariants.PageInfo{Protocol: page.Protocol, Params: page.Params,
		Property: page.Property, Verdict: page.Verdict, Clients: ClientNames(s)})
}
