package main

import (
	"fmt"
	"os"

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
	register(&protocol{
		Name:     "testcounter",
		Summary:  "test only: two counters",
		DefaultN: 2,
		MinN:     1,
		MaxN:     2000,
		NHelp:    "counter limit",
		Variants: []variant{{Name: "ok", Summary: "bounded holds"}, {Name: "bug", Summary: "bounded fails"}},
		Faults:   []string{"drop"},
		Networks: []string{"fifo", "unordered"},
		Build: func(cfg config) (*runner, error) {
			if cfg.Faults["drop"] > 5 {
				return nil, fmt.Errorf("at most 5 drops")
			}
			r := runnerFor(counterModel(cfg.N, cfg.Variant))
			r.viz = func(prop string, state any, file string) error {
				return os.WriteFile(file, []byte(fmt.Sprintf("<p>%s: %v</p>", prop, state)), 0o644)
			}
			return r, nil
		},
	})
	register(&protocol{
		Name:     "testreach",
		Summary:  "test only: a counter with one Sometimes property",
		DefaultN: 1000,
		MinN:     1,
		Build: func(cfg config) (*runner, error) {
			m := counterModel(cfg.N, "ok").(model.Func[cstate, string])
			m.Props = []model.Property[cstate]{model.Sometimes("a moves", func(s cstate) bool { return s.A > 0 })}
			return runnerFor(m), nil
		},
	})
	register(&protocol{
		Name:     "testticker",
		Summary:  "test only: a clock that never reaches n",
		DefaultN: 3,
		MinN:     1,
		Build:    func(cfg config) (*runner, error) { return runnerFor(tickerModel(cfg.N)), nil },
	})
}
