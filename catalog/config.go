package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// A Config is one configuration of a spec: the variant, a value for every
// parameter, and for actor specs the network and fault budgets. It is the
// one description of a run, from flags to trace headers and JSON and back:
// String formats it and ParseConfig reads it again.
type Config struct {
	Variant string       // never empty once resolved
	Args    []Arg        // every parameter of the spec, in Info.Params order
	Network string       // the network's name; "" for a model that is not an actor system
	Faults  actor.Faults // fault budgets (actor specs)
}

// Value returns the named parameter's value as typed. It panics when the
// spec has no such parameter: a programming error in the spec.
func (c Config) Value(name string) string {
	for _, a := range c.Args {
		if a.Name == name {
			return a.Value
		}
	}
	panic("catalog: config has no parameter " + strconv.Quote(name))
}

// Has reports whether the configuration has the named parameter.
func (c Config) Has(name string) bool {
	return slices.ContainsFunc(c.Args, func(a Arg) bool { return a.Name == name })
}

// Int returns an Int parameter's value.
func (c Config) Int(name string) int {
	n, err := strconv.Atoi(c.Value(name))
	if err != nil {
		panic(fmt.Sprintf("catalog: parameter %q=%q is not a number", name, c.Value(name)))
	}
	return n
}

// Ints returns an Ints parameter's values.
func (c Config) Ints(name string) []int {
	v := c.Value(name)
	if v == "" {
		return nil
	}
	parts := strings.Split(v, ",")
	out := make([]int, len(parts))
	for i, s := range parts {
		n, err := strconv.Atoi(s)
		if err != nil {
			panic(fmt.Sprintf("catalog: parameter %q=%q is not a list of numbers", name, v))
		}
		out[i] = n
	}
	return out
}

// Net returns the network as an actor.Network (Unordered when the config
// names none).
func (c Config) Net() actor.Network {
	n, err := actor.ParseNetwork(c.Network)
	if err != nil {
		panic("catalog: " + err.Error())
	}
	return n
}

// With returns a copy of c with the named parameter set to value (not
// validated: for tables and tests that vary a resolved configuration, which
// then go through Info.Validate).
func (c Config) With(name, value string) Config {
	out := c
	out.Args = slices.Clone(c.Args)
	for i := range out.Args {
		if out.Args[i].Name == name {
			out.Args[i].Value = value
			return out
		}
	}
	out.Args = append(out.Args, Arg{Name: name, Value: value})
	return out
}

// String formats c as space-separated key=value pairs, as trace headers
// and -json print it: "variant=correct n=3 network=unordered faults=crash=1,drop=1".
// Values never contain spaces. ParseConfig reads it back.
func (c Config) String() string {
	parts := []string{"variant=" + c.Variant}
	for _, a := range c.Args {
		parts = append(parts, a.Name+"="+a.Value)
	}
	if c.Network != "" {
		parts = append(parts, "network="+c.Network, "faults="+c.Faults.String())
	}
	return strings.Join(parts, " ")
}

// ParseConfig reads what Config.String writes. Keys other than variant,
// network and faults are parameters, kept in the order given; Info.Validate
// checks them against a spec.
func ParseConfig(s string) (Config, error) {
	var c Config
	seen := map[string]bool{}
	for _, tok := range strings.Fields(s) {
		k, v, ok := strings.Cut(tok, "=")
		if !ok || k == "" {
			return Config{}, fmt.Errorf("%w: want key=value, got %q", ErrConfig, tok)
		}
		if seen[k] {
			return Config{}, fmt.Errorf("%w: %s given twice", ErrConfig, k)
		}
		seen[k] = true
		switch k {
		case "variant":
			c.Variant = v
		case "network":
			c.Network = v
		case "faults":
			f, err := parseFaults(v)
			if err != nil {
				return Config{}, err
			}
			c.Faults = f
		default:
			c.Args = append(c.Args, Arg{Name: k, Value: v})
		}
	}
	return c, nil
}

// parseFaults is actor.ParseFaults, with "none" for no faults (as
// Faults.String prints them).
func parseFaults(s string) (actor.Faults, error) {
	if s == "none" {
		return actor.Faults{}, nil
	}
	return actor.ParseFaults(s)
}

// ParseFaults parses a -faults value: "drop=1,crash=1", "crash" (a count
// of 1), or "none".
func ParseFaults(s string) (actor.Faults, error) { return parseFaults(s) }
