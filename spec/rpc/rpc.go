package rpc

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/model/actor"
)

// ErrConfig is wrapped by every error about an invalid configuration.
var ErrConfig = errors.New("rpc: invalid configuration")

// A Variant is a named configuration: a call semantics, an orphan rule, a
// binding case, or a deliberately broken version.
type Variant struct {
	Name    string // what the CLI's -variant takes
	Summary string // one line
	// Violates lists the properties that must fail at the variant's
	// defaults; empty for a correct variant.
	Violates []string
	apply    func(*Config) // changes the default configuration
}

// Variants lists the variants, the default first.
var Variants = []Variant{
	{Name: "at-most-once", Summary: "dedup by xid, exception on server crash, client gives up after retries",
		apply: func(c *Config) {}},
	{Name: "at-least-once", Summary: "server executes every request, client retries: fails linearizable (inc runs twice)",
		Violates: []string{"linearizable"},
		apply:    func(c *Config) { c.Semantics = AtLeastOnce }},
	{Name: "maybe", Summary: "no retry, no exception: a call may not run at all (or run twice if a duplicate outlives a server crash)",
		Violates: []string{"every call executed", "at most once", "linearizable"},
		apply:    func(c *Config) { c.Semantics = Maybe }},
	{Name: "server-moved", Summary: "the server moves to another port; a stale binding gets a binding error",
		apply: func(c *Config) { c.Moved = true }},
	{Name: "server-moved-silent", Summary: "as server-moved, but the old port drops requests silently: no clear error",
		Violates: []string{"stale port rejected", "binding error reported"},
		apply:    func(c *Config) { c.Moved, c.SilentStale = true, true }},
	{Name: "orphans-extermination", Summary: "the rebooted client kills its orphans before calling again (as the default)",
		apply: func(c *Config) { c.Orphans = Extermination }},
	{Name: "orphans-server", Summary: "the server kills a client's orphans when it hears of its new epoch",
		apply: func(c *Config) { c.Orphans = ServerKill }},
	{Name: "orphans-none", Summary: "nobody kills orphans: fails the orphan property",
		Violates: []string{"no orphan outlives its kill rule"},
		apply:    func(c *Config) { c.Orphans = NoKill }},
	{Name: "orphans-expiration", Summary: "timed: the server kills a client's computations when its lease expires; the rebooted client waits the lease out",
		apply: func(c *Config) { c.Orphans, c.Delay, c.Wait = Expiration, 1, WaitOutLease }},
	{Name: "orphans-expiration-no-wait", Summary: "timed: as orphans-expiration, but the rebooted client calls at once: fails the orphan property",
		Violates: []string{"no orphan outlives its kill rule"},
		apply:    func(c *Config) { c.Orphans, c.Delay, c.Wait = Expiration, 1, 0 }},
}

// DefaultLease is the server's lease per client, in ticks, by default.
const DefaultLease = 2

// DefaultFaults are the fault budgets of the default configuration: one of
// each message fault, one crash (of the server or a client) and one
// restart.
var DefaultFaults = actor.Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1}

// DefaultConfig returns the smallest interesting configuration: one client
// making one increment, one retransmission, at-most-once,
// extermination, an unordered network, DefaultFaults, and no time.
func DefaultConfig() Config {
	return Config{Clients: 1, Ops: 1, Retries: 1, Faults: DefaultFaults, Lease: DefaultLease, Wait: WaitOutLease}
}

// VariantConfig returns the default configuration changed by the named
// variant ("" is the default variant).
func VariantConfig(name string) (Config, error) {
	cfg := DefaultConfig()
	if name == "" {
		name = Variants[0].Name
	}
	for _, v := range Variants {
		if v.Name == name {
			v.apply(&cfg)
			return cfg, nil
		}
	}
	return Config{}, fmt.Errorf("%w: unknown variant %q", ErrConfig, name)
}

// New returns the model of cfg: a binder, a server and cfg.Clients
// clients as an actor system.
func New(cfg Config) (*actor.System[Proc, Msg], error) {
	switch {
	case cfg.Clients < 1 || cfg.Clients > 2:
		return nil, fmt.Errorf("%w: %d clients (want 1..2)", ErrConfig, cfg.Clients)
	case cfg.Ops < 1 || cfg.Ops > 2:
		return nil, fmt.Errorf("%w: %d calls per client (want 1..2)", ErrConfig, cfg.Ops)
	case cfg.Retries < 0 || cfg.Retries > 3:
		return nil, fmt.Errorf("%w: %d retries (want 0..3)", ErrConfig, cfg.Retries)
	case cfg.SilentStale && !cfg.Moved:
		return nil, fmt.Errorf("%w: a silent stale port needs a server that moves", ErrConfig)
	case cfg.Delay < 0 || cfg.Delay > 3 || cfg.Lease < 1 || cfg.Lease > 4 || cfg.Wait < WaitOutLease || cfg.Wait > 12:
		return nil, fmt.Errorf("%w: delay %d (want 0..3), lease %d (want 1..4), wait %d", ErrConfig, cfg.Delay, cfg.Lease, cfg.Wait)
	case cfg.Orphans == Expiration && cfg.Delay == 0:
		return nil, fmt.Errorf("%w: orphan expiration needs time (a delay bound of at least 1 tick)", ErrConfig)
	case cfg.Delay > 0 && cfg.Network == actor.Duplicating:
		return nil, fmt.Errorf("%w: a timed run needs a network with a delay bound (unordered or fifo)", ErrConfig)
	}
	actors := []actor.Actor[Proc, Msg]{cfg.binder(), cfg.server()}
	for i := 0; i < cfg.Clients; i++ {
		actors = append(actors, cfg.client())
	}
	var tc *actor.TimeConfig
	if cfg.Delay > 0 {
		tc = &actor.TimeConfig{MaxDelay: cfg.Delay}
	}
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Time:       tc,
		Properties: cfg.properties(),
		Final:      cfg.final,
	})
}
