package rpc

import (
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomSchedules draws a variant and a configuration, then a schedule
// (the index of the next enabled step, so rapid shrinks to short traces).
// After every step it checks that the Always properties the variant must
// keep hold; exploretest.Contract checks the model contract (Next
// deterministic and pure, keys canonical) on a sample of each drawn
// configuration.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.SampledFrom(Variants).Draw(t, "variant")
		cfg, err := VariantConfig(v.Name)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Clients = rapid.IntRange(1, 2).Draw(t, "clients")
		cfg.Ops = rapid.IntRange(1, 2).Draw(t, "ops")
		nets := 2 // a timed variant needs a delay bound: no duplicating network
		if cfg.Delay > 0 {
			nets = 1
		}
		cfg.Network = actor.Network(rapid.IntRange(0, nets).Draw(t, "network"))
		sys, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		exploretest.Contract(t, sys, exploretest.ContractOptions{States: 100, Walks: 2, Depth: 40,
			Seed: rapid.Uint64().Draw(t, "contract seed")})
		var s State
		sys.Init(func(x State) { s = x })
		for i := 0; i < 40; i++ {
			checkAlways(t, sys, s, v.Violates)
			acts, nexts := successors(sys, s)
			if len(acts) == 0 {
				return
			}
			k := rapid.IntRange(0, len(acts)-1).Draw(t, "step")
			s = nexts[k]
		}
	})
}

// successors returns the steps of s (exploretest.Contract checks that Next
// is deterministic and leaves s unchanged).
func successors(sys *actor.System[Proc, Msg], s State) ([]string, []State) {
	var acts []string
	var nexts []State
	sys.Next(s, func(a actor.Action[Msg], n State) {
		acts = append(acts, a.String())
		nexts = append(nexts, n)
	})
	return acts, nexts
}

// checkAlways checks the Always properties of sys on s, except those the
// variant is meant to break.
func checkAlways(t *rapid.T, sys *actor.System[Proc, Msg], s State, broken []string) {
	for _, p := range sys.Properties() {
		if p.Expect != model.ExpectAlways || slices.Contains(broken, p.Name) {
			continue
		}
		if !p.Holds(s) {
			t.Fatalf("%q fails in\n%v", p.Name, s)
		}
	}
}
