package multicast

import (
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// TestRandomSchedules follows schedules that rapid draws (shrinking a
// failure to a short one) over random configurations without crashes, so
// every run ends. At every state: the safety properties hold where the
// configuration promises them (exploretest.Walk checks every Always
// property, so the walk draws only configurations that promise them: one
// global sequencer, or FIFO or causal order with one sender); a receiver delivers only messages addressed to it, and
// what it delivered is not also held back; "fifo order" and "causal order"
// agree (senders deliver nothing). At the end, from the recovery level up,
// every message has been delivered by every destination.
func TestRandomSchedules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := Config{
			Scenario:    rapid.SampledFrom(ScenarioNames()).Draw(t, "scenario"),
			Reliability: rapid.SampledFrom([]string{Dedup, Recovery, Atomic}).Draw(t, "reliability"),
			Ordering:    OrderGlobal,
			Msgs:        rapid.IntRange(1, MaxPerSender).Draw(t, "msgs"),
			Faults:      actor.Faults{Drop: rapid.IntRange(0, 1).Draw(t, "drop"), Dup: rapid.IntRange(0, 1).Draw(t, "dup")},
		}
		if oneSender(cfg.Scenario) {
			cfg.Ordering = rapid.SampledFrom([]string{OrderFIFO, OrderCausal, OrderGlobal}).Draw(t, "ordering")
		}
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := newPlan(cfg)
		fifo, causal := property(m, PropFIFO), property(m, PropCausal)
		end := exploretest.Walk(t, m, 500, func(step int, s State) {
			if fifo.Holds(s) != causal.Holds(s) {
				t.Fatalf("step %d: fifo order %v, causal order %v in\n%v", step, fifo.Holds(s), causal.Holds(s), s)
			}
			for _, r := range p.ids(roleReceiver) {
				local := s.Local(r)
				for _, mi := range local.delivered() {
					if !slices.Contains(p.msgs[mi].dests, r) {
						t.Fatalf("step %d: %v delivered %s, not addressed to it", step, r, msgName(mi))
					}
				}
				if local.Held&local.Done != 0 {
					t.Fatalf("step %d: %v holds back what it delivered: %s", step, r, local)
				}
			}
		})
		if slices.Index(Reliabilities(), cfg.Reliability) >= int(levelRecovery) && !p.noOmission(end) {
			t.Fatalf("a run ends with an omission:\n%v", end)
		}
	})
}

// oneSender reports whether the scenario has one sender, where FIFO and
// causal order are also total order (and order in the intersection).
func oneSender(scenario string) bool { return scenario == "a" || scenario == "c-L" }

// property returns m's property named name.
func property(m *Model, name string) model.Property[State] {
	for _, p := range m.Properties() {
		if p.Name == name {
			return p
		}
	}
	panic("no property " + name)
}
