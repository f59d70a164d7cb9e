package rpc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// mustConfig returns the named variant's configuration, changed by edit.
func mustConfig(t *testing.T, variant string, edit func(*Config)) Config {
	t.Helper()
	cfg, err := VariantConfig(variant)
	require.NoError(t, err)
	if edit != nil {
		edit(&cfg)
	}
	return cfg
}

func mustNew(t *testing.T, cfg Config) *actor.System[Proc, Msg] {
	t.Helper()
	sys, err := New(cfg)
	require.NoError(t, err)
	return sys
}

// TestCorrectVariants runs BFS (with the liveness engine, explore.Check) on
// every correct variant: the run is complete, every property holds (every
// Sometimes is witnessed, every call ends), and the distinct count is
// pinned; DFS finds the same count.
func TestCorrectVariants(t *testing.T) {
	tests := []struct {
		name    string
		variant string
		edit    func(*Config)
		want    int64
	}{
		{"at-most-once", "at-most-once", nil, 10429},
		{"orphans-server", "orphans-server", nil, 4212},
		{"server-moved", "server-moved", nil, 64940},
		{"two clients", "at-most-once", func(c *Config) { c.Clients, c.Faults = 2, actor.Faults{Drop: 1} }, 9179},
		{"two calls", "at-most-once", func(c *Config) { c.Ops, c.Faults = 2, actor.Faults{Drop: 1, Dup: 1} }, 8537},
		{"fifo", "at-most-once", func(c *Config) { c.Network = actor.FIFO }, 8291},
		// NB: with a drop on a duplicating network, an exterminating client
		// can lose its only Kill (retransmissions of one message coincide
		// in a set) and block: see TestBrokenVariants.
		{"duplicating", "at-most-once", func(c *Config) { c.Network, c.Faults.Drop = actor.Duplicating, 0 }, 278},
		{"orphans-expiration", "orphans-expiration", nil, 6396},
		// Time can shrink a space: no retransmission is premature when the
		// server answers within the round trip.
		{"at-most-once timed", "at-most-once", func(c *Config) { c.Delay = 1 }, 7381},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want > 50_000 && testing.Short() {
				t.Skip("large in -short mode")
			}
			sys := mustNew(t, mustConfig(t, tt.variant, tt.edit))
			res, err := explore.Check(sys, explore.Options{Workers: 2})
			require.NoError(t, err)
			require.True(t, res.Complete, "BFS explores the whole space")
			for _, p := range res.Properties {
				assert.Equal(t, explore.Holds, p.Status, "property %q", p.Name)
			}
			assert.Equal(t, tt.want, res.Distinct, "distinct states (BFS)")
			dfs, err := explore.DFS(sys, explore.Options{})
			require.NoError(t, err)
			require.True(t, dfs.Complete)
			assert.Equal(t, res.Distinct, dfs.Distinct, "DFS finds the states BFS finds")
		})
	}
}

// TestBrokenVariants checks that every broken variant fails the properties
// it is meant to break, and only those, with BFS and the liveness engine.
func TestBrokenVariants(t *testing.T) {
	tests := []struct {
		name    string
		variant string
		edit    func(*Config)
		fails   []string
		want    int64
	}{
		{"at-least-once", "at-least-once", nil, []string{"linearizable"}, 15319},
		{"maybe", "maybe", nil, []string{"every call executed", "at most once", "linearizable"}, 3227},
		{"server-moved-silent", "server-moved-silent", nil, []string{"stale port rejected", "binding error reported"}, 58302},
		{"orphans-none", "orphans-none", nil, []string{"no orphan outlives its kill rule"}, 3462},
		{"orphans-expiration-no-wait", "orphans-expiration-no-wait", nil, []string{"no orphan outlives its kill rule"}, 5700},
		// NB: findings rather than variants: an exterminating client whose
		// kills are all lost waits for the server forever.
		{"extermination blocks", "at-most-once", func(c *Config) { c.Faults = actor.Faults{Drop: 2, Crash: 1, Restart: 1} },
			[]string{"every call ends", "deadlock free"}, 2776},
		{"extermination blocks (duplicating)", "at-most-once", func(c *Config) { c.Network = actor.Duplicating },
			[]string{"every call ends"}, 1684},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := mustNew(t, mustConfig(t, tt.variant, tt.edit))
			res, err := explore.Check(sys, explore.Options{Workers: 2})
			require.NoError(t, err)
			require.True(t, res.Complete)
			assert.Equal(t, tt.want, res.Distinct, "distinct states")
			var failed []string
			for _, p := range res.Violations() {
				failed = append(failed, p.Name)
			}
			assert.ElementsMatch(t, tt.fails, failed, "the violated properties")
			for _, name := range tt.fails {
				p, ok := res.Property(name)
				require.True(t, ok, name)
				if p.Expect != model.ExpectSometimes {
					require.NotNil(t, p.Trace, "a counterexample for %q", name)
				}
			}
		})
	}
}

// TestAtLeastOnceCounterexample checks the shortest counterexample of the
// at-least-once variant: inc runs twice and the client sees 2.
func TestAtLeastOnceCounterexample(t *testing.T) {
	sys := mustNew(t, mustConfig(t, "at-least-once", nil))
	res, err := explore.BFS(sys, explore.Options{Workers: 2})
	require.NoError(t, err)
	p, ok := res.Property("linearizable")
	require.True(t, ok)
	require.Equal(t, explore.Violated, p.Status)
	require.Equal(t, 8, p.Trace.Len(), "lookup, binding, request, retry, two runs, reply")
	last := p.Trace.Steps[len(p.Trace.Steps)-1].State.(State)
	assert.Equal(t, 2, execs(last, FirstClient, Xid{}), "inc ran twice")
	h := History(last)
	require.Len(t, h, 1)
	assert.Equal(t, 2, h[0].Output, "the client saw inc() -> 2")
	lin := Linearization(last)
	assert.False(t, lin.OK)
}
