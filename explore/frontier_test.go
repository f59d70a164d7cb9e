package explore

import (
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/internal/pack"
	"github.com/protocheck/protocheck/model"
)

// liveLattice is lattice with a liveness property, so that Check builds
// the graph in its single pass.
type liveLattice struct{ lattice }

func (l liveLattice) Properties() []model.Property[point] {
	return append(l.lattice.Properties(),
		model.Eventually("back at the origin", func(s point) bool { return s == point{} }))
}

// packedLattice is liveLattice storing its frontier packed: a point in two
// words, or every fifth column as a pointer to a copy (the references of a
// packed state must survive the collector). It counts its calls.
type packedLattice struct {
	liveLattice
	packs, unpacks *atomic.Int64
}

func (l packedLattice) PackState(s point) pack.State {
	l.packs.Add(1)
	if s.x%5 == 0 {
		c := s
		return pack.State{Refs: [3]unsafe.Pointer{unsafe.Pointer(&c)}}
	}
	return pack.State{Words: [3]uint64{uint64(s.x), uint64(s.y), 1}}
}

func (l packedLattice) UnpackState(p *pack.State) point {
	l.unpacks.Add(1)
	if p.Words[2] == 0 {
		return *(*point)(p.Refs[0])
	}
	return point{int(p.Words[0]), int(p.Words[1])}
}

// TestPackedFrontierChangesNothing: a model whose frontier is stored
// packed gets the same counts, verdicts and traces from BFS and from
// Check's single pass as the same model stored as it is, with 1 and 3
// workers, complete or cut short by MaxStates (which makes the single pass
// drop the states of a half-linked row), and its packer is used.
func TestPackedFrontierChangesNothing(t *testing.T) {
	plain := liveLattice{lattice{60, 70}}
	packed := packedLattice{plain, new(atomic.Int64), new(atomic.Int64)}
	for _, o := range []Options{{Workers: 1}, {Workers: 3}, {Workers: 3, MaxStates: 1234}, {Workers: 1, MaxStates: 2047}} {
		want, err := BFS[point, string](plain, o)
		require.NoError(t, err)
		got, err := BFS[point, string](packed, o)
		require.NoError(t, err)
		sameResults(t, want, got)

		want, err = Check[point, string](plain, o)
		require.NoError(t, err)
		got, err = Check[point, string](packed, o)
		require.NoError(t, err)
		sameResults(t, want, got)
	}
	assert.Positive(t, packed.packs.Load())
	assert.Positive(t, packed.unpacks.Load())
}

// sameResults asserts two runs found the same.
func sameResults(t *testing.T, want, got *Result) {
	t.Helper()
	assert.Equal(t, want.Distinct, got.Distinct)
	assert.Equal(t, want.Generated, got.Generated)
	assert.Equal(t, want.MaxDepth, got.MaxDepth)
	assert.Equal(t, want.Complete, got.Complete)
	assert.Equal(t, want.StopReason, got.StopReason)
	assert.Equal(t, want.Properties, got.Properties)
}

// TestStoreDropLast: dropping the last states of a level being filled takes
// them from the buffer, then from the stored blocks, packed or not,
// releasing blocks that empty.
func TestStoreDropLast(t *testing.T) {
	for _, packer := range []pack.Packer[point]{nil, packedLattice{packs: new(atomic.Int64), unpacks: new(atomic.Int64)}} {
		st := &store[point]{packer: packer, size: 4}
		var out []block[point]
		buf := st.get()
		for i := range 10 {
			buf = append(buf, item[point]{fp: uint64(i + 1), s: point{i, -i}})
			if len(buf) == 4 {
				out = append(out, st.seal(&buf))
			}
		}
		require.Equal(t, 10, count(out)+len(buf))
		out = st.dropLast(out, &buf, 5)
		require.Equal(t, 5, count(out)+len(buf))
		assert.Empty(t, buf)
		var got []point
		for _, b := range out {
			for i := range b.len() {
				got = append(got, st.state(b, i))
			}
		}
		assert.Equal(t, []point{{0, 0}, {1, -1}, {2, -2}, {3, -3}, {4, -4}}, got)
		out = st.dropLast(out, &buf, 1)
		assert.Len(t, out, 1)
		assert.Equal(t, 4, out[0].len())
	}
}
