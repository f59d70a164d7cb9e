package main

import (
	"fmt"
	"io"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/protocols"

	"github.com/protocheck/protocheck/model"
)

// The test-only protocols: "testcounter", two counters a and b that count
// up to n (-n) each, and "testticker", a clock that ticks forever around a
// cycle of n states.

// cstate is testcounter's state.
type cstate struct {
	A, B int
}

func counterModel(n int, variant string) model.Model[cstate, string] {
	limit := 2 * n // "bounded" holds: a+b never exceeds 2n
	if variant == "bug" {
		limit = 2 // fails after three increments
	}
	return model.Func[cstate, string]{
		InitFn: func(yield func(cstate)) { yield(cstate{}) },
		NextFn: func(s cstate, yield func(string, cstate)) {
			if s.A < n {
				yield("inc a", cstate{s.A + 1, s.B})
			}
			if s.B < n {
				yield("inc b", cstate{s.A, s.B + 1})
			}
		},
		KeyFn: func(dst []byte, s cstate) []byte { return model.AppendInt(model.AppendInt(dst, s.A), s.B) },
		Props: []model.Property[cstate]{
			model.Always("bounded", func(s cstate) bool { return s.A+s.B <= limit }),
			model.Sometimes("both move", func(s cstate) bool { return s.A > 0 && s.B > 0 }),
		},
	}
}

// tick is testticker's state: a position on a cycle.
type tick int

func (t tick) String() string { return fmt.Sprintf("at %d", int(t)) }

func tickerModel(n int) model.Model[tick, string] {
	return model.Func[tick, string]{
		InitFn: func(yield func(tick)) { yield(0) },
		NextFn: func(s tick, yield func(string, tick)) { yield("tick", (s+1)%tick(n)) },
		KeyFn:  func(dst []byte, s tick) []byte { return model.AppendInt(dst, int(s)) },
		Props: []model.Property[tick]{
			model.Eventually("reaches n", func(s tick) bool { return int(s) == n }),
		},
	}
}

func init() {
	n := func(def int) []catalog.Param {
		return []catalog.Param{catalog.IntParam("n", "counter limit", def, 1, 2000)}
	}
	protocols.Register(protocols.Of(catalog.Spec[cstate, string]{
		Info: catalog.Info{
			Name:    "testcounter",
			Summary: "test only: two counters",
			Params:  n(2),
			Variants: []catalog.Variant{{Name: "ok", Summary: "bounded holds"},
				{Name: "bug", Summary: "bounded fails", Violates: []string{"bounded"}}},
			Faults:   []string{"drop"},
			Networks: []actor.Network{actor.FIFO, actor.Unordered},
		},
		Build: func(c catalog.Config) (model.Model[cstate, string], error) {
			if c.Faults.Drop > 5 {
				return nil, fmt.Errorf("at most 5 drops")
			}
			return counterModel(c.Int("n"), c.Variant), nil
		},
		Viz: func(w io.Writer, page catalog.Page, prop string, s cstate) error {
			_, err := fmt.Fprintf(w, "<p>%s %s: %v</p>", page.Protocol, prop, s)
			return err
		},
	}))
	protocols.Register(protocols.Of(catalog.Spec[cstate, string]{
		Info: catalog.Info{Name: "testreach", Summary: "test only: a counter with one Sometimes property", Params: n(1000)},
		Build: func(c catalog.Config) (model.Model[cstate, string], error) {
			m := counterModel(c.Int("n"), "ok").(model.Func[cstate, string])
			m.Props = []model.Property[cstate]{model.Sometimes("a moves", func(s cstate) bool { return s.A > 0 })}
			return m, nil
		},
	}))
	protocols.Register(protocols.Of(catalog.Spec[tick, string]{
		Info: catalog.Info{Name: "teststep", Summary: "test only: one step from 0 to 1, no fairness"},
		Build: func(c catalog.Config) (model.Model[tick, string], error) {
			return model.Func[tick, string]{
				InitFn: func(yield func(tick)) { yield(0) },
				NextFn: func(s tick, yield func(string, tick)) {
					if s == 0 {
						yield("step", 1)
					}
				},
				KeyFn: func(dst []byte, s tick) []byte { return model.AppendInt(dst, int(s)) },
				Props: []model.Property[tick]{model.Eventually("reaches 1", func(s tick) bool { return s == 1 })},
			}, nil
		},
	}))
	protocols.Register(protocols.Of(catalog.Spec[tick, string]{
		Info: catalog.Info{Name: "testticker", Summary: "test only: a clock that never reaches n", Params: n(3)},
		Build: func(c catalog.Config) (model.Model[tick, string], error) {
			return tickerModel(c.Int("n")), nil
		},
	}))
}
