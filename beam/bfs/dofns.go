package bfs

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/protocheck/protocheck/beam/store"
)

// The DoFns of one level's pipeline (see pipeline.go). Their exported
// fields are what the runner serializes; the model is rebuilt from Spec in
// Setup on whichever worker runs them.

func init() {
	register.DoFn3x1[context.Context, string, func(uint64, []byte), error](&readStatesFn{})
	register.DoFn5x1[uint64, []byte, func(int, []byte), func(int, uint64), func(int, int64), error](&expandFn{})
	register.DoFn5x1[context.Context, int, func(*[]byte) bool, func(int, uint64), func(int, int64), error](&joinFn{})
	register.Function2x1(sumInt64)
	register.Function2x1(minUint64)
	register.Function3x0(formatSum)
	register.Function3x0(formatMin)
	register.Emitter2[uint64, []byte]()
	register.Emitter2[int, uint64]()
	register.Emitter2[int, int64]()
	register.Emitter2[int, []byte]()
	register.Emitter1[string]()
	register.Iter1[[]byte]()
}

// readStatesFn reads a states file: (fingerprint, encoded state).
type readStatesFn struct{}

func (readStatesFn) ProcessElement(ctx context.Context, name string, emit func(uint64, []byte)) error {
	r, err := store.Open(ctx, name)
	if err != nil {
		return err
	}
	defer r.Close()
	return store.ReadStates(r, func(fp uint64, st []byte) error {
		emit(fp, st)
		return nil
	})
}

// expandFn expands the states of a level. It emits every successor keyed
// by its fingerprint's shard, as a candidate record (fingerprint, parent,
// encoded state), the discoveries (slot, fingerprint) and the successors
// generated.
type expandFn struct {
	Spec   Spec
	Open   Open
	Shards int
	w      *worker
}

func (f *expandFn) Setup() (err error) {
	f.w, err = newWorker(f.Spec)
	return err
}

func (f *expandFn) ProcessElement(fp uint64, st []byte, out func(int, []byte), find func(int, uint64), sum func(int, int64)) error {
	n, err := f.w.expand(fp, st, &f.Open, func(tfp uint64, cand []byte) {
		out(store.ShardOf(tfp, f.Shards), cand)
	}, func(slot int, fp uint64) { find(slot, fp) })
	if err != nil {
		return err
	}
	sum(store.SumGenerated, n)
	return nil
}

// joinFn is the anti-join of one shard: it reads the shard's part of the
// visited set (its parents files of every level so far) and keeps the
// candidates whose fingerprints are not in it, one per new state: the one
// with the smallest parent fingerprint (explore.BFS's parent rule, so the
// traces agree), ties (equal parents, states equal up to symmetry) broken
// by the smaller encoding. It checks the open properties on the new states
// and writes the shard's files of the new level, sorted by fingerprint. A
// retried bundle rewrites them whole. It emits the discoveries and the
// number of new states.
type joinFn struct {
	Spec  Spec
	Open  Open
	Dir   string
	Level int // the level expanded; the files written are Level+1's
	w     *worker
}

func (f *joinFn) Setup() (err error) {
	f.w, err = newWorker(f.Spec)
	return err
}

func (f *joinFn) ProcessElement(ctx context.Context, shard int, cands func(*[]byte) bool, find func(int, uint64), sum func(int, int64)) error {
	names, err := store.ShardParentFiles(ctx, f.Dir, shard, f.Level)
	if err != nil {
		return err
	}
	visited, err := store.Visited(ctx, names)
	if err != nil {
		return err
	}
	best := map[uint64][]byte{} // fingerprint -> parent|state
	var c []byte
	for cands(&c) {
		if len(c) < 16 {
			return fmt.Errorf("bfs: short candidate record of %d bytes", len(c))
		}
		fp := binary.LittleEndian.Uint64(c)
		if visited.Has(fp) {
			continue
		}
		if old, ok := best[fp]; !ok || lessCandidate(c[8:], old) {
			best[fp] = bytes.Clone(c[8:])
		}
	}
	fps := make([]uint64, 0, len(best))
	for fp := range best {
		fps = append(fps, fp)
	}
	slices.Sort(fps) // files in fingerprint order: the same bytes on every run
	if len(fps) > 0 {
		if err := f.write(ctx, shard, fps, best, find); err != nil {
			return err
		}
	}
	sum(store.SumNew, int64(len(fps)))
	return nil
}

func (f *joinFn) write(ctx context.Context, shard int, fps []uint64, best map[uint64][]byte, find func(int, uint64)) error {
	w, err := store.NewWriter(ctx, f.Dir, f.Level+1, shard)
	if err != nil {
		return err
	}
	for _, fp := range fps {
		rec := best[fp]
		if err := f.w.check(fp, rec[8:], &f.Open, func(slot int, fp uint64) { find(slot, fp) }); err != nil {
			w.Close()
			return err
		}
		if err := w.Write(fp, binary.LittleEndian.Uint64(rec), rec[8:]); err != nil {
			w.Close()
			return err
		}
	}
	return w.Close()
}

// lessCandidate orders candidate records (parent, encoded state) for the
// parent rule.
func lessCandidate(a, b []byte) bool {
	pa, pb := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
	if pa != pb {
		return pa < pb
	}
	return bytes.Compare(a[8:], b[8:]) < 0
}

func sumInt64(a, b int64) int64 { return a + b }

func minUint64(a, b uint64) uint64 { return min(a, b) }

func formatSum(key int, v int64, emit func(string)) {
	emit(store.SummaryLine("sum", key, uint64(v)))
}

func formatMin(slot int, fp uint64, emit func(string)) {
	emit(store.SummaryLine("min", slot, fp))
}
