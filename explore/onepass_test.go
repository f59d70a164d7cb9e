package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// paths returns each property's status and trace path, by name.
func paths(res *Result) map[string]any {
	out := map[string]any{}
	for _, p := range res.Properties {
		var path []int
		loop := -2
		if p.Trace != nil {
			path, loop = p.Trace.Path, p.Trace.Loop
		}
		out[p.Name] = []any{p.Status, path, loop}
	}
	return out
}

// TestOnePassMatchesBFSAndLiveness: on random graphs with fairness, Check's
// one pass gives BFS's safety verdicts and traces and the liveness
// engine's liveness verdicts and lassos, with any number of workers.
func TestOnePassMatchesBFSAndLiveness(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, _, _ := drawGraph(t)
		last := len(g.adj) - 1
		g.props = append(g.props,
			model.Always("never last", func(s int) bool { return s != last }),
			model.Sometimes("reaches 0", func(s int) bool { return s == 0 }))
		var m model.Model[int, gAct] = g
		if rapid.Bool().Draw(t, "fair") {
			m = fairGraph{g}
		}
		bfsRes, err := BFS(m, Options{Workers: 1})
		require.NoError(t, err)
		live, err := Liveness(m, Options{Workers: 1})
		require.NoError(t, err)
		for _, workers := range []int{1, 3} {
			res, err := Check(m, Options{Workers: workers})
			require.NoError(t, err)
			assert.Equal(t, "bfs+liveness", res.Engine)
			assert.True(t, res.Complete)
			assert.Equal(t, live.Distinct, res.Distinct)
			assert.Equal(t, live.Generated, res.Generated)
			got, fromBFS, fromLive := paths(res), paths(bfsRes), paths(live)
			for _, name := range []string{"never last", "reaches 0"} {
				assert.Equal(t, fromBFS[name], got[name], name)
			}
			for _, name := range []string{"eventually", "leads-to"} {
				assert.Equal(t, fromLive[name], got[name], name)
			}
		}
	})
}

// grid is a model whose states are the points of an n x n grid, stepping
// right or up, with a liveness and a safety property: big enough for many
// blocks per level.
type grid struct{ n int }

func (g grid) Init(yield func([2]int)) { yield([2]int{0, 0}) }
func (g grid) Next(s [2]int, yield func(string, [2]int)) {
	if s[0] < g.n-1 {
		yield("right", [2]int{s[0] + 1, s[1]})
	}
	if s[1] < g.n-1 {
		yield("up", [2]int{s[0], s[1] + 1})
	}
	if s[0] == g.n-1 && s[1] == g.n-1 {
		yield("back", [2]int{g.n / 2, g.n / 3}) // a cycle, so "eventually" needs a real analysis
	}
}
func (g grid) AppendKey(dst []byte, s [2]int) []byte {
	return model.AppendInt(model.AppendInt(dst, s[0]), s[1])
}
func (g grid) Properties() []model.Property[[2]int] {
	return []model.Property[[2]int]{
		model.Always("below diagonal+n", func(s [2]int) bool { return s[0]+s[1] < 2*g.n-3 }),
		model.Eventually("corner", func(s [2]int) bool { return s[0] == 0 && s[1] == g.n-1 }),
	}
}

// TestOnePassWorkersAndLimits: results do not depend on the number of
// workers, also when MaxStates cuts a level short; the cut is exact.
func TestOnePassWorkersAndLimits(t *testing.T) {
	m := grid{n: 300} // 90,000 states, 600 levels, levels up to 300 states wide
	for _, opts := range []Options{{}, {MaxStates: 40_000}} {
		var first *Result
		for _, workers := range []int{1, 2, 4} {
			opts.Workers = workers
			res, err := Check(model.Model[[2]int, string](m), opts)
			require.NoError(t, err)
			if opts.MaxStates > 0 {
				assert.False(t, res.Complete)
				assert.Equal(t, "max states", res.StopReason)
				assert.LessOrEqual(t, res.Distinct, opts.MaxStates)
			} else {
				assert.True(t, res.Complete)
				assert.Equal(t, int64(300*300), res.Distinct)
			}
			below, _ := res.Property("below diagonal+n")
			corner, _ := res.Property("corner")
			if opts.MaxStates == 0 {
				assert.Equal(t, Violated, below.Status)
				assert.Equal(t, Violated, corner.Status, "the cycle at the far corner avoids the near one")
				require.NotNil(t, corner.Trace)
				assert.True(t, corner.Trace.Lasso())
			} else {
				assert.Equal(t, Unknown, below.Status, "the cut comes before depth 597")
			}
			if first == nil {
				first = res
				continue
			}
			assert.Equal(t, first.Distinct, res.Distinct, "workers %d", workers)
			assert.Equal(t, first.Generated, res.Generated, "workers %d", workers)
			assert.Equal(t, paths(first), paths(res), "workers %d", workers)
		}
	}
}

// TestOnePassStopReasonInMessage: a liveness property left undecided by a
// limit says which limit stopped the run.
func TestOnePassStopReasonInMessage(t *testing.T) {
	res, err := Check(model.Model[[2]int, string](grid{n: 50}), Options{MaxStates: 100})
	require.NoError(t, err)
	corner, _ := res.Property("corner")
	assert.Equal(t, Unknown, corner.Status)
	assert.Contains(t, corner.Message, "stopped early (max states)")
}

// Distinct fairness keys of up to 7 bytes pack into distinct words, zero
// bytes and lengths included; longer keys are left to the map of strings.
func TestPackFairKey(t *testing.T) {
	keys := [][]byte{{}, {0}, {0, 0}, {1}, {1, 0}, {0, 1}, {255, 255, 255, 255, 255, 255, 255}, {2, 1, 3, 0}, {2, 1, 3}}
	seen := map[uint64]string{}
	for _, k := range keys {
		w, ok := packFairKey(k)
		require.True(t, ok, "%v", k)
		prev, dup := seen[w]
		require.False(t, dup, "%v and %q pack alike", k, prev)
		seen[w] = string(k)
	}
	_, ok := packFairKey(make([]byte, 8))
	assert.False(t, ok, "an 8-byte key does not fit with its length")
}
