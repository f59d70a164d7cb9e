package main

import (
	"fmt"
	"sort"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// A protocol is one entry of the catalogue the CLI reads. Each spec adds
// itself from its own file (spec_<name>.go) with register in an init func.
type protocol struct {
	Name     string    // what users type: "twophase", "twopc", "rpc"
	Summary  string    // one line for `check list`
	DefaultN int       // -n when not given
	MinN     int       // smallest accepted -n
	MaxN     int       // largest accepted -n (0: no limit)
	NHelp    string    // what -n counts, e.g. "resource managers"
	Variants []variant // accepted -variant values; the first is the default
	Faults   []string  // fault kinds accepted by -faults (actor models), e.g. "drop", "dup", "crash"
	Networks []string  // accepted -network values (actor models); the first is the default
	// Build makes the model for one configuration and wraps it with
	// runnerFor. It returns an error for a bad combination of values.
	Build func(cfg config) (*runner, error)
}

// A variant is a named configuration of a protocol, broken or not.
type variant struct {
	Name    string // what users type after -variant
	Summary string // one line for `check list`
}

// config is the protocol-independent part of a run's configuration, parsed
// from flags.
type config struct {
	N        int            // -n
	Variant  string         // -variant (never empty: the default is filled in)
	Faults   map[string]int // -faults drop=2,dup=1 (nil when none)
	Network  string         // -network (the default is filled in)
	Symmetry bool           // -symmetry
}

// A runner is a type-erased model: the CLI runs engines on it, replays
// traces and lists its properties without knowing its state type.
type runner struct {
	props  []propInfo
	check  func(engine string, opts explore.Options) (*explore.Result, error)
	replay func(path []int) (*model.Trace, error)
	// holds reports whether the named property holds in the trace's last
	// state (for Always/Sometimes) — used by replay to decide whether the
	// violation still reproduces.
	holds func(prop string, state any) (bool, bool)
	// viz, when set, writes an HTML view for a violated property's final
	// state (porcupine's visualization for linearizability); nil otherwise.
	viz func(prop string, state any, file string) error
	// reproduces decides whether a replayed trace still shows what its file
	// claims (see reproduction). runnerFor fills it in; a runner built by
	// hand without it falls back to holds on the last state.
	reproduces func(prop string, result string, tr *model.Trace) (repro bool, why string, err error)
}

// propInfo is a property's name and expectation, for listings.
type propInfo struct {
	Name   string
	Expect model.Expectation
}

var registry = map[string]*protocol{}

// register adds p to the catalogue; it panics on a duplicate name, which is
// a programming error.
func register(p *protocol) {
	if _, dup := registry[p.Name]; dup {
		panic("check: protocol registered twice: " + p.Name)
	}
	registry[p.Name] = p
}

// protocols returns the catalogue sorted by name.
func protocols() []*protocol {
	out := make([]*protocol, 0, len(registry))
	for _, p := range registry {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// defaultVariant is the variant used when -variant is not given.
func (p *protocol) defaultVariant() string {
	if len(p.Variants) == 0 {
		return ""
	}
	return p.Variants[0].Name
}

// defaultNetwork is the network used when -network is not given.
func (p *protocol) defaultNetwork() string {
	if len(p.Networks) == 0 {
		return ""
	}
	return p.Networks[0]
}

// Engines accepted by -engine; runnerFor maps each to an explore function:
// "bfs" to explore.Check (BFS plus the liveness engine for Eventually and
// LeadsTo properties), "liveness" to the liveness engine alone.
var engines = []string{"bfs", "dfs", "random", "liveness"}

// runnerFor erases a typed model into a runner. Specs' register files call
// it from Build.
func runnerFor[S, A any](m model.Model[S, A]) *runner {
	props := m.Properties()
	r := &runner{}
	for _, p := range props {
		r.props = append(r.props, propInfo{Name: p.Name, Expect: p.Expect})
	}
	r.check = func(engine string, opts explore.Options) (*explore.Result, error) {
		switch engine {
		case "dfs":
			return explore.DFS(m, opts)
		case "random":
			return explore.Random(m, opts)
		case "liveness":
			return explore.Liveness(m, opts)
		default: // "bfs": BFS, then the liveness engine when m has liveness properties
			return explore.Check(m, opts)
		}
	}
	r.replay = func(path []int) (*model.Trace, error) { return explore.Replay(m, path) }
	r.holds = func(name string, state any) (bool, bool) {
		s, ok := state.(S)
		if !ok {
			return false, false
		}
		for _, p := range props {
			if p.Name == name {
				return p.Holds(s), true
			}
		}
		return false, false
	}
	r.reproduces = func(name, result string, tr *model.Trace) (bool, string, error) {
		return reproduction(m, props, name, result, tr)
	}
	return r
}

// propNames lists the names of a runner's properties and the engines' own
// checks, for error messages.
func (r *runner) propNames() []string {
	var out []string
	for _, p := range r.props {
		out = append(out, fmt.Sprintf("%q", p.Name))
	}
	return append(out, fmt.Sprintf("%q", explore.DeadlockProperty), fmt.Sprintf("%q", explore.PanicProperty))
}
