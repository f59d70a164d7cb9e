package bfs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/beam/internal/testmodel"
	"github.com/protocheck/protocheck/explore"
)

// The counters model in each configuration that decides a check
// differently: everything holds, an invariant fails, a deadlock, a step
// property fails, symmetry reduction, a state constraint.
var counterConfigs = []struct {
	config   string
	symmetry bool
}{
	{"n=3 k=2", false},
	{"n=3 k=2 limit=3", false},
	{"n=3 k=3 dead=1", false},
	{"n=2 k=3 jump=1", false},
	{"n=3 k=2 sym=1", true},
	{"n=3 k=3 bound=4 dead=1", false},
}

func TestCountersMatchMemory(t *testing.T) {
	for _, c := range counterConfigs {
		t.Run(c.config, func(t *testing.T) {
			m, err := testmodel.New(c.config)
			require.NoError(t, err)
			mem := inMemory(t, m, c.symmetry)
			spec := Spec{Protocol: testmodel.Name, Config: c.config, Symmetry: c.symmetry}
			assertSameAsMemory(t, mem, run(t, spec, Options{Full: true, Shards: 3}))

			// Without Full, the run stops where explore.BFS stops.
			rep := run(t, spec, Options{Shards: 2})
			assert.Equal(t, mem.bfs.Distinct, rep.Result.Distinct, "distinct states")
			assert.Equal(t, mem.bfs.Complete, rep.Result.Complete, "complete")
			assert.Equal(t, mem.bfs.StopReason, rep.Result.StopReason, "stop reason")
			assertSameVerdicts(t, mem.bfs, rep.Result)
		})
	}
}

// The configurations above decide each check the way the doc says, so the
// comparisons cover violations of every kind, not only passing runs.
func TestCountersCoverEveryVerdict(t *testing.T) {
	want := map[string]string{
		"n=3 k=2 limit=3": "bounded",
		"n=3 k=3 dead=1":  explore.DeadlockProperty,
		"n=2 k=3 jump=1":  "one at a time",
	}
	for cfg, prop := range want {
		m, err := testmodel.New(cfg)
		require.NoError(t, err)
		res, err := explore.BFS(m, explore.Options{})
		require.NoError(t, err)
		p, ok := res.Property(prop)
		require.True(t, ok, prop)
		assert.Equal(t, explore.Violated, p.Status, "%s: %q", cfg, prop)
	}
}

// A panic in model code, in Next or in a property, is reported as
// explore.PanicProperty with the same trace as in memory (both finish the
// level that met it), and the run stops there, incomplete, as explore.BFS
// does.
func TestPanicsAreViolations(t *testing.T) {
	for _, c := range []struct{ config, says string }{
		{"n=3 k=2 panicnext=210", "counters: Next on 210"},
		{"n=3 k=2 panicprop=110", "counters: bounded on 110"},
		{"n=3 k=2 panicinit=1", "panic in Init: counters: Init"},
	} {
		t.Run(c.config, func(t *testing.T) {
			m, err := testmodel.New(c.config)
			require.NoError(t, err)
			mem, err := explore.BFS(m, explore.Options{})
			require.NoError(t, err)
			want, ok := mem.Property(explore.PanicProperty)
			require.True(t, ok, "explore reports the panic")
			require.Equal(t, explore.Violated, want.Status)

			dir := t.TempDir()
			rep := run(t, Spec{Protocol: testmodel.Name, Config: c.config}, Options{Shards: 2, Dir: dir})
			res := rep.Result
			assert.False(t, res.Complete, "a run that met a panic is incomplete")
			assert.Equal(t, "panic", res.StopReason)
			got, ok := res.Property(explore.PanicProperty)
			require.True(t, ok, "the Beam run reports the panic")
			assert.Equal(t, explore.Violated, got.Status)
			assert.Contains(t, got.Message, c.says)
			if want.Trace == nil { // Init: no state, no trace
				assert.Nil(t, got.Trace)
				assert.Equal(t, want.Message, got.Message)
			} else {
				require.NotNil(t, got.Trace)
				assert.Equal(t, want.Trace.Path, got.Trace.Path, "the trace to the state that panicked")
			}
			for _, p := range mem.Properties {
				q, ok := res.Property(p.Name)
				if assert.True(t, ok, p.Name) && !p.Expect.Liveness() {
					assert.Equal(t, p.Status, q.Status, p.Name)
				}
			}
			again := run(t, Spec{Protocol: testmodel.Name, Config: c.config}, Options{Shards: 2, Dir: dir}).Result
			p, _ := again.Property(explore.PanicProperty)
			assert.Equal(t, explore.Violated, p.Status, "resumed, the run reports the panic again")
			assert.False(t, again.Complete)
		})
	}
}
