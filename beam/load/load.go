// Package load builds a model from its name and configuration line, on
// the machine that runs the search. The Beam engine's workers cannot
// receive a Go model value (a DoFn is serialized as data), so every DoFn
// carries a protocol name and a canonical configuration line and builds
// the model in its Setup: a catalogue protocol (package protocols) runs
// unchanged on any Beam runner, since every worker runs the same binary.
//
// Programs and tests may register models of their own under names the
// catalogue does not use (Register); the registry is filled by init
// functions, so a worker process has it too.
package load

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// A Builder builds a registered model from its configuration line.
type Builder func(config string) (model.Model[any, any], error)

var (
	mu       sync.Mutex
	registry = map[string]Builder{}
)

// Register adds a model under name, for a program or test that runs its own
// models on the Beam engine. Call it from an init function, so that worker
// processes, which run the same binary, have it too. The model must
// implement Codec. It panics when the name is taken or is a catalogue
// protocol: a programming error.
func Register(name string, b Builder) {
	mu.Lock()
	defer mu.Unlock()
	if _, ok := registry[name]; ok {
		panic("load: a model named " + name + " is registered already")
	}
	if _, err := protocols.Lookup(name); err == nil {
		panic("load: " + name + " is a catalogue protocol")
	}
	registry[name] = b
}

func registered(name string) (Builder, bool) {
	mu.Lock()
	defer mu.Unlock()
	b, ok := registry[name]
	return b, ok
}

// Build builds the named model from a configuration line: a registered
// model, or else a catalogue protocol, whose line must be complete
// (Canonical's output). It returns the model with its types erased and
// its state codec.
func Build(protocol, config string) (model.Model[any, any], Codec, error) {
	if b, ok := registered(protocol); ok {
		m, err := b(config)
		if err != nil {
			return nil, nil, fmt.Errorf("load: %s: %w", protocol, err)
		}
		c, ok := m.(Codec)
		if !ok {
			return nil, nil, fmt.Errorf("load: %s: the model does not implement model.Codec", protocol)
		}
		return m, c, nil
	}
	e, err := protocols.Lookup(protocol)
	if err != nil {
		return nil, nil, err
	}
	c, err := catalog.ParseConfig(config)
	if err != nil {
		return nil, nil, err
	}
	in, err := e.Build(c)
	if err != nil {
		return nil, nil, fmt.Errorf("load: %s %q: %w", protocol, config, err)
	}
	return erased(in)
}

// Canonical resolves a configuration line as a user writes it (any subset
// of "variant=... <param>=... network=... faults=...", the rest from the
// variant's defaults) into the complete line that Build takes. A
// registered model's line is returned as given.
func Canonical(protocol, line string) (string, error) {
	if _, ok := registered(protocol); ok {
		return line, nil
	}
	e, err := protocols.Lookup(protocol)
	if err != nil {
		return "", err
	}
	c, err := catalog.ParseConfig(line)
	if err != nil {
		return "", err
	}
	req := catalog.Request{Variant: c.Variant, Network: c.Network, Params: map[string]string{}}
	for _, a := range c.Args {
		req.Params[a.Name] = a.Value
	}
	if slices.ContainsFunc(strings.Fields(line), func(t string) bool { return strings.HasPrefix(t, "faults=") }) {
		req.Faults = &c.Faults
	}
	rc, err := e.Info().Resolve(req)
	if err != nil {
		return "", err
	}
	return rc.String(), nil
}
