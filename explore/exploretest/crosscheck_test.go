package exploretest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// forked counts 0, 1, 2 and ends there (final), but from 0 it may also
// jump to 10, a dead end that is not final (a deadlock).
type forked struct{ model.Func[int, string] }

func (forked) Final(s int) bool { return s == 2 }

func newForked() forked {
	return forked{model.Func[int, string]{
		InitFn: func(yield func(int)) { yield(0) },
		NextFn: func(s int, yield func(string, int)) {
			if s < 2 {
				yield("inc", s+1)
			}
			if s == 0 {
				yield("jump", 10)
			}
		},
		KeyFn: func(dst []byte, s int) []byte { return model.AppendInt(dst, s) },
	}}
}

func TestEnumerateSpace(t *testing.T) {
	sp := EnumerateSpace(newForked())
	assert.Len(t, sp.States, 4)
	assert.Equal(t, []int{2}, sp.Finals)
	assert.Equal(t, []int{10}, sp.Deadlocks)
	assert.True(t, sp.States[string(model.AppendInt(nil, 10))].Terminal)
	assert.False(t, sp.States[string(model.AppendInt(nil, 1))].Terminal)
	assert.Len(t, Enumerate(newForked()), 4)

	// Without final states every terminal state is final.
	sp = EnumerateSpace(newForked().Func)
	assert.Equal(t, []int{10, 2}, sp.Finals, "breadth-first order: 10 is one step from 0, 2 two")
	assert.Empty(t, sp.Deadlocks)
}

func TestCrossCheck(t *testing.T) {
	r := runRecorded(func(tb testing.TB) {
		assert.EqualValues(t, 6, CrossCheck(tb, counter(10, 5), 6).Distinct)
	})
	assert.Empty(t, r.errors)
	r = runRecorded(func(tb testing.TB) { CrossCheck(tb, counter(10, 5), 7) })
	require.True(t, r.fatal, "a wrong pinned count fails")
	assert.Contains(t, r.errors[0], "bfs distinct states")
	r = runRecorded(func(tb testing.TB) { CrossCheckEngines(tb, counter(10, 5), 5) })
	assert.True(t, r.fatal, "a wrong pinned count fails")
	r = runRecorded(func(tb testing.TB) { CrossCheck(tb, newForked(), 4) })
	assert.NotEmpty(t, r.errors, "a deadlock fails")
}

func TestVisitFinals(t *testing.T) {
	var got []int
	n, res := VisitFinals(t, newForked(), func(s int) { got = append(got, s) })
	assert.Equal(t, 1, n)
	assert.Equal(t, []int{2}, got)
	assert.True(t, res.Complete)
	assert.Equal(t, []int{5}, Finals(t, counter(10, 5)), "without final states, the terminal ones")
	r := runRecorded(func(tb testing.TB) { Finals(tb, newForked()) })
	assert.True(t, r.fatal, "Finals fails on a deadlock")
}

func TestStepAndRun(t *testing.T) {
	m := newForked()
	assert.Equal(t, 0, Initial(t, m))
	assert.Equal(t, 10, Step(t, m, 0, "jump"))
	assert.Equal(t, 2, Run(t, m, "inc", "inc"))

	r := runRecorded(func(tb testing.TB) { Run(tb, m, "inc", "jump") })
	require.True(t, r.fatal, "no jump from 1")
	assert.Contains(t, r.errors[0], `no step "jump"`)
	assert.Contains(t, r.errors[0], "enabled: inc", "the enabled steps are listed")

	r = runRecorded(func(tb testing.TB) { Initial(tb, twoInits()) })
	assert.True(t, r.fatal, "two initial states")
}

// twoInits has two initial states and no step.
func twoInits() model.Func[int, string] {
	return model.Func[int, string]{
		InitFn: func(yield func(int)) { yield(0); yield(1) },
		NextFn: func(int, func(string, int)) {},
		KeyFn:  func(dst []byte, s int) []byte { return model.AppendInt(dst, s) },
	}
}
