package rpc

import (
	"bytes"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// expectedFailures lists, per variant, the properties it is meant to break.
var expectedFailures = map[string][]string{
	"at-least-once":       {"linearizable"},
	"maybe":               {"every call executed", "at most once", "linearizable"},
	"server-moved-silent": {"stale port rejected"},
	"orphans-none":        {"no orphan outlives its kill rule"},
}

// TestBrokenFlag checks that the variants marked Broken are the ones with
// expected failures.
func TestBrokenFlag(t *testing.T) {
	for _, v := range Variants {
		_, broken := expectedFailures[v.Name]
		if v.Broken != broken {
			t.Errorf("variant %q: Broken=%v, but expected failures listed: %v", v.Name, v.Broken, broken)
		}
	}
}

// TestRandomSchedules draws a variant and a configuration, then a schedule
// (the index of the next enabled step, so rapid shrinks to short traces).
// After every step it checks that the Always properties the variant must
// keep hold, that Next is deterministic and that it does not mutate its
// input.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.SampledFrom(Variants).Draw(t, "variant")
		cfg, err := VariantConfig(v.Name)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Clients = rapid.IntRange(1, 2).Draw(t, "clients")
		cfg.Ops = rapid.IntRange(1, 2).Draw(t, "ops")
		cfg.Network = actor.Network(rapid.IntRange(0, 2).Draw(t, "network"))
		sys, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var s State
		sys.Init(func(x State) { s = x })
		for i := 0; i < 40; i++ {
			checkAlways(t, sys, s, expectedFailures[v.Name])
			acts, nexts := successors(t, sys, s)
			if len(acts) == 0 {
				return
			}
			k := rapid.IntRange(0, len(acts)-1).Draw(t, "step")
			s = nexts[k]
		}
	})
}

// successors returns the steps of s, checking that Next is deterministic
// and leaves s unchanged.
func successors(t *rapid.T, sys *actor.System[Proc, Msg], s State) ([]string, []State) {
	before := sys.AppendKey(nil, s)
	var acts []string
	var nexts []State
	sys.Next(s, func(a actor.Action[Msg], n State) {
		acts = append(acts, a.String())
		nexts = append(nexts, n)
	})
	if !bytes.Equal(before, sys.AppendKey(nil, s)) {
		t.Fatalf("Next mutated its input state:\n%v", s)
	}
	i := 0
	sys.Next(s, func(a actor.Action[Msg], n State) {
		if i >= len(acts) || a.String() != acts[i] || !bytes.Equal(sys.AppendKey(nil, n), sys.AppendKey(nil, nexts[i])) {
			t.Fatalf("Next is not deterministic at step %d (%s) from\n%v", i, a, s)
		}
		i++
	})
	if i != len(acts) {
		t.Fatalf("Next yielded %d steps, then %d", len(acts), i)
	}
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
