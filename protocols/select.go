package protocols

import (
	"fmt"
	"slices"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
)

// Select parses a -props value: comma-separated property names, "safety"
// (every Always, Sometimes and step property and the deadlock check) or
// "liveness" (every Eventually and LeadsTo property), as TLC's
// configuration selects invariants and properties. "" selects everything
// and returns nil.
func (in *Instance) Select(spec string) ([]string, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, nil
	}
	var out []string
	add := func(name string) {
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		switch item {
		case "safety", "liveness":
			for _, p := range in.Props {
				if p.Expect.Liveness() == (item == "liveness") {
					add(p.Name)
				}
			}
			if item == "safety" && in.Final {
				add(explore.DeadlockProperty)
			}
		case explore.DeadlockProperty:
			if !in.Final {
				return nil, fmt.Errorf("%w: -props %q: the model declares no final states, so deadlock is not checked", catalog.ErrConfig, item)
			}
			add(item)
		default:
			if _, ok := in.Prop(item); !ok {
				return nil, fmt.Errorf("%w: -props: no property %q (it has %s, or safety, liveness)", catalog.ErrConfig, item, in.propNames())
			}
			add(item)
		}
	}
	return out, nil
}

func (in *Instance) propNames() string {
	var names []string
	for _, p := range in.Props {
		names = append(names, fmt.Sprintf("%q", p.Name))
	}
	if in.Final {
		names = append(names, fmt.Sprintf("%q", explore.DeadlockProperty))
	}
	return strings.Join(names, ", ")
}

// Check runs the named engine ("bfs", "dfs", "random", "liveness") and
// reports the selected properties (nil: all), plus a panic if model code
// panicked. With no liveness property selected, "bfs" skips the liveness
// pass.
func (in *Instance) Check(engine string, opts explore.Options, props []string) (*explore.Result, error) {
	if props != nil && engine == "bfs" && !slices.ContainsFunc(props, in.isLiveness) {
		engine = "bfs-safety"
	}
	res, err := in.check(engine, opts)
	if err != nil || props == nil {
		return res, err
	}
	kept := res.Properties[:0:0]
	for _, p := range res.Properties {
		if p.Name == explore.PanicProperty || slices.Contains(props, p.Name) {
			kept = append(kept, p)
		}
	}
	res.Properties = kept
	return res, nil
}

func (in *Instance) isLiveness(name string) bool {
	p, ok := in.Prop(name)
	return ok && p.Expect.Liveness()
}

// InitialStates counts the model's initial states (TLC counts them among
// the states it generates).
func (in *Instance) InitialStates() int64 { return in.initial() }
