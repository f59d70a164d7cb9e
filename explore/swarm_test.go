package explore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// combo is a combination lock: each step presses one of four buttons, and
// the lock opens after the code's digits in a row. Hist records every
// press, so different walks visit different states.
type combo struct {
	T, Pos uint8
	Hist   uint32
}

var pressLabels = [4]string{"press 0", "press 1", "press 2", "press 3"}

// comboLock opens ("shut" fails) after code is pressed in a row, within
// presses presses.
func comboLock(code []uint8, presses int) model.Func[combo, string] {
	return model.Func[combo, string]{
		InitFn: func(yield func(combo)) { yield(combo{}) },
		NextFn: func(s combo, yield func(string, combo)) {
			if int(s.T) >= presses || int(s.Pos) == len(code) {
				return
			}
			for d := range uint8(4) {
				n := combo{T: s.T + 1, Hist: s.Hist<<2 | uint32(d)}
				switch d {
				case code[s.Pos]:
					n.Pos = s.Pos + 1
				case code[0]:
					n.Pos = 1
				}
				yield(pressLabels[d], n)
			}
		},
		KeyFn: func(dst []byte, s combo) []byte {
			return model.AppendInt(append(dst, s.T, s.Pos), int(s.Hist))
		},
		Props: []model.Property[combo]{model.Always("shut", func(s combo) bool { return int(s.Pos) < len(code) })},
	}
}

// swarmRun runs shard sh of a swarm and returns the result and the
// shard's report.
func swarmRun(t *testing.T, m model.Model[combo, string], opts Options, sh Shard) (*Result, *ShardReport) {
	t.Helper()
	var rep *ShardReport
	sh.Report = func(r *ShardReport) { rep = r }
	opts.Shard = sh
	res, err := Random(m, opts)
	require.NoError(t, err)
	require.NotNil(t, rep, "the report callback is called")
	return res, rep
}

func TestSwarmShardZeroWalksAsPlainRandom(t *testing.T) {
	m := comboLock([]uint8{1, 2, 3}, 6)
	opts := Options{Seed: 5, Walks: 300, Workers: 1}
	plain, prep := swarmRun(t, m, opts, Shard{})
	shard, srep := swarmRun(t, m, opts, Shard{Index: 0, Count: 4})
	assert.Equal(t, plain.Distinct, shard.Distinct, "shard 0 visits the states plain random walks visit")
	assert.Equal(t, plain.Generated, shard.Generated)
	assert.Equal(t, prep.Fingerprints, srep.Fingerprints)
	assert.Equal(t, prep.Plan, srep.Plan)
	p, _ := plain.Property("shut")
	s, _ := shard.Property("shut")
	require.Equal(t, Violated, p.Status, "300 walks open a 3-digit lock")
	require.Equal(t, Violated, s.Status)
	assert.LessOrEqual(t, s.Trace.Len(), p.Trace.Len(), "a swarm reports the shortest, plain random the first walk's")
}

func TestSwarmShardIsDeterministic(t *testing.T) {
	m := comboLock([]uint8{1, 2, 3}, 6)
	for _, sh := range []Shard{{Index: 0, Count: 4}, {Index: 2, Count: 4}, {Index: 7, Count: 8}} {
		t.Run(fmt.Sprint(sh.Index), func(t *testing.T) {
			a, ra := swarmRun(t, m, Options{Walks: 400, Workers: 1}, sh)
			b, rb := swarmRun(t, m, Options{Walks: 400, Workers: 3}, sh)
			assert.Equal(t, ra, rb, "plan, walks, discoveries and fingerprints do not depend on the workers")
			assert.Equal(t, a.Distinct, b.Distinct)
			assert.Equal(t, a.Generated, b.Generated)
			for i := range a.Properties {
				pa, pb := a.Properties[i], b.Properties[i]
				assert.Equal(t, pa.Status, pb.Status)
				assert.Equal(t, pa.Message, pb.Message)
				if pa.Trace != nil && pb.Trace != nil {
					assert.Equal(t, pa.Trace.Path, pb.Trace.Path)
				}
			}
			assert.Len(t, ra.Fingerprints, int(a.Distinct), "one fingerprint per distinct state")
			assert.True(t, slices.IsSorted(ra.Fingerprints))
			assert.Len(t, slices.Compact(slices.Clone(ra.Fingerprints)), len(ra.Fingerprints), "no duplicates")
		})
	}
}

