package exploretest

import (
	"fmt"
	"testing"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
	fatal  bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
	panic(r)
}

// FailNow is what require calls after Errorf.
func (r *recorder) FailNow() {
	r.fatal = true
	panic(r)
}

func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Name() string        { return "recorder" }

func counter(limit, max int) model.Func[int, string] {
	return model.Func[int, string]{
		InitFn: func(yield func(int)) { yield(0) },
		NextFn: func(s int, yield func(string, int)) {
			if s < max {
				yield("inc", s+1)
			}
		},
		KeyFn: func(dst []byte, s int) []byte { return model.AppendInt(dst, s) },
		Props: []model.Property[int]{
			model.Always("below limit", func(s int) bool { return s < limit }),
			model.Sometimes("reaches 2", func(s int) bool { return s == 2 }),
		},
	}
}

func runRecorded(f func(tb testing.TB)) (r *recorder) {
	r = &recorder{}
	defer func() {
		if p := recover(); p != nil && p != any(r) {
			panic(p)
		}
	}()
	f(r)
	return r
}

func TestCheckPassesACorrectModel(t *testing.T) {
	r := runRecorded(func(tb testing.TB) {
		res := Check(tb, counter(10, 5))
		assert.EqualValues(t, 6, res.Distinct)
	})
	assert.Empty(t, r.errors)
}

func TestCheckFailsWithTheTrace(t *testing.T) {
	r := runRecorded(func(tb testing.TB) { Check(tb, counter(3, 5)) })
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], `"below limit"`)
	assert.Contains(t, r.errors[0], "inc", "the trace is printed")
	assert.Contains(t, r.errors[0], "   3  inc", "three steps")
	assert.NotContains(t, r.errors[0], "   4  inc", "a shortest trace: no fourth step")
}

func TestCheckFailsAnIncompleteRun(t *testing.T) {
	r := runRecorded(func(tb testing.TB) { Check(tb, counter(100, 50), explore.Options{MaxDepth: 5}) })
	require.NotEmpty(t, r.errors)
	assert.Contains(t, r.errors[0], "incomplete")
}

func TestViolates(t *testing.T) {
	var tr *model.Trace
	r := runRecorded(func(tb testing.TB) { tr = Violates(tb, counter(3, 5), "below limit") })
	assert.Empty(t, r.errors)
	require.NotNil(t, tr)
	assert.Equal(t, 3, tr.Len())

	r = runRecorded(func(tb testing.TB) { Violates(tb, counter(10, 5), "below limit") })
	assert.True(t, r.fatal, "a property that holds fails Violates")
	r = runRecorded(func(tb testing.TB) { Violates(tb, counter(10, 5), "no such property") })
	assert.True(t, r.fatal)
}

func TestSameVerdicts(t *testing.T) {
	ok, err := explore.BFS(counter(10, 5), explore.Options{})
	require.NoError(t, err)
	bad, err := explore.BFS(counter(3, 5), explore.Options{})
	require.NoError(t, err)
	r := runRecorded(func(tb testing.TB) { SameVerdicts(tb, ok, ok, "same run") })
	assert.Empty(t, r.errors)
	r = runRecorded(func(tb testing.TB) { SameVerdicts(tb, ok, bad, "bounds differ") })
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], `"below limit" violated, want "below limit" holds`)
}
