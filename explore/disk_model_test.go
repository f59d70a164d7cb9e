package explore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// The disk engine's test models: each has a state codec.

// dgraph is a graph (see graph) with a codec, final states (declared only
// when final is set), a state constraint and a step property: "no step
// down by more than drop" (from i to j < i-drop).
type dgraph struct {
	*graph
	outside map[int]bool
	drop    int // 0: the step property holds everywhere
}

func (g dgraph) AppendState(dst []byte, s int) []byte { return binary.AppendUvarint(dst, uint64(s)) }
func (g dgraph) DecodeState(src []byte) (int, error) {
	v, n := binary.Uvarint(src)
	if n != len(src) {
		return 0, errors.New("dgraph: bad encoding")
	}
	return int(v), nil
}
func (g dgraph) Final(s int) bool  { return g.final[s] }
func (g dgraph) Within(s int) bool { return !g.outside[s] }
func (g dgraph) Declares() model.Capabilities {
	return model.Capabilities{Final: g.final != nil}
}
func (g dgraph) StepProperties() []model.StepProperty[int, edge] {
	return []model.StepProperty[int, edge]{model.AlwaysStep("no big drop", func(from int, _ edge, to int) bool {
		return g.drop == 0 || to >= from-g.drop
	})}
}

// drawDGraph draws a graph of up to n states with every feature.
func drawDGraph(t *rapid.T, n int) dgraph {
	size := rapid.IntRange(1, n).Draw(t, "states")
	state := rapid.IntRange(0, size-1)
	g := &graph{bad: map[int]bool{}, goal: state.Draw(t, "goal")}
	g.inits = rapid.SliceOfN(state, 1, 3).Draw(t, "inits")
	for i := 0; i < size; i++ {
		g.succ = append(g.succ, rapid.SliceOfN(state, 0, 4).Draw(t, fmt.Sprintf("succ%d", i)))
	}
	for _, s := range rapid.SliceOfN(state, 0, 2).Draw(t, "bad") {
		g.bad[s] = true
	}
	if rapid.Bool().Draw(t, "final") {
		g.final = map[int]bool{}
		for _, s := range rapid.SliceOfN(state, 0, size).Draw(t, "finals") {
			g.final[s] = true
		}
	}
	dg := dgraph{graph: g, outside: map[int]bool{}, drop: rapid.IntRange(0, 5).Draw(t, "drop")}
	for _, s := range rapid.SliceOfN(state, 0, 3).Draw(t, "outside") {
		dg.outside[s] = true
	}
	return dg
}

// counters has k counters, each 0..max; a step increments one counter, or
// sets the largest to 0 (a step back to a state of an earlier level). Its
// levels are many and wide enough to need many runs with a small buffer.
// Canonical sorts the counters (a true symmetry: the steps permute with
// them).
type counters struct{ k, max int }

type ctrState []uint8

func (l counters) Init(yield func(ctrState)) { yield(make(ctrState, l.k)) }
func (l counters) Next(s ctrState, yield func(string, ctrState)) {
	top := 0
	for i, v := range s {
		if int(v) < l.max {
			t := append(ctrState(nil), s...)
			t[i]++
			yield(fmt.Sprintf("inc %d", i), t)
		}
		if v > s[top] {
			top = i
		}
	}
	if s[top] > 0 {
		t := append(ctrState(nil), s...)
		t[top] = 0
		yield(fmt.Sprintf("zero %d", top), t)
	}
}
func (l counters) AppendKey(dst []byte, s ctrState) []byte   { return append(dst, s...) }
func (l counters) AppendState(dst []byte, s ctrState) []byte { return append(dst, s...) }
func (l counters) DecodeState(src []byte) (ctrState, error) {
	if len(src) != l.k {
		return nil, fmt.Errorf("counters: %d bytes, want %d", len(src), l.k)
	}
	return append(ctrState(nil), src...), nil
}
func (l counters) Properties() []model.Property[ctrState] {
	sum := func(s ctrState) (n int) {
		for _, v := range s {
			n += int(v)
		}
		return n
	}
	return []model.Property[ctrState]{
		model.Always("sum bounded", func(s ctrState) bool { return sum(s) <= l.k*l.max }),
		model.Sometimes("all full", func(s ctrState) bool { return sum(s) == l.k*l.max }),
		model.Always("not all full", func(s ctrState) bool { return sum(s) < l.k*l.max }),
		model.Eventually("some zero", func(s ctrState) bool { return sum(s) == 0 }),
	}
}
func (l counters) Canonical(s ctrState) ctrState {
	t := append(ctrState(nil), s...)
	for i := range t {
		for j := i; j > 0 && t[j] < t[j-1]; j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
	return t
}

// lossyCounters's codec writes every counter 0 once all are full: it does
// not round-trip, but only deep down, beyond the sample model.CodecOf
// checks.
type lossyCounters struct{ counters }

func (l lossyCounters) AppendState(dst []byte, s ctrState) []byte {
	for _, v := range s {
		if int(v) < l.max {
			return append(dst, s...)
		}
	}
	return append(dst, make([]byte, len(s))...)
}

// sameResult asserts that a disk run reports what the in-memory BFS
// reported: counts, completeness, every verdict and every trace.
func sameResult(t require.TestingT, want, got *Result) {
	assert.Equal(t, want.Complete, got.Complete, "complete")
	assert.Equal(t, want.StopReason, got.StopReason, "stop reason")
	assert.Equal(t, want.Distinct, got.Distinct, "distinct")
	assert.Equal(t, want.Generated, got.Generated, "generated")
	assert.Equal(t, want.MaxDepth, got.MaxDepth, "depth")
	require.Equal(t, len(want.Properties), len(got.Properties), "properties")
	for i, w := range want.Properties {
		g := got.Properties[i]
		assert.Equal(t, w.Name, g.Name)
		assert.Equal(t, w.Status, g.Status, "%q", w.Name)
		if w.Expect.Liveness() {
			assert.Equal(t, "not checked by the disk engine (it checks safety only)", g.Message, "%q", w.Name)
		} else {
			assert.Equal(t, w.Message, g.Message, "%q", w.Name)
		}
		if assert.Equal(t, w.Trace == nil, g.Trace == nil, "%q: a trace", w.Name) && w.Trace != nil {
			assert.Equal(t, w.Trace.Path, g.Trace.Path, "%q: the same shortest trace", w.Name)
			assert.Equal(t, fmt.Sprint(w.Trace.Steps), fmt.Sprint(g.Trace.Steps), "%q", w.Name)
		}
	}
}

// diskOpts returns opts running on disk in a test directory, with tiny
// buffers when small is set.
func diskOpts(t testing.TB, opts Options, small bool, stats *diskStats) Options {
	d := &Disk{Dir: t.TempDir(), stats: stats}
	if small {
		d.bufLen, d.fanIn = 200, 2
	}
	opts.Disk = d
	return opts
}
