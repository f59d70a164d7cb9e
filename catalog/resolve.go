package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// DefaultVariant is the name of the one variant of a spec that lists none.
const DefaultVariant = "default"

// VariantList returns the spec's variants, or the implicit default one.
func (in *Info) VariantList() []Variant {
	if len(in.Variants) == 0 {
		return []Variant{{Name: DefaultVariant, Summary: "the protocol as specified"}}
	}
	return in.Variants
}

// Variant returns the named variant; "" names the default (the first).
func (in *Info) Variant(name string) (*Variant, error) {
	vs := in.VariantList()
	if name == "" {
		return &vs[0], nil
	}
	for i := range vs {
		if vs[i].Name == name {
			return &vs[i], nil
		}
	}
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Name
	}
	return nil, fmt.Errorf("%w: -variant %q: %s has variants %s", ErrConfig, name, in.Name, strings.Join(names, ", "))
}

// Param returns the named parameter, or nil.
func (in *Info) Param(name string) *Param {
	for i := range in.Params {
		if in.Params[i].Name == name {
			return &in.Params[i]
		}
	}
	return nil
}

// A Request is what a user asked for: a variant and the values given on
// the command line. Whatever it leaves out comes from the variant's
// defaults.
type Request struct {
	Variant string            // "" for the default variant
	Params  map[string]string // parameter values given, by name
	Network string            // "" for the variant's default
	Faults  *actor.Faults     // nil for the variant's default budgets
}

// Resolve turns a request into a complete, validated configuration.
func (in *Info) Resolve(r Request) (Config, error) {
	v, err := in.Variant(r.Variant)
	if err != nil {
		return Config{}, err
	}
	c, err := in.Defaults(v.Name)
	if err != nil {
		return Config{}, err
	}
	for name := range r.Params {
		if in.Param(name) == nil {
			return Config{}, fmt.Errorf("%w: %s has no parameter -%s (it has %s)", ErrConfig, in.Name, name, in.paramNames())
		}
	}
	for i, a := range c.Args {
		if val, ok := r.Params[a.Name]; ok {
			c.Args[i].Value = val
		}
	}
	if r.Network != "" {
		if in.Networks == nil {
			return Config{}, fmt.Errorf("%w: -network: %s is not an actor model and has no network", ErrConfig, in.Name)
		}
		c.Network = r.Network
	}
	if r.Faults != nil {
		c.Faults = *r.Faults
	}
	return in.Validate(c)
}

// Defaults returns the named variant's configuration at its defaults.
func (in *Info) Defaults(variant string) (Config, error) {
	v, err := in.Variant(variant)
	if err != nil {
		return Config{}, err
	}
	c := Config{Variant: v.Name, Faults: v.Faults}
	for _, p := range in.Params {
		val := p.Default
		if o, ok := v.Params[p.Name]; ok {
			val = o
		}
		c.Args = append(c.Args, Arg{Name: p.Name, Value: val})
	}
	if len(in.Networks) > 0 {
		c.Network = in.Networks[0].String()
		if v.HasNetwork {
			c.Network = v.Network.String()
		}
	}
	return in.Validate(c)
}

// Validate checks a configuration against the spec and returns it in
// canonical form: parameters in declaration order with canonical values.
// Every parameter must be present (a trace header names them all).
func (in *Info) Validate(c Config) (Config, error) {
	v, err := in.Variant(c.Variant)
	if err != nil {
		return Config{}, err
	}
	out := Config{Variant: v.Name, Faults: c.Faults}
	for _, a := range c.Args {
		if in.Param(a.Name) == nil {
			return Config{}, fmt.Errorf("%w: %s has no parameter %q (it has %s)", ErrConfig, in.Name, a.Name, in.paramNames())
		}
	}
	for _, p := range in.Params {
		i := slices.IndexFunc(c.Args, func(a Arg) bool { return a.Name == p.Name })
		if i < 0 {
			return Config{}, fmt.Errorf("%w: %s needs parameter %q", ErrConfig, in.Name, p.Name)
		}
		val, err := p.Check(c.Args[i].Value)
		if err != nil {
			return Config{}, err
		}
		out.Args = append(out.Args, Arg{Name: p.Name, Value: val})
	}
	if err := in.checkNetwork(c.Network); err != nil {
		return Config{}, err
	}
	out.Network = c.Network
	if err := in.checkFaults(c.Faults); err != nil {
		return Config{}, err
	}
	return out, nil
}

func (in *Info) checkNetwork(name string) error {
	if len(in.Networks) == 0 {
		if name != "" {
			return fmt.Errorf("%w: %s is not an actor model and has no network", ErrConfig, in.Name)
		}
		return nil
	}
	nw, err := actor.ParseNetwork(name)
	if err != nil || name == "" {
		return fmt.Errorf("%w: -network %q: %s accepts %s", ErrConfig, name, in.Name, in.networkNames())
	}
	if !slices.Contains(in.Networks, nw) {
		return fmt.Errorf("%w: -network %q: %s accepts %s", ErrConfig, name, in.Name, in.networkNames())
	}
	return nil
}

func (in *Info) checkFaults(f actor.Faults) error {
	for _, kind := range actor.FaultKinds() {
		if f.Budget(kind) > 0 && !slices.Contains(in.Faults, kind) {
			accepted := "no faults"
			if len(in.Faults) > 0 {
				accepted = strings.Join(in.Faults, ", ")
			}
			return fmt.Errorf("%w: -faults %s: %s accepts %s", ErrConfig, kind, in.Name, accepted)
		}
	}
	return nil
}

func (in *Info) paramNames() string {
	if len(in.Params) == 0 {
		return "none"
	}
	names := make([]string, len(in.Params))
	for i, p := range in.Params {
		names[i] = "-" + p.Name
	}
	return strings.Join(names, ", ")
}

func (in *Info) networkNames() string {
	names := make([]string, len(in.Networks))
	for i, n := range in.Networks {
		names[i] = n.String()
	}
	return strings.Join(names, ", ")
}
