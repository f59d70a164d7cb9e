package protocols

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
)

// diskCap bounds the states of each variant's disk test: the whole space
// at the defaults when it is this small, otherwise the BFS levels that fit.
func diskCap() int64 { return shortOr(2_000, 20_000) }

// TestCatalogDisk: for every spec and variant at its defaults (the first
// BFS levels, up to diskCap states), the disk engine reports what the
// in-memory BFS reports: Distinct, Generated, depth, completeness, every
// verdict and every trace, with symmetry reduction too where the model
// declares it. The disk run has a 1MiB budget, so its buffers are the
// smallest (256KiB) and spill several times a level on the larger spaces.
func TestCatalogDisk(t *testing.T) {
	eachVariant(t, func(t *testing.T, e Entry, v catalog.Variant) {
		cfg, err := e.Info().Defaults(v.Name)
		require.NoError(t, err)
		inst, err := e.Build(cfg)
		require.NoError(t, err)
		syms := []bool{false}
		if inst.Symmetric {
			syms = append(syms, true)
		}
		for _, sym := range syms {
			what := fmt.Sprintf("symmetry=%v", sym)
			opts := explore.Options{Workers: 2, Symmetry: sym, MaxDepth: smallDepth(t, inst, sym)}
			want, err := inst.Check("bfs-safety", opts, nil)
			require.NoError(t, err)
			require.LessOrEqual(t, want.Distinct, 2*diskCap(), what)
			disk := opts
			disk.Memory = 1 << 20
			disk.Disk = &explore.Disk{Dir: t.TempDir()}
			got, err := inst.Check("bfs-safety", disk, nil)
			require.NoError(t, err)
			assert.Equal(t, "disk", got.Engine)
			assert.Equal(t, want.StopReason, got.StopReason, what)
			sameRun(t, want, got, what)
			for i, p := range want.Properties {
				msg := p.Message
				if p.Expect.Liveness() {
					msg = "not checked by the disk engine (it checks safety only)"
				}
				assert.Equal(t, msg, got.Properties[i].Message, "%s: %q", what, p.Name)
			}
			t.Logf("%s: %d states, %d levels, complete %v", what, got.Distinct, got.MaxDepth+1, got.Complete)
		}
	})
}

// smallDepth returns 0 (no bound) when the whole space has at most
// diskCap states, otherwise the deepest MaxDepth whose levels do: the
// levels before the one the capped run stopped in.
func smallDepth(t *testing.T, inst *Instance, sym bool) int {
	res, err := inst.Check("bfs-safety", explore.Options{Workers: 1, Symmetry: sym, MaxStates: diskCap()}, nil)
	require.NoError(t, err)
	if res.StopReason != "max states" {
		return 0
	}
	require.Greater(t, res.MaxDepth, 1, "the first level alone exceeds the cap")
	return res.MaxDepth - 1
}
