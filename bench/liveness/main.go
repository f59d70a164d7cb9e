// Command liveness prints protocheck's verdicts on the models of weak.pml
// and strong.pml, with and without weak fairness, one line each:
//
//	weak unfair violated
//
// run.sh compares them with SPIN's (pan -a, and pan -a -f).
package main

import (
	"fmt"
	"os"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// state mirrors the Promela globals; Finisher's program counter is done.
type state struct{ x, done bool }

// action is one Promela statement, named by its process.
type action struct{ proc, stmt string }

func (a action) String() string { return a.proc + ": " + a.stmt }

// spinModel is the pair of processes. strong: Finisher is guarded by x
// (strong.pml); otherwise it is always enabled until it runs (weak.pml).
type spinModel struct{ strong bool }

func (spinModel) Init(yield func(state)) { yield(state{}) }

func (m spinModel) Next(s state, yield func(action, state)) {
	yield(action{"Spinner", "x = !x"}, state{x: !s.x, done: s.done})
	if !s.done && (s.x || !m.strong) {
		yield(action{"Finisher", "done = true"}, state{x: s.x, done: true})
	}
}

func (spinModel) AppendKey(dst []byte, s state) []byte {
	return model.AppendBool(model.AppendBool(dst, s.x), s.done)
}

func (spinModel) Properties() []model.Property[state] {
	return []model.Property[state]{model.Eventually("p", func(s state) bool { return s.done })}
}

// fairModel adds SPIN's -f: weak fairness per process.
type fairModel struct{ spinModel }

func (fairModel) FairClass(a action) (string, bool) { return a.proc, true }

func main() {
	for _, name := range []string{"weak", "strong"} {
		base := spinModel{strong: name == "strong"}
		for _, fair := range []bool{false, true} {
			var m model.Model[state, action] = base
			label := "unfair"
			if fair {
				m, label = fairModel{base}, "fair"
			}
			res, err := explore.Liveness(m, explore.Options{})
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			p, _ := res.Property("p")
			fmt.Println(name, label, p.Status)
		}
	}
}
