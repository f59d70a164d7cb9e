package exploretest

import (
	"flag"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestWalk(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		var steps []int
		end := Walk(rt, counter(10, 5), 10, func(step, s int) {
			require.Equal(rt, step, s, "one inc a step")
			steps = append(steps, step)
		})
		require.Equal(rt, 5, end)
		require.Equal(rt, []int{0, 1, 2, 3, 4, 5}, steps, "each sees every state, the end included")
		end = Walk(rt, newForked(), 10, nil)
		require.Contains(rt, []int{2, 10}, end, "a walk ends where a step-less state is")
	})
}

// rapidRecorder is a rapid.TB that records rapid's final verdict.
type rapidRecorder struct {
	recorder
}

func (r *rapidRecorder) Log(...any)                {}
func (r *rapidRecorder) Skipf(string, ...any)      {}
func (r *rapidRecorder) Skip(...any)               {}
func (r *rapidRecorder) SkipNow()                  {}
func (r *rapidRecorder) Error(args ...any)         { r.Errorf("%s", fmt.Sprint(args...)) }
func (r *rapidRecorder) Fatal(args ...any)         { r.Fatalf("%s", fmt.Sprint(args...)) }
func (r *rapidRecorder) Fail()                     { r.fatal = true }
func (r *rapidRecorder) Failed() bool              { return r.fatal || len(r.errors) > 0 }
func (r *rapidRecorder) Fatalf(f string, a ...any) { r.recorder.Errorf(f, a...); r.fatal = true }
func (r *rapidRecorder) FailNow()                  { r.fatal = true }

func TestWalkFails(t *testing.T) {
	require.NoError(t, flag.Set("rapid.nofailfile", "true"))
	defer func() { require.NoError(t, flag.Set("rapid.nofailfile", "false")) }()
	for _, tc := range []struct {
		walk func(rt *rapid.T)
		want string
	}{
		{func(rt *rapid.T) { Walk(rt, counter(3, 5), 10, nil) }, `"below limit" fails`},
		{func(rt *rapid.T) { Walk(rt, counter(10, 5), 3, nil) }, "no end after 3 steps"},
		{func(rt *rapid.T) { Walk(rt, twoInits(), 3, nil) }, "one initial state"},
	} {
		r := &rapidRecorder{}
		rapid.Check(r, tc.walk)
		require.True(t, r.fatal, tc.want)
		require.NotEmpty(t, r.errors)
		assert.Contains(t, r.errors[0], tc.want)
	}
}
