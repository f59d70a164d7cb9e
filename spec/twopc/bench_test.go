package twopc

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
)

// benchTwopc explores twopc with 3 participants and crash=1,drop=1 per
// iteration with run (explore.BFS: safety only; explore.Check: safety and
// liveness in one pass) and reports distinct states per second. The actor
// layer's cost per state decides it; compare runs with benchstat
// (bench/perf.sh has the 4-participant figures against TwoPhase).
func benchTwopc(b *testing.B, run func(*Model, explore.Options) (*explore.Result, error)) {
	if testing.Short() {
		b.Skip("not short")
	}
	m := mustNew(b, Config{N: 3, Faults: faults})
	var distinct int64
	for b.Loop() {
		res, err := run(m, explore.Options{})
		require.NoError(b, err)
		require.True(b, res.OK())
		distinct += res.Distinct
	}
	b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
}

func BenchmarkBFS(b *testing.B) {
	benchTwopc(b, func(m *Model, o explore.Options) (*explore.Result, error) { return explore.BFS(m, o) })
}

func BenchmarkCheck(b *testing.B) {
	benchTwopc(b, func(m *Model, o explore.Options) (*explore.Result, error) { return explore.Check(m, o) })
}
