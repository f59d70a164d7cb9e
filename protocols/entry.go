package protocols

import (
	"fmt"
	"io"
	"slices"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// An Entry is one spec of the catalogue with its state type erased.
type Entry interface {
	// Info is the spec's self-description.
	Info() *catalog.Info
	// Tables are the spec's own tables.
	Tables() []catalog.Table
	// Build validates c against the spec and builds its model.
	Build(c catalog.Config) (*Instance, error)
}

// Of erases a spec's state and action types. It is what list.go calls,
// once per spec.
func Of[S, A any](spec catalog.Spec[S, A]) Entry {
	if spec.Build == nil || spec.Name == "" {
		panic("protocols: a spec needs a Name and a Build function")
	}
	return &entry[S, A]{spec: spec}
}

type entry[S, A any] struct{ spec catalog.Spec[S, A] }

func (e *entry[S, A]) Info() *catalog.Info     { return &e.spec.Info }
func (e *entry[S, A]) Tables() []catalog.Table { return e.spec.Tables }

// A PropInfo is a property's name and expectation, for listings and for
// validating -props.
type PropInfo struct {
	Name   string
	Expect model.Expectation
}

// An Instance is one configuration of a spec, built: the engines, replay
// and views run on it through closures that know its types.
type Instance struct {
	Config catalog.Config
	Props  []PropInfo
	// Symmetric and Final say what the model declares: symmetry reduction
	// and the deadlock check exist only where it does.
	Symmetric, Final bool

	check   func(engine string, opts explore.Options) (*explore.Result, error)
	replay  func(path []int) (*model.Trace, error)
	repro   func(claim explore.Claim, tr *model.Trace) (bool, string, error)
	viz     func(w io.Writer, page catalog.Page, prop string, state any) error
	measure func(opts explore.Options) (*explore.Result, []catalog.Stat, error)
	initial func() int64
	inspect inspector // typed access for the explorer and the state graph (inspect.go)
	// erased is the model with its types erased (erased.go).
	erased model.Model[any, any]
	// measures names the spec's measures; none means no measuring pass.
	measures []string
}

func (e *entry[S, A]) Build(c catalog.Config) (*Instance, error) {
	c, err := e.spec.Validate(c)
	if err != nil {
		return nil, err
	}
	m, err := e.spec.Build(c)
	if err != nil {
		return nil, err
	}
	props := m.Properties()
	in := &Instance{Config: c}
	for _, p := range props {
		in.Props = append(in.Props, PropInfo{Name: p.Name, Expect: p.Expect})
	}
	for _, p := range model.StepProperties(m) {
		in.Props = append(in.Props, PropInfo{Name: p.Name, Expect: model.ExpectAlwaysStep})
	}
	in.Symmetric, in.Final = model.HasSymmetry(m), model.HasFinal(m)
	in.inspect = newInspector(m)
	in.erased = model.Erase(m)
	in.check = func(engine string, opts explore.Options) (*explore.Result, error) {
		return runEngine(m, engine, opts)
	}
	in.replay = func(path []int) (*model.Trace, error) { return explore.Replay(m, path) }
	in.repro = func(claim explore.Claim, tr *model.Trace) (bool, string, error) {
		return reproduction(m, claim, tr)
	}
	if e.spec.Viz != nil {
		in.viz = func(w io.Writer, page catalog.Page, prop string, state any) error {
			s, ok := state.(S)
			if !ok {
				return fmt.Errorf("%s: a state of type %T is not one of this spec's", e.spec.Name, state)
			}
			return e.spec.Viz(w, page, prop, s)
		}
	}
	in.initial = func() (n int64) {
		m.Init(func(S) { n++ })
		return n
	}
	for _, ms := range e.spec.Measures {
		in.measures = append(in.measures, ms.Name)
	}
	in.measure = func(opts explore.Options) (*explore.Result, []catalog.Stat, error) {
		return measure(m, e.spec.Measures, opts)
	}
	return in, nil
}

// Engines are the names -engine accepts: "bfs" runs explore.Check (BFS,
// recording the graph for the liveness analysis in the same pass when the
// model has liveness properties).
var Engines = []string{"bfs", "dfs", "random", "liveness"}

func runEngine[S, A any](m model.Model[S, A], engine string, opts explore.Options) (*explore.Result, error) {
	switch engine {
	case "bfs":
		return explore.Check(m, opts)
	case "bfs-safety":
		return explore.BFS(m, opts)
	case "dfs":
		return explore.DFS(m, opts)
	case "random":
		return explore.Random(m, opts)
	case "liveness":
		return explore.Liveness(m, opts)
	}
	return nil, fmt.Errorf("%w: unknown engine %q", catalog.ErrConfig, engine)
}

// Replay re-executes an index path.
func (in *Instance) Replay(path []int) (*model.Trace, error) { return in.replay(path) }

// Reproduces decides whether a replayed trace still shows what claim says.
func (in *Instance) Reproduces(claim explore.Claim, tr *model.Trace) (bool, string, error) {
	return in.repro(claim, tr)
}

// HasViz reports whether the spec has an HTML view of violations.
func (in *Instance) HasViz() bool { return in.viz != nil }

// Viz writes the spec's HTML view of a violation ending in state.
func (in *Instance) Viz(w io.Writer, page catalog.Page, prop string, state any) error {
	if in.viz == nil {
		return catalog.ErrNoView
	}
	return in.viz(w, page, prop, state)
}

// Prop returns the named property, and false when the model has none.
func (in *Instance) Prop(name string) (PropInfo, bool) {
	i := slices.IndexFunc(in.Props, func(p PropInfo) bool { return p.Name == name })
	if i < 0 {
		return PropInfo{}, false
	}
	return in.Props[i], true
}
