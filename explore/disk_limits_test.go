package explore

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// TestDiskLimits: MaxDepth stops where BFS stops, with the same result;
// MaxStates stores exactly MaxStates states (BFS may overshoot: see
// Options) and never reports complete; a cancelled Context stops the run
// as interrupted. A scratch run leaves nothing in its directory.
func TestDiskLimits(t *testing.T) {
	m := counters{k: 3, max: 5}
	for _, depth := range []int{1, 4, 9} {
		want, err := BFS[ctrState, string](m, Options{Workers: 1, MaxDepth: depth})
		require.NoError(t, err)
		require.Equal(t, "max depth", want.StopReason)
		got, err := BFS[ctrState, string](m, diskOpts(t, Options{Workers: 2, MaxDepth: depth}, true, nil))
		require.NoError(t, err)
		sameResult(t, want, got)
	}
	full, err := BFS[ctrState, string](m, Options{Workers: 1})
	require.NoError(t, err)
	for _, limit := range []int64{1, 2, 7, 100, full.Distinct - 1} {
		got, err := BFS[ctrState, string](m, diskOpts(t, Options{Workers: 3, MaxStates: limit}, true, nil))
		require.NoError(t, err)
		assert.False(t, got.Complete)
		assert.Equal(t, "max states", got.StopReason)
		assert.Equal(t, max(limit, 1), got.Distinct, "MaxStates %d is exact (one initial state)", limit)
		for _, p := range got.Properties {
			assert.NotEqual(t, Violated, p.Status, "%q: nothing is violated in a partial run of a correct space", p.Name)
		}
	}
	got, err := BFS[ctrState, string](m, diskOpts(t, Options{MaxStates: full.Distinct + 1}, false, nil))
	require.NoError(t, err)
	assert.True(t, got.Complete, "a limit the space does not reach")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	got, err = BFS[ctrState, string](m, Options{Context: ctx, Disk: &Disk{Dir: dir}})
	require.NoError(t, err)
	assert.False(t, got.Complete)
	assert.Equal(t, "interrupted", got.StopReason)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "the scratch files are removed")
}

// TestDiskLivenessNotChecked: Check on disk checks safety only; liveness
// properties stay Unknown, with the reason, and the run is not "OK".
func TestDiskLivenessNotChecked(t *testing.T) {
	res, err := Check[ctrState, string](counters{k: 2, max: 2}, diskOpts(t, Options{}, false, nil))
	require.NoError(t, err)
	require.True(t, res.Complete)
	p, ok := res.Property("some zero")
	require.True(t, ok)
	assert.Equal(t, Unknown, p.Status)
	assert.Equal(t, "not checked by the disk engine (it checks safety only)", p.Message)
	held, _ := res.Property("sum bounded")
	assert.Equal(t, Holds, held.Status)

	_, err = Visit[ctrState, string](counters{k: 2, max: 2}, diskOpts(t, Options{}, false, nil), func(ctrState, Visited) {})
	assert.ErrorIs(t, err, ErrOptions, "Visit runs in memory only")
}

// TestDiskCodecErrors: a codec that does not round-trip fails the run
// with ErrCodec, naming the model; a model without a codec cannot run on
// disk.
func TestDiskCodecErrors(t *testing.T) {
	_, err := BFS[ctrState, string](lossyCounters{counters{k: 3, max: 7}}, diskOpts(t, Options{}, false, nil))
	require.ErrorIs(t, err, ErrCodec)
	assert.Contains(t, err.Error(), "lossyCounters")

	chans := model.Func[chan int, string]{
		InitFn: func(yield func(chan int)) { yield(make(chan int)) },
		NextFn: func(chan int, func(string, chan int)) {},
		KeyFn:  func(dst []byte, _ chan int) []byte { return dst },
	}
	_, err = BFS(chans, diskOpts(t, Options{}, false, nil))
	assert.ErrorIs(t, err, ErrOptions, "a state no codec can write")
	assert.ErrorIs(t, err, model.ErrNoCodec)
	_, err = BFS[int, edge](dgraph{graph: smallGraph()}, Options{Disk: &Disk{}})
	assert.ErrorIs(t, err, ErrOptions, "no directory")
}

// panicky panics in Next at state at, or in a property there (prop).
type panicky struct {
	dgraph
	at   int
	prop bool
}

func (p panicky) Next(s int, yield func(edge, int)) {
	if s == p.at && !p.prop {
		panic(fmt.Sprintf("Next at %d", s))
	}
	p.dgraph.Next(s, yield)
}

func (p panicky) Properties() []model.Property[int] {
	return append(p.dgraph.Properties(), model.Always("calm", func(s int) bool {
		if s == p.at && p.prop {
			panic(fmt.Sprintf("property at %d", s))
		}
		return true
	}))
}

// TestDiskPanics: a panic in Next or in a property is reported as BFS
// reports it: a "no panic" violation with the trace to the state.
func TestDiskPanics(t *testing.T) {
	g := dgraph{graph: smallGraph()}
	for _, prop := range []bool{false, true} {
		m := panicky{dgraph: g, at: 2, prop: prop}
		want, err := BFS[int, edge](m, Options{Workers: 1})
		require.NoError(t, err)
		got, err := BFS[int, edge](m, diskOpts(t, Options{Workers: 2}, false, nil))
		require.NoError(t, err)
		assert.False(t, got.Complete)
		assert.Equal(t, "panic", got.StopReason)
		w, _ := want.Property(PanicProperty)
		p, ok := got.Property(PanicProperty)
		require.True(t, ok)
		assert.Equal(t, Violated, p.Status)
		require.NotNil(t, p.Trace, "prop %v: %s", prop, p.Message)
		assert.Equal(t, w.Trace.Path, p.Trace.Path, "prop %v", prop)
		assert.Contains(t, p.Message, fmt.Sprintf("at %d", m.at))
	}
}
