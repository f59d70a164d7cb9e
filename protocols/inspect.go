package protocols

import (
	"bytes"
	"fmt"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// A Position is a state reached by an index path, as a person stepping
// through a model by hand sees it: the path replayed, what the properties
// say of its last state, and the steps enabled there. The explorer
// computes one per click; nothing here runs on an engine's hot path.
type Position struct {
	// Trace is the path replayed: Steps[i] holds the label and the state
	// (of the model's own type) of step i.
	Trace *model.Trace
	// Props evaluates every state property on the last state.
	Props []PropHere
	// Next lists the steps enabled in the last state, in the order Next
	// yields them: Next[i] is path index i.
	Next []Successor
	// Boundary: the state is outside the model's state constraint, so the
	// engines do not expand it (Next still lists its steps).
	Boundary bool
	// Deadlock: no step is enabled, the model declares final states, and
	// this is not one of them.
	Deadlock bool
}

// A PropHere is a state property's predicate evaluated on one state.
type PropHere struct {
	Name   string
	Expect model.Expectation
	Holds  bool // the predicate (P of a leads-to P ~> Q)
	Then   bool // a leads-to's consequence Q; false for other properties
}

// A Successor is one step enabled in a state.
type Successor struct {
	Action string // the step's label
	State  any    // the state it leads to
	// Self: the step leads back to the same state (equal keys, no
	// symmetry reduction): a self-loop.
	Self bool
	// Violates names the Always properties false in the state reached and
	// the step properties false on the step.
	Violates []string
}

// Inits returns the model's initial states, in Init's order (path index i
// is Inits()[i]).
func (in *Instance) Inits() []any { return in.inspect.inits() }

// At replays path (non-empty) and returns the position it reaches. It
// returns an error wrapping explore.ErrReplay when an index is out of
// range.
func (in *Instance) At(path []int) (*Position, error) { return in.inspect.at(path) }

// An inspector gives the explorer and the state graph typed access to a
// model: Build makes one per Instance.
type inspector interface {
	inits() []any
	at(path []int) (*Position, error)
	graph(opts explore.Options, max int) (*Graph, error)
}

// typed is the inspector of a model with states S and actions A.
type typed[S, A any] struct {
	m     model.Model[S, A]
	props []model.Property[S]
	steps []model.StepProperty[S, A]
}

func newInspector[S, A any](m model.Model[S, A]) inspector {
	return &typed[S, A]{m: m, props: m.Properties(), steps: model.StepProperties(m)}
}

func (ti *typed[S, A]) inits() []any {
	var out []any
	ti.m.Init(func(s S) { out = append(out, s) })
	return out
}

func (ti *typed[S, A]) at(path []int) (*Position, error) {
	tr, err := explore.Replay(ti.m, path)
	if err != nil {
		return nil, err
	}
	last, ok := tr.Steps[len(tr.Steps)-1].State.(S)
	if !ok {
		panic(fmt.Sprintf("protocols: a replayed state of type %T is not the model's", tr.Steps[len(tr.Steps)-1].State))
	}
	pos := &Position{Trace: tr}
	for _, p := range ti.props {
		h := PropHere{Name: p.Name, Expect: p.Expect, Holds: p.Holds(last)}
		if p.Then != nil {
			h.Then = p.Then(last)
		}
		pos.Props = append(pos.Props, h)
	}
	key := ti.m.AppendKey(nil, last)
	var buf []byte
	ti.m.Next(last, func(a A, t S) {
		buf = ti.m.AppendKey(buf[:0], t)
		pos.Next = append(pos.Next, Successor{Action: fmt.Sprint(a), State: t, Self: bytes.Equal(buf, key),
			Violates: ti.violations(last, a, t)})
	})
	if c, ok := ti.m.(model.Constrained[S]); ok && !c.Within(last) {
		pos.Boundary = true
	}
	if f, ok := ti.m.(model.Finaler[S]); ok && model.HasFinal(ti.m) && len(pos.Next) == 0 && !pos.Boundary {
		pos.Deadlock = !f.Final(last)
	}
	return pos, nil
}

// violations names the Always properties false in to and the step
// properties false on from -a-> to.
func (ti *typed[S, A]) violations(from S, a A, to S) []string {
	var out []string
	for _, p := range ti.props {
		if p.Expect == model.ExpectAlways && !p.Holds(to) {
			out = append(out, p.Name)
		}
	}
	for _, p := range ti.steps {
		if !p.Holds(from, a, to) {
			out = append(out, p.Name)
		}
	}
	return out
}
