package explore

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/protocheck/protocheck/model"
	"github.com/stretchr/testify/require"
)

// layered is a model of depth layers: state (l, i) steps to three states of
// layer l+1 and back to earlier layers, one of them tagLevels-1 layers
// back, so states of a level have several parents and steps also lead to
// states settled long ago, whose level tag the next level reuses.
type layered struct{ depth, width int }

type cell struct{ l, i int }

func (m layered) Init(yield func(cell)) { yield(cell{0, 0}) }

func (m layered) Next(s cell, yield func(string, cell)) {
	if s.l == m.depth {
		return
	}
	for k := range 3 {
		j := (s.i*7 + k*k*13 + s.l*5) % m.width
		yield(fmt.Sprintf("up%d", k), cell{s.l + 1, j})
	}
	if s.l > 3 {
		yield("back", cell{s.l - 1 - s.i%3, s.i})
	}
	if s.l >= tagLevels { // to the level whose tag the next level reuses
		yield("far", cell{s.l + 1 - tagLevels, (s.i + 1) % m.width})
	}
}

func (m layered) AppendKey(dst []byte, s cell) []byte {
	return binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(dst, uint32(s.l)), uint32(s.i))
}

// Properties: one claim per state that it is not reached, so each
// violation's trace is the parent chain of a state.
func (m layered) Properties() []model.Property[cell] {
	var ps []model.Property[cell]
	for l := range m.depth + 1 {
		for i := range m.width {
			ps = append(ps, model.Always(fmt.Sprintf("not %d.%d", l, i), func(s cell) bool { return s != cell{l, i} }))
		}
	}
	return ps
}

// TestBFSParentsAcrossTagSweeps checks, on a model three times deeper than
// the visited set's tag period, that every trace follows the parent rule
// (the parent with the smallest fingerprint on the previous level),
// computed here by brute force, with one worker and with several.
func TestBFSParentsAcrossTagSweeps(t *testing.T) {
	m := layered{depth: 3*tagLevels + 2, width: 40}
	// The reference: BFS depths, then the smallest-fingerprint parent.
	fp := func(s cell) uint64 { return fingerprint(m.AppendKey(nil, s)) }
	depth := map[cell]int{{0, 0}: 0}
	order := []cell{{0, 0}}
	for k := 0; k < len(order); k++ {
		m.Next(order[k], func(_ string, t cell) {
			if _, seen := depth[t]; !seen {
				depth[t] = depth[order[k]] + 1
				order = append(order, t)
			}
		})
	}
	parent := map[cell]cell{}
	for _, s := range order {
		m.Next(s, func(_ string, t cell) {
			if depth[t] != depth[s]+1 {
				return
			}
			if p, ok := parent[t]; !ok || fp(s) < fp(p) {
				parent[t] = s
			}
		})
	}
	for _, workers := range []int{1, 4} {
		res, err := BFS(m, Options{Workers: workers})
		require.NoError(t, err)
		checked := 0
		for _, pr := range res.Properties {
			if pr.Status != Violated {
				continue
			}
			var want []cell
			var l, i int
			_, err := fmt.Sscanf(pr.Name, "not %d.%d", &l, &i)
			require.NoError(t, err)
			for s := (cell{l, i}); s != (cell{0, 0}); s = parent[s] {
				want = append([]cell{s}, want...)
			}
			want = append([]cell{{0, 0}}, want...)
			require.Len(t, pr.Trace.Steps, len(want), "%s, %d workers", pr.Name, workers)
			for k, st := range pr.Trace.Steps {
				require.Equal(t, want[k], st.State, "%s, %d workers: state %d", pr.Name, workers, k)
			}
			checked++
		}
		require.Equal(t, len(order), checked, "every state reached")
	}
}
