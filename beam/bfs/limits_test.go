package bfs

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/beam/internal/testmodel"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// MaxStates and Time stop a run at a level boundary, incomplete, with no
// property reported as holding; the same directory then resumes and ends
// as a run that never stopped.
func TestLimitsStopAtLevelBoundary(t *testing.T) {
	const config = "n=3 k=2"
	m, err := testmodel.New(config)
	require.NoError(t, err)
	mem := inMemory(t, m, false)
	require.Greater(t, len(mem.levels), 3, "the test needs a few levels")
	spec := Spec{Protocol: testmodel.Name, Config: config}

	limit := mem.levels[0] + mem.levels[1] + 1 // crossed by level 2
	for _, c := range []struct {
		name   string
		opts   Options
		reason string
		levels int // levels committed when it stops
	}{
		{"max states", Options{MaxStates: limit}, "max states", 3},
		{"time", Options{Time: time.Nanosecond}, "time limit", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Dir, c.opts.Shards, c.opts.Full = t.TempDir(), 2, true
			stopped := run(t, spec, c.opts)
			res := stopped.Result
			assert.Equal(t, c.reason, res.StopReason)
			assert.False(t, res.Complete)
			require.Len(t, stopped.Levels, c.levels)
			var want int64
			for _, n := range mem.levels[:c.levels] {
				want += n
			}
			assert.Equal(t, want, res.Distinct, "every committed level counts, none past the boundary")
			always := 0
			for _, p := range res.Properties {
				if p.Expect == model.ExpectAlways {
					always++
					assert.Equal(t, explore.Unknown, p.Status, "%s: an invariant does not hold over part of the space", p.Name)
				}
			}
			assert.Positive(t, always, "the model has invariants")
			assert.Equal(t, explore.ExitIncomplete, res.ExitCode())

			resumed := run(t, spec, Options{Dir: c.opts.Dir, Shards: 2, Full: true})
			assert.Equal(t, c.levels, resumed.Resumed())
			assertSameAsMemory(t, mem, resumed)
		})
	}
}

func TestNegativeLimitsAreRefused(t *testing.T) {
	spec := Spec{Protocol: testmodel.Name, Config: "n=2 k=2"}
	for _, opts := range []Options{{MaxStates: -1}, {Time: -time.Second}} {
		opts.Dir = t.TempDir()
		_, err := Run(context.Background(), spec, opts)
		assert.ErrorContains(t, err, "negative limit", "%+v", opts)
	}
}
