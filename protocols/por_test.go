package protocols

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
)

// TestCatalogPOR is the generic test of partial-order reduction (-por).
// For every spec and variant at its defaults: a spec that declares no
// reduction is refused with a clear error; for one that does, the run with
// POR has the verdicts of the full run on every safety and reachability
// property and deadlock (so a broken variant still fails what it must),
// leaves the liveness properties Unknown, stores no more states, and every
// counterexample replays on the model and reproduces.
func TestCatalogPOR(t *testing.T) {
	declared := 0
	for _, e := range all {
		info := e.Info()
		t.Run(info.Name, func(t *testing.T) {
			for _, v := range info.VariantList() {
				t.Run(v.Name, func(t *testing.T) {
					if checkPOR(t, e, v) {
						declared++
					}
				})
			}
		})
	}
	assert.Positive(t, declared, "some spec declares a reduction (else the test shows nothing)")
}

// checkPOR runs one variant at its defaults with and without POR, and
// reports whether the spec declares a reduction.
func checkPOR(t *testing.T, e Entry, v catalog.Variant) bool {
	cfg, err := e.Info().Defaults(v.Name)
	require.NoError(t, err)
	inst, err := e.Build(cfg)
	require.NoError(t, err)
	por, err := inst.Check("bfs", explore.Options{Workers: 2, POR: true}, nil)
	if err != nil {
		require.ErrorIs(t, err, explore.ErrOptions)
		require.Contains(t, err.Error(), "partial-order reduction asked for, but the model declares none")
		return false
	}
	full, err := inst.Check("bfs-safety", explore.Options{Workers: 2}, nil)
	require.NoError(t, err)
	assert.Equal(t, "bfs+por", por.Engine)
	assert.Equal(t, full.Complete, por.Complete, "completeness")
	if full.Complete {
		assert.LessOrEqual(t, por.Distinct, full.Distinct, "POR stores no more states")
	}
	t.Logf("%s: %d states, %d with POR", inst.Config, full.Distinct, por.Distinct)
	require.Len(t, por.Properties, len(full.Properties))
	for i, p := range full.Properties {
		q := por.Properties[i]
		require.Equal(t, p.Name, q.Name)
		if p.Expect.Liveness() {
			assert.Equal(t, explore.Unknown, q.Status, "%q is not checked under POR", q.Name)
			assert.True(t, strings.Contains(q.Message, "not checked under -por"), q.Message)
			continue
		}
		assert.Equal(t, p.Status, q.Status, "%q: the verdict with POR", p.Name)
		if q.Trace == nil || q.Status == explore.Unknown {
			continue
		}
		tr, err := inst.Replay(q.Trace.Path)
		require.NoError(t, err, "%q: the POR trace replays on the model", q.Name)
		claim := explore.Claim{Property: q.Name, Expect: q.Expect, Witness: q.Status == explore.Holds}
		ok, why, err := inst.Reproduces(claim, tr)
		require.NoError(t, err)
		assert.True(t, ok, "%q: the POR trace reproduces: %s", q.Name, why)
	}
	return true
}
