package bfs

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/beam/internal/testmodel"
	"github.com/protocheck/protocheck/beam/load"
	"github.com/protocheck/protocheck/beam/store"
	"github.com/protocheck/protocheck/explore"
)

// failRunner is a Runner that must not be called: the levels it would
// compute are in the run directory already.
func failRunner(t *testing.T) Runner {
	return func(context.Context, *beam.Pipeline) error {
		t.Error("a committed level was computed again")
		return errors.New("not expected")
	}
}

// A run stopped at a depth, with a level half written after it (as a
// killed run leaves it), restarts from its last committed level and ends
// as a run that never stopped; a finished run is read back without
// running a pipeline.
func TestRestartFromCheckpoint(t *testing.T) {
	line, err := load.Canonical("twopc", "variant=ready-aborts n=2")
	require.NoError(t, err)
	spec := Spec{Protocol: "twopc", Config: line}
	m, _, err := load.Build(spec.Protocol, spec.Config)
	require.NoError(t, err)
	mem := inMemory(t, m, false)

	dir := t.TempDir()
	first := run(t, spec, Options{Dir: dir, Shards: 3, MaxDepth: 4, Full: true})
	require.Equal(t, "max depth", first.Result.StopReason)
	require.Len(t, first.Levels, 5, "levels 0..4 committed")
	assert.False(t, first.Result.Complete)
	upTo4, err := explore.Visit(m, explore.Options{MaxDepth: 4}, func(any, explore.Visited) {})
	require.NoError(t, err)
	assert.Equal(t, upTo4.Distinct, first.Result.Distinct, "MaxDepth as explore's: states at depth 4 are stored, not expanded")
	assert.Equal(t, upTo4.Generated, first.Result.Generated)

	// What a run killed during level 5 leaves: some files, no DONE.
	require.NoError(t, os.MkdirAll(store.LevelDir(dir, 5), 0o755))
	require.NoError(t, os.WriteFile(store.StatesFile(dir, 5, 1), []byte("partial"), 0o644))
	require.NoError(t, os.WriteFile(store.SummaryFile(dir, 5), []byte("garbage\n"), 0o644))

	second := run(t, spec, Options{Dir: dir, Shards: 3, Full: true})
	assert.Equal(t, 5, second.Resumed(), "levels 0..4 come from the checkpoint")
	assertSameAsMemory(t, mem, second)
	fresh := run(t, spec, Options{Shards: 3, Full: true})
	assert.Equal(t, newLevels(fresh), newLevels(second))

	third := run(t, spec, Options{Dir: dir, Shards: 3, Full: true, Runner: failRunner(t)})
	assert.Equal(t, len(third.Levels), third.Resumed(), "every level read back")
	assertSameAsMemory(t, mem, third)
}

// A directory holds one run: another model, configuration, symmetry or
// shard count is refused, not mixed in.
func TestRunDirectoryHoldsOneRun(t *testing.T) {
	dir := t.TempDir()
	spec := Spec{Protocol: testmodel.Name, Config: "n=2 k=2"}
	run(t, spec, Options{Dir: dir, Shards: 2})
	for _, other := range []struct {
		spec   Spec
		shards int
	}{
		{Spec{Protocol: testmodel.Name, Config: "n=2 k=3"}, 2},
		{Spec{Protocol: testmodel.Name, Config: "n=2 k=2"}, 3},
	} {
		_, err := Run(context.Background(), other.spec, Options{Dir: dir, Shards: other.shards})
		assert.ErrorContains(t, err, "holds another run", "%+v", other)
	}
}