func TestSwarmShardsDiffer(t *testing.T) {
	opts := Options{Seed: 9, Walks: 1}
	require.NoError(t, opts.validate())
	seeds, orders := map[uint64]bool{}, map[uint64]bool{}
	pairs := map[[2]float64]bool{}
	for i := range 13 {
		opts.Shard = Shard{Index: i, Count: 13}
		p := planShard(&opts)
		assert.False(t, seeds[p.Seed], "shard %d reuses a seed", i)
		seeds[p.Seed] = true
		if i == 0 {
			assert.Equal(t, ShardPlan{Seed: 9, WalkDepth: 1000}, p, "shard 0 is the plain search")
			continue
		}
		assert.False(t, orders[p.Order], "shard %d reuses a step order", i)
		orders[p.Order] = true
		pair := [2]float64{p.Greed, float64(p.WalkDepth)}
		assert.False(t, pairs[pair], "shards 1..12 try every (greed, depth) pair once: %d repeats %v", i, pair)
		pairs[pair] = true
	}
	assert.Len(t, pairs, 12)

	// Different shards visit different states; their union is below the sum.
	m := comboLock([]uint8{3, 0, 2, 1}, 7)
	union := map[uint64]bool{}
	var sum int
	var sets [][]uint64
	for i := range 4 {
		_, rep := swarmRun(t, m, Options{Walks: 300, Workers: 2}, Shard{Index: i, Count: 4})
		for _, prev := range sets {
			assert.NotEqual(t, prev, rep.Fingerprints, "shard %d covers what another did", i)
		}
		sets = append(sets, rep.Fingerprints)
		sum += len(rep.Fingerprints)
		for _, fp := range rep.Fingerprints {
			union[fp] = true
		}
	}
	assert.Less(t, len(union), sum, "the walks start at the same state, so shards overlap")
}

// TestSwarmReportsShortestWalk checks a shard's discovery against every
// walk run alone with the seed its message names.
func TestSwarmReportsShortestWalk(t *testing.T) {
	m := comboLock([]uint8{1, 2, 3}, 6)
	sh := Shard{Index: 1, Count: 3}
	const walks = 200
	res, rep := swarmRun(t, m, Options{Seed: 47, Walks: walks, Workers: 2}, sh)
	got, _ := res.Property("shut")
	require.Equal(t, Violated, got.Status)
	require.Len(t, rep.Found, 1)
	best, bestWalk, first := -1, -1, -1
	for n := range walks {
		one, _ := swarmRun(t, m, Options{Seed: 47 + uint64(n), Walks: 1, Workers: 1}, sh)
		p, _ := one.Property("shut")
		if p.Status != Violated {
			continue
		}
		if first < 0 {
			first = p.Trace.Len()
		}
		if best < 0 || p.Trace.Len() < best {
			best, bestWalk = p.Trace.Len(), n
		}
		if n == int(rep.Found[0].Walk) {
			assert.Equal(t, got.Trace.Path, p.Trace.Path, "walk %d alone walks the same path", n)
		}
	}
	require.Greater(t, first, best, "the test needs a first find that is not the shortest")
	assert.Equal(t, best, got.Trace.Len(), "the shortest of the walks is reported")
	assert.EqualValues(t, bestWalk, rep.Found[0].Walk, "from the first walk among the shortest")
	assert.Equal(t, rep.Plan.Seed+rep.Found[0].Walk, rep.Found[0].Seed)
	assert.Contains(t, got.Message, fmt.Sprintf("-shard 1/3 -seed %d -walks 1", 47+bestWalk))
	tr, err := Replay(m, got.Trace.Path)
	require.NoError(t, err)
	assert.False(t, m.Props[0].Holds(tr.Steps[len(tr.Steps)-1].State.(combo)), "the path replays to an open lock")
}

func TestSwarmWalkDepth(t *testing.T) {
	opts := Options{MaxDepth: 40}
	require.NoError(t, opts.validate())
	for i := 1; i <= 12; i++ {
		opts.Shard = Shard{Index: i, Count: 13}
		p := planShard(&opts)
		assert.LessOrEqual(t, p.WalkDepth, 40, "shard %d: MaxDepth bounds the walk", i)
		assert.GreaterOrEqual(t, p.WalkDepth, 10)
	}
	m := comboLock([]uint8{3, 3, 3, 3, 3, 3, 3, 3, 3}, 200)
	res, rep := swarmRun(t, m, Options{Walks: 20, Workers: 1, MaxDepth: 40}, Shard{Index: 4, Count: 13})
	require.Equal(t, 10, rep.Plan.WalkDepth, "shard 4 walks a quarter of the depth")
	assert.Equal(t, 10, res.MaxDepth)
}

func TestShardPickPrefersOneStep(t *testing.T) {
	p := ShardPlan{Greed: 0.9, Order: mix64(3) | 1}
	rng := rand.New(rand.NewPCG(1, 2))
	counts := make([]int, 4)
	for range 10000 {
		counts[p.pick(rng, 4)]++
	}
	top := slices.Max(counts)
	assert.Greater(t, top, 8800, "the preferred step is taken about 92.5%% of the time: %v", counts)
	for _, c := range counts {
		assert.True(t, c == top || (c > 100 && c < 500), "the others uniformly: %v", counts)
	}
	plain, a, b := ShardPlan{}, rand.New(rand.NewPCG(7, 7)), rand.New(rand.NewPCG(7, 7))
	for n := 1; n < 50; n++ {
		require.Equal(t, b.IntN(n), plain.pick(a, n), "no preference: the plain draw")
	}
}

func TestShardValidation(t *testing.T) {
	m := comboLock([]uint8{1}, 2)
	for _, sh := range []Shard{{Count: -1}, {Index: 1}, {Index: 3, Count: 3}, {Index: -1, Count: 2}} {
		_, err := Random[combo, string](m, Options{Walks: 1, Shard: sh})
		assert.ErrorIs(t, err, ErrOptions, "%+v", sh)
	}
}
