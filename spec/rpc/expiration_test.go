package rpc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

const propOrphan = "no orphan outlives its kill rule"

// TestExpirationVariantsAtDefaults builds the timed variants through the
// catalogue at their own defaults: orphans-expiration keeps every
// property, orphans-expiration-no-wait fails exactly the orphan property.
func TestExpirationVariantsAtDefaults(t *testing.T) {
	for _, v := range []string{"orphans-expiration", "orphans-expiration-no-wait"} {
		t.Run(v, func(t *testing.T) {
			c, err := Spec.Defaults(v)
			require.NoError(t, err)
			assert.Equal(t, 1, c.Int("delay"), "a timed variant by default")
			exploretest.VariantAtDefaults(t, Spec, v)
		})
	}
}

// TestWaitingOutTheLeaseIsTight: the rebooted client must wait the lease,
// plus the delay bound, plus one tick. Waiting the lease only, a request
// still in flight at the crash renews it later; waiting the lease and the
// delay, the client's first call can come at the very instant the server
// kills the orphan, before it. Each shorter wait fails the orphan property;
// the default wait keeps it (TestCorrectVariants).
func TestWaitingOutTheLeaseIsTight(t *testing.T) {
	for _, tc := range []struct {
		name string
		wait func(c Config) int
		want int64
	}{
		{"lease", func(c Config) int { return c.Lease }, 6321},
		{"lease+delay", func(c Config) int { return c.Lease + c.Delay }, 6360},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := mustConfig(t, "orphans-expiration", func(c *Config) { c.Wait = tc.wait(*c) })
			sys := mustNew(t, cfg)
			res, err := explore.Check(sys, explore.Options{Workers: 2})
			require.NoError(t, err)
			require.True(t, res.Complete)
			assert.Equal(t, tc.want, res.Distinct)
			var failed []string
			for _, p := range res.Violations() {
				failed = append(failed, p.Name)
			}
			assert.Equal(t, []string{propOrphan}, failed)
		})
	}
}

// TestLeaseKillsAtItsDeadline: a request that reaches the server after its
// client crashed starts an orphan; the server kills it exactly Lease ticks
// later (no tick while the kill is due), and the client, rebooted at the
// instant of its crash, is still waiting then. Reference: the chapter's
// "orphan killed by expiration".
func TestLeaseKillsAtItsDeadline(t *testing.T) {
	sys := mustNew(t, mustConfig(t, "orphans-expiration", func(c *Config) { c.Faults = actor.Faults{Crash: 1, Restart: 1} }))
	s := run(t, sys,
		"deliver p2->p0 Lookup",
		"deliver p0->p2 Binding(port=1 incarnation=0 version=0)",
		"crash p2",
		"restart p2",
		"tick",
		"deliver p2->p1 Request(e0#0 inc port=1 incarnation=0)",
	)
	require.Equal(t, Waiting, s.Local(FirstClient).Phase)
	require.Len(t, s.Local(Server).Running, 1, "an orphan")
	left, deadline := s.Remaining(Server, lease(FirstClient))
	require.True(t, deadline)
	require.Equal(t, DefaultLease, left)
	s = step(t, sys, s, "tick")
	s = step(t, sys, s, "tick")
	labels := enabled(sys, s)
	assert.Contains(t, labels, "timeout p1 lease-p2")
	assert.NotContains(t, labels, "tick", "the kill is due: time waits for it")
	s = step(t, sys, s, "timeout p1 lease-p2")
	assert.Empty(t, s.Local(Server).Running, "the orphan is dead")
	assert.True(t, s.Local(Server).Killed)
	assert.Equal(t, Waiting, s.Local(FirstClient).Phase, "the client still waits")
	left, _ = s.Remaining(FirstClient, retryTimer)
	assert.Equal(t, 1, left, "one more tick: lease 2 + delay 1 + 1 since the reboot")
}

// enabled returns the labels of the steps enabled in s.
func enabled(sys *actor.System[Proc, Msg], s State) []string {
	var out []string
	sys.Next(s, func(a actor.Action[Msg], _ State) { out = append(out, a.String()) })
	return out
}

// TestTimedConfigErrors: expiration needs time, and time a network with a
// delay bound.
func TestTimedConfigErrors(t *testing.T) {
	for name, edit := range map[string]func(*Config){
		"expiration untimed": func(c *Config) { c.Delay = 0 },
		"timed duplicating":  func(c *Config) { c.Network = actor.Duplicating },
		"long delay":         func(c *Config) { c.Delay = 4 },
		"no lease":           func(c *Config) { c.Lease = 0 },
	} {
		_, err := New(mustConfig(t, "orphans-expiration", edit))
		assert.ErrorIs(t, err, ErrConfig, name)
	}
}
