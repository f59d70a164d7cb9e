package bfs

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"

	"github.com/protocheck/protocheck/beam/store"
)

// levelPipeline builds the pipeline that expands level (its states files
// are states) into level+1:
//
//	states files ─ read ─ expand ─ candidates keyed by shard ─ GroupByKey
//	  ─ per shard: anti-join with the shard's visited files, smallest parent,
//	    check properties, write the shard's files of level+1
//	discoveries (slot → fp): min per slot; counts: sum per key ─ summary file
//
// The anti-join is partitioned by fingerprint, as in PReach and Stern and
// Dill's distributed Murphi: candidates are shuffled to their shard, and
// the worker that holds a shard reads that shard's visited fingerprints
// from the parents files (8 bytes a state in memory) and drops the
// candidates it finds there. Only candidates cross the shuffle; the
// visited set is read sequentially from files, never shuffled, and a
// worker holds 1/shards of it. The alternatives cost more: a side input
// puts the whole visited set in every worker's memory, and a CoGroupByKey
// of candidates with the visited set shuffles every visited fingerprint
// at every level (this engine did that first; on prism it made the late,
// small levels of twophase n=6 cost 1.2 s each instead of 0.06 s).
func levelPipeline(spec Spec, open Open, dir string, level, shards int, states []string) *beam.Pipeline {
	p, s := beam.NewPipelineWithRoot()
	s = s.Scope("level" + itoa5(level))

	files := beam.Reshuffle(s, beam.CreateList(s, states))
	frontier := beam.ParDo(s, readStatesFn{}, files)
	cands, found, counts := beam.ParDo3(s, &expandFn{Spec: spec, Open: open, Shards: shards}, frontier)
	found2, written := beam.ParDo2(s, &joinFn{Spec: spec, Open: open, Dir: dir, Level: level}, beam.GroupByKey(s, cands))

	sums := beam.CombinePerKey(s, sumInt64, beam.Flatten(s, counts, written))
	mins := beam.CombinePerKey(s, minUint64, beam.Flatten(s, found, found2))
	lines := beam.Flatten(s, beam.ParDo(s, formatSum, sums), beam.ParDo(s, formatMin, mins))
	textio.Write(s, store.SummaryFile(dir, level+1), lines)
	return p
}

func itoa5(n int) string {
	b := []byte("00000")
	for i := 4; i >= 0 && n > 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}
