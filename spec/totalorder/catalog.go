package totalorder

import (
	"io"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the protocol for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "totalorder",
		Summary: "total-order multicast: proposed times acknowledged, the largest committed, delivery in commit order",
		Params: []catalog.Param{
			catalog.IntParam("n", "processes, each a sender and a receiver", 2, 1, MaxN),
			catalog.IntParam("msgs", "messages each process multicasts", 1, 0, MaxMsgs),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the text's protocol, with a duplicated message (dup=1)",
				Faults: actor.Faults{Dup: 1}},
			{Name: VariantEarlyDelivery, Summary: "broken: a committed message is delivered while a pending one could still commit lower",
				Violates: []string{PropOrder, PropLog}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO, actor.Duplicating},
		Faults:   []string{"dup"},
		Unit:     "multicast message",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{N: c.Int("n"), Msgs: c.Int("msgs"), Variant: c.Variant, Faults: c.Faults, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: Messages},
		{Name: "units", Of: Units},
	},
	Viz: viz,
	Tables: []catalog.Table{{
		Name:    "totalorder",
		Summary: "a process's buffer along a scripted run: acknowledge time, commit time or pending, delivered (-variant, -proc)",
		Compute: computeTable,
	}},
}

// viz writes porcupine's view of the deliveries of s as operations on a
// log, for the property PropLog.
func viz(w io.Writer, page catalog.Page, prop string, s State) error {
	if prop != PropLog {
		return catalog.ErrNoView
	}
	clients := make([]string, len(s.Procs))
	for i := range clients {
		clients[i] = s.ProcName(actor.ID(i))
	}
	return Linearization(s).WriteHTMLPage(w, invariants.PageInfo{Protocol: page.Protocol, Params: page.Params,
		Property: page.Property, Verdict: page.Verdict, Clients: clients})
}
