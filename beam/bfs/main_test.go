package bfs

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/beam/internal/beamtest"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// TestMain starts the Beam SDK: prism runs the pipelines in this process.
func TestMain(m *testing.M) { beamtest.Main(m) }

// memory is the in-memory reference for one model: explore.BFS's result
// (verdicts and traces, and its counts where it stops once everything is
// decided) and explore.Visit's complete exploration (counts per level).
type memory struct {
	bfs, visit *explore.Result
	levels     []int64 // distinct states per BFS depth
}

func inMemory(t *testing.T, m model.Model[any, any], symmetry bool) memory {
	t.Helper()
	opts := explore.Options{Symmetry: symmetry}
	var mem memory
	var err error
	mem.bfs, err = explore.BFS(m, opts)
	require.NoError(t, err)
	mem.visit, err = explore.Visit(m, opts, func(_ any, v explore.Visited) {
		for len(mem.levels) <= v.Depth {
			mem.levels = append(mem.levels, 0)
		}
		mem.levels[v.Depth]++
	})
	require.NoError(t, err)
	require.True(t, mem.visit.Complete, "the in-memory reference must be complete")
	return mem
}

// run runs the Beam engine on spec with a fresh directory.
func run(t *testing.T, spec Spec, opts Options) *Report {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	rep, err := Run(context.Background(), spec, opts)
	require.NoError(t, err)
	return rep
}

// newLevels returns the distinct states per level of a report.
func newLevels(rep *Report) []int64 {
	var out []int64
	for _, l := range rep.Levels {
		if l.New > 0 {
			out = append(out, l.New)
		}
	}
	return out
}

// assertSameAsMemory compares a complete (Full) Beam run with the
// in-memory reference: counts overall and per level, and every verdict
// with its trace's index path.
func assertSameAsMemory(t *testing.T, mem memory, rep *Report) {
	t.Helper()
	res := rep.Result
	require.True(t, res.Complete, "a Full run must be complete: %s", res.StopReason)
	assert.Equal(t, mem.visit.Distinct, res.Distinct, "distinct states")
	assert.Equal(t, mem.visit.Generated, res.Generated, "successors generated")
	assert.Equal(t, mem.visit.MaxDepth, res.MaxDepth, "depth")
	assert.Equal(t, mem.levels, newLevels(rep), "distinct states per level")
	assertSameVerdicts(t, mem.bfs, res)
}

// assertSameVerdicts compares verdicts and traces property by property.
func assertSameVerdicts(t *testing.T, want, got *explore.Result) {
	t.Helper()
	require.Len(t, got.Properties, len(want.Properties), "properties")
	for i, w := range want.Properties {
		g := got.Properties[i]
		assert.Equal(t, w.Name, g.Name)
		assert.Equal(t, w.Status, g.Status, "%q: status", w.Name)
		if w.Expect.Liveness() {
			assert.Contains(t, g.Message, "not checked", "%q: a liveness property is reported as not checked", w.Name)
			continue
		}
		if w.Trace == nil {
			assert.Nil(t, g.Trace, "%q: no trace in memory", w.Name)
			continue
		}
		if assert.NotNil(t, g.Trace, "%q: trace (%s)", w.Name, g.Message) {
			assert.Equal(t, w.Trace.Path, g.Trace.Path, "%q: trace path", w.Name)
			assert.Equal(t, w.Trace.Len(), g.Trace.Len(), "%q: trace length", w.Name)
		}
	}
}
