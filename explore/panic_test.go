package explore

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/protocheck/protocheck/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fragile panics when it steps from state 3.
func fragile() model.Func[int, string] {
	return model.Func[int, string]{
		InitFn: func(yield func(int)) { yield(0) },
		NextFn: func(s int, yield func(string, int)) {
			if s == 3 {
				panic("boom at 3")
			}
			if s < 5 {
				yield("inc", s+1)
			}
		},
		KeyFn: func(dst []byte, s int) []byte { return model.AppendInt(dst, s) },
		Props: []model.Property[int]{model.Always("small", func(s int) bool { return s < 100 })},
	}
}

func TestPanicIsReportedWithTrace(t *testing.T) {
	engines := map[string]func(model.Model[int, string], Options) (*Result, error){
		"bfs":    BFS[int, string],
		"dfs":    DFS[int, string],
		"random": Random[int, string],
	}
	for name, run := range engines {
		t.Run(name, func(t *testing.T) {
			res, err := run(fragile(), Options{Walks: 3})
			require.NoError(t, err)
			assert.False(t, res.Complete)
			p, ok := res.Property(PanicProperty)
			require.True(t, ok, "a panic is a failure")
			assert.Equal(t, Violated, p.Status)
			assert.Contains(t, p.Message, "boom at 3")
			require.NotNil(t, p.Trace)
			assert.Equal(t, 3, p.Trace.Steps[len(p.Trace.Steps)-1].State, "the trace leads to the state that panicked")
		})
	}
}

func TestDeadlockNeedsFinaler(t *testing.T) {
	m := fragile()
	m.NextFn = func(s int, yield func(string, int)) {
		if s < 4 {
			yield("inc", s+1)
		}
	}
	res, err := BFS[int, string](m, Options{})
	require.NoError(t, err)
	_, ok := res.Property(DeadlockProperty)
	assert.False(t, ok, "no deadlock check without model.Finaler")

	g := finalGraph{&graph{inits: []int{0}, succ: [][]int{{1}, {2}, {}}, goal: 2, final: map[int]bool{}}}
	res, err = BFS[int, edge](g, Options{})
	require.NoError(t, err)
	d, _ := res.Property(DeadlockProperty)
	require.Equal(t, Violated, d.Status)
	assert.Equal(t, 2, d.Trace.Len())
	g.final[2] = true
	res, err = BFS[int, edge](g, Options{})
	require.NoError(t, err)
	d, _ = res.Property(DeadlockProperty)
	assert.Equal(t, Holds, d.Status)
}

func TestRandomIsSeededAndReproducible(t *testing.T) {
	m := lattice{50, 50}
	a, err := Random[point, string](m, Options{Seed: 7, Walks: 200, Workers: 1})
	require.NoError(t, err)
	b, err := Random[point, string](m, Options{Seed: 7, Walks: 200, Workers: 3})
	require.NoError(t, err)
	assert.False(t, a.Complete, "random simulation is never complete")
	assert.Equal(t, a.Distinct, b.Distinct)
	assert.Equal(t, a.Properties, b.Properties, "same discoveries and walks for 1 and 3 workers")
	bad, _ := a.Property("not on diagonal far out")
	require.Equal(t, Violated, bad.Status)
	assert.Contains(t, bad.Message, "-seed")
	replayed, err := Replay[point, string](m, bad.Trace.Path)
	require.NoError(t, err)
	assert.Equal(t, bad.Trace.Steps, replayed.Steps)
}

func TestPanicInInitIsReported(t *testing.T) {
	m := fragile()
	m.InitFn = func(func(int)) { panic("no initial state") }
	res, err := BFS[int, string](m, Options{})
	require.NoError(t, err)
	assert.False(t, res.Complete, "a run whose Init panicked is not complete")
	p, ok := res.Property(PanicProperty)
	require.True(t, ok)
	assert.Equal(t, Violated, p.Status)
	assert.Contains(t, p.Message, "no initial state")
}

// grid4 steps one of four counters up to 12; Next panics on many states of
// depth 24, spread over many blocks of that level.
func grid4() model.Func[[4]int, string] {
	return model.Func[[4]int, string]{
		InitFn: func(yield func([4]int)) { yield([4]int{}) },
		NextFn: func(s [4]int, yield func(string, [4]int)) {
			if s[0]+s[1]+s[2]+s[3] == 24 && s[0]%5 == 0 && s[1]%3 == 1 {
				panic(fmt.Sprint("boom at ", s))
			}
			for i := range 4 {
				if s[i] < 12 {
					t := s
					t[i]++
					yield("inc"+strconv.Itoa(i), t)
				}
			}
		},
		KeyFn: func(dst []byte, s [4]int) []byte {
			for _, v := range s {
				dst = model.AppendInt(dst, v)
			}
			return dst
		},
		Props: []model.Property[[4]int]{
			model.Always("small", func(s [4]int) bool { return s[0] < 100 }),
			model.Eventually("ends", func(s [4]int) bool { return s == [4]int{12, 12, 12, 12} }),
		},
	}
}

// TestPanicTraceDoesNotDependOnWorkers: when model code panics on many
// states of a level, the level still runs to its end, so the state
// reported (the smallest fingerprint among them) and its trace are the
// same with 1 worker or many, in BFS, in Check's one pass and on disk.
func TestPanicTraceDoesNotDependOnWorkers(t *testing.T) {
	engines := map[string]func(model.Model[[4]int, string], Options) (*Result, error){
		"bfs":   BFS[[4]int, string],
		"check": Check[[4]int, string],
		"disk": func(m model.Model[[4]int, string], o Options) (*Result, error) {
			o.Disk = &Disk{Dir: t.TempDir()}
			return BFS(m, o)
		},
	}
	for name, run := range engines {
		t.Run(name, func(t *testing.T) {
			var want []int
			for round := range 5 {
				for _, workers := range []int{1, 2, 4} {
					res, err := run(grid4(), Options{Workers: workers})
					require.NoError(t, err)
					assert.False(t, res.Complete)
					assert.Equal(t, "panic", res.StopReason)
					p, ok := res.Property(PanicProperty)
					require.True(t, ok)
					require.NotNil(t, p.Trace)
					assert.Contains(t, p.Message, "boom at")
					if want == nil {
						want = p.Trace.Path
						continue
					}
					require.Equal(t, want, p.Trace.Path, "round %d, %d workers", round, workers)
				}
			}
		})
	}
}
