package invariants

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// procs is a state for the DME tests: per process, whether it is in its
// critical section and whether it is done.
type procs struct{ in, done []bool }

func inCS(s procs, i int) bool   { return s.in[i] }
func isDone(s procs, i int) bool { return s.done[i] }

func TestMutualExclusion(t *testing.T) {
	p := MutualExclusion(3, inCS)
	assert.Equal(t, PropMutex, p.Name)
	assert.Equal(t, model.ExpectAlways, p.Expect)
	assert.True(t, p.Holds(procs{in: []bool{false, false, false}}), "nobody in")
	assert.True(t, p.Holds(procs{in: []bool{false, true, false}}), "one in")
	assert.False(t, p.Holds(procs{in: []bool{true, false, true}}), "two in")
	assert.False(t, p.Holds(procs{in: []bool{true, true, true}}), "three in")
	// Only the first n processes count.
	assert.True(t, MutualExclusion(1, inCS).Holds(procs{in: []bool{true, true}}))
}

// TestMutualExclusionAgainstReference compares the property with a naive
// definition (no two distinct processes both in) on random states.
func TestMutualExclusionAgainstReference(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 6).Draw(rt, "n")
		s := procs{in: rapid.SliceOfN(rapid.Bool(), n, n).Draw(rt, "in")}
		want := true
		for i := range n {
			for j := range i {
				want = want && !(s.in[i] && s.in[j])
			}
		}
		require.Equal(rt, want, MutualExclusion(n, inCS).Holds(s))
	})
}

func TestEveryRequestGranted(t *testing.T) {
	p := EveryRequestGranted(2, isDone)
	assert.Equal(t, PropGranted, p.Name)
	assert.Equal(t, model.ExpectEventually, p.Expect)
	assert.True(t, p.Holds(procs{done: []bool{true, true}}))
	assert.False(t, p.Holds(procs{done: []bool{true, false}}))
	assert.False(t, p.Holds(procs{done: []bool{false, false}}))
}

func TestAllDone(t *testing.T) {
	assert.True(t, AllDone(procs{}, 0, isDone), "no process: vacuously done")
	assert.True(t, AllDone(procs{done: []bool{true, true, false}}, 2, isDone), "only the first n count")
	assert.False(t, AllDone(procs{done: []bool{true, false}}, 2, isDone))
}

func TestEntersCS(t *testing.T) {
	ps := EntersCS(3, inCS)
	require.Len(t, ps, 3)
	s := procs{in: []bool{false, true, false}}
	for i, p := range ps {
		assert.Equal(t, model.ExpectSometimes, p.Expect)
		assert.Equal(t, i == 1, p.Holds(s), "witness %d on a state with p1 inside", i)
	}
	assert.Equal(t, "p0 enters its critical section", ps[0].Name)
	assert.Equal(t, "p2 enters its critical section", ps[2].Name)
}
