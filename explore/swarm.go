package explore

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// A Shard makes a random simulation (Random) one job of a swarm: Count
// independent jobs, each searching differently, as SPIN's swarm
// verification varies the search options of each job (Holzmann, Joshi and
// Groce, "Swarm Verification", ASE 2008). A shard's walks differ from the
// other shards' in their seeds, in how a walk picks among the enabled
// steps, and in their length (see ShardPlan). The shards share nothing
// while they run; their reports are combined afterwards (the CLI's `check
// merge`).
//
// In a swarm (Count > 0) each property is reported from its shortest
// discovery, not the first walk's: the shallowest state, then the
// lowest-numbered walk. With a fixed number of walks a shard's report is
// therefore the same on any number of workers.
type Shard struct {
	Index int // this job's index: 0 <= Index < Count
	Count int // the number of jobs in the swarm; 0 means no swarm (then Index must be 0)
	// Report, when not nil, is called once at the end of a random
	// simulation (in a swarm or not) with what the run did.
	Report func(*ShardReport)
}

// A ShardPlan is how one shard diversifies its walks. It is a function of
// the shard's index, Options.Seed, Options.WalkDepth and Options.MaxDepth,
// never of Count: shard 3 of 8 searches exactly as shard 3 of 16. Shard 0
// walks exactly as a plain random simulation does (uniform choices, the
// walk depth asked for), so every swarm contains the baseline search.
type ShardPlan struct {
	// Seed is the seed of the shard's walk 0; walk n uses Seed+n. It is
	// Options.Seed + Index<<40, so shards never share a seed (below 2^40
	// walks each), and `-seed Options.Seed+n -walks 1` with the same shard
	// replays walk n alone.
	Seed      uint64
	WalkDepth int     // steps per walk (at most Options.MaxDepth when that is set)
	Greed     float64 // probability that a step is the shard's preferred one rather than a uniform choice
	Order     uint64  // the key of the shard's preference among step indices; 0: none (uniform choices)
}

// A ShardFind names the walk a property's reported discovery comes from.
type ShardFind struct {
	Property string // the property's name, as in Result.Properties
	Walk     uint64 // the walk's number in its shard
	Seed     uint64 // the walk's seed: ShardPlan.Seed + Walk
}

// A ShardReport is what a random simulation did, for a swarm's report.
type ShardReport struct {
	Plan  ShardPlan
	Walks int64       // walks run (the last ones may have been cut short by a limit)
	Found []ShardFind // the walk behind each discovery (counterexample or witness), in the order of Result.Properties
	// Fingerprints are the fingerprints of the distinct states the walks
	// visited, sorted: the same state has the same fingerprint in every
	// process (fixed hash seeds), so the union over shards counts the
	// states they covered together, up to fingerprint collisions.
	Fingerprints []uint64
}

// shardOrderBits is where a swarm packs a discovery's depth above its walk
// number in verdicts' order field, so that the shallowest discovery wins
// and the walk number breaks ties.
const shardOrderBits = 40

// validShard checks opts.Shard.
func validShard(s Shard) error {
	switch {
	case s.Count < 0:
		return fmt.Errorf("%w: shard count %d < 0", ErrOptions, s.Count)
	case s.Count == 0 && s.Index != 0:
		return fmt.Errorf("%w: shard index %d without a shard count", ErrOptions, s.Index)
	case s.Index < 0 || (s.Count > 0 && s.Index >= s.Count):
		return fmt.Errorf("%w: shard index %d out of range [0, %d)", ErrOptions, s.Index, s.Count)
	case s.Count > 1<<24:
		return fmt.Errorf("%w: shard count %d > 2^24", ErrOptions, s.Count)
	}
	return nil
}

// shardGreed and shardDepth are the settings shards 1, 2, ... cycle
// through: the first twelve shards after shard 0 try every pair once.
// A greedy shard follows its preferred order most of the time (runs of one
// process or one kind of step, as SPIN's swarm reverses or permutes the
// transition order); short walks reach shallow bugs more often per second,
// long ones reach deep states.
var (
	shardGreed = []float64{0.3, 0.6, 0.9}
	shardDepth = [][2]int{{1, 1}, {1, 4}, {1, 2}, {2, 1}} // numerator, denominator of the walk depth
)

// planShard returns the plan of opts.Shard; opts is validated.
func planShard(opts *Options) ShardPlan {
	i := opts.Shard.Index
	p := ShardPlan{Seed: opts.Seed + uint64(i)<<shardOrderBits, WalkDepth: opts.WalkDepth}
	if i == 0 {
		return p
	}
	k := i - 1
	p.Greed = shardGreed[k%len(shardGreed)]
	d := shardDepth[(k/len(shardGreed))%len(shardDepth)]
	p.WalkDepth = max(1, opts.WalkDepth*d[0]/d[1])
	if opts.MaxDepth > 0 {
		p.WalkDepth = min(p.WalkDepth, opts.MaxDepth)
	}
	p.Order = mix64(uint64(i)) | 1
	return p
}

// pick chooses one of n enabled steps: the shard's preferred one with
// probability Greed, else uniformly. With no preference it draws exactly
// what a plain random walk draws.
func (p *ShardPlan) pick(rng *rand.Rand, n int) int {
	if p.Order == 0 || n == 1 || rng.Float64() >= p.Greed {
		return rng.IntN(n)
	}
	best, bestRank := 0, mix64(p.Order)
	for j := 1; j < n; j++ {
		if r := mix64(p.Order ^ uint64(j)*0x9e3779b97f4a7c15); r < bestRank {
			best, bestRank = j, r
		}
	}
	return best
}

// mix64 is SplitMix64's output function: a well-mixed bijection.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// shardReport collects a finished run's report for opts.Shard.Report.
func shardReport[S, A any](plan ShardPlan, walks int64, v *verdicts[S, A], set *fpSet, swarm bool) *ShardReport {
	r := &ShardReport{Plan: plan, Walks: walks, Fingerprints: set.fingerprints()}
	add := func(name string, d discovery) {
		if d.ok {
			walk := walkOf(d.order, swarm)
			r.Found = append(r.Found, ShardFind{Property: name, Walk: walk, Seed: plan.Seed + walk})
		}
	}
	// The order of Result.Properties: the model's state properties, its
	// step properties, then the engine's own checks.
	for i, p := range v.props {
		add(p.Name, v.found[i])
	}
	for i, p := range v.steps {
		add(p.Name, v.found[v.stepIndex(i)])
	}
	add(DeadlockProperty, v.found[len(v.props)+extraDeadlock])
	add(PanicProperty, v.found[len(v.props)+extraPanic])
	return r
}

// walkOf returns the walk number in a discovery's order field.
func walkOf(order uint64, swarm bool) uint64 {
	if swarm {
		return order & (1<<shardOrderBits - 1)
	}
	return order
}

// fingerprints returns every fingerprint in the set, sorted. The set must
// not change meanwhile.
func (t *fpSet) fingerprints() []uint64 {
	out := make([]uint64, 0, t.len())
	for i := range t.segs {
		for _, s := range t.segs[i].slots {
			if s.fp != 0 {
				out = append(out, s.fp)
			}
		}
	}
	slices.Sort(out)
	return out
}
