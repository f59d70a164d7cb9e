package explore

import (
	"bytes"
	"os"
)

// runMerger merges runs of state records, each sorted by cmpState, into
// one sorted stream holding the first (smallest) record of every
// fingerprint: the delayed duplicate detection within a level.
type runMerger struct {
	heap []mergeHead // min-heap by cmpState
	enc  []byte      // the current record's encoding (a copy)
}

// mergeHead is a run's current record in the heap: its fingerprints kept
// beside the reader, so that most comparisons read no reader.
type mergeHead struct {
	fp, parent uint64
	r          *recReader
}

func newRunMerger(dir string, refs []fileRef) (*runMerger, error) {
	m := &runMerger{}
	for _, ref := range refs {
		r, err := openRec(dir, ref, true)
		if err != nil {
			m.close()
			return nil, err
		}
		ok, err := r.next()
		if err != nil {
			r.close()
			m.close()
			return nil, err
		}
		if !ok {
			r.close()
			continue
		}
		m.heap = append(m.heap, mergeHead{r.fp, r.parent, r})
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

// less orders the heap's records i and j as cmpState does.
func (m *runMerger) less(i, j int) bool {
	a, b := &m.heap[i], &m.heap[j]
	switch { // cmpFP spelled out: its -1/0/1 cost the merge 3-5%
	case a.fp != b.fp:
		return a.fp < b.fp
	case a.parent != b.parent:
		return a.parent < b.parent
	}
	return bytes.Compare(a.r.enc, b.r.enc) < 0
}

func (m *runMerger) down(i int) {
	n := len(m.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && m.less(r, l) {
			c = r
		}
		if !m.less(c, i) {
			return
		}
		m.heap[i], m.heap[c] = m.heap[c], m.heap[i]
		i = c
	}
}

// advance moves the top reader to its next record, dropping it at its end.
func (m *runMerger) advance() error {
	top := &m.heap[0]
	ok, err := top.r.next()
	if err != nil {
		return err
	}
	if ok {
		top.fp, top.parent = top.r.fp, top.r.parent
	} else {
		top.r.close()
		last := len(m.heap) - 1
		m.heap[0] = m.heap[last]
		m.heap = m.heap[:last]
	}
	if len(m.heap) > 0 {
		m.down(0)
	}
	return nil
}

// next returns the smallest record of the next fingerprint, and false at
// the end. The encoding is valid until the next call.
func (m *runMerger) next() (fp, parent uint64, enc []byte, ok bool, err error) {
	if len(m.heap) == 0 {
		return 0, 0, nil, false, nil
	}
	top := &m.heap[0]
	fp, parent = top.fp, top.parent
	m.enc = append(m.enc[:0], top.r.enc...)
	for len(m.heap) > 0 && m.heap[0].fp == fp {
		if err := m.advance(); err != nil {
			return 0, 0, nil, false, err
		}
	}
	return fp, parent, m.enc, true, nil
}

func (m *runMerger) close() {
	for _, h := range m.heap {
		h.r.close()
	}
	m.heap = nil
}

// visitedSet answers, for increasing fingerprints, whether they are in a
// set of sorted visited runs: one cursor per run, each moved forward only.
type visitedSet struct {
	rs   []*recReader
	cur  []uint64 // each cursor's fingerprint; 0 at its end
	done []bool
}

func openVisited(dir string, refs []fileRef) (*visitedSet, error) {
	v := &visitedSet{}
	for _, ref := range refs {
		r, err := openRec(dir, ref, false)
		if err != nil {
			v.close()
			return nil, err
		}
		v.rs = append(v.rs, r)
		v.cur = append(v.cur, 0)
		v.done = append(v.done, false)
	}
	return v, nil
}

// contains reports whether fp is visited. Successive calls must pass
// increasing fingerprints.
func (v *visitedSet) contains(fp uint64) (bool, error) {
	found := false
	for i, r := range v.rs {
		for !v.done[i] && v.cur[i] < fp {
			ok, err := r.next()
			if err != nil {
				return false, err
			}
			if !ok {
				v.done[i] = true
				break
			}
			v.cur[i] = r.fp
		}
		if !v.done[i] && v.cur[i] == fp {
			found = true
		}
	}
	return found, nil
}

func (v *visitedSet) close() {
	for _, r := range v.rs {
		r.close()
	}
}

// mergeFPRuns merges sorted, disjoint fingerprint runs into one new run.
func mergeFPRuns(dir, name string, refs []fileRef, durable bool) (fileRef, error) {
	w, err := createRec(dir, name)
	if err != nil {
		return fileRef{}, err
	}
	v, err := openVisited(dir, refs)
	if err == nil {
		err = v.mergeInto(w)
		v.close()
	}
	if err != nil {
		w.abort(dir)
		return fileRef{}, err
	}
	ref, err := w.close(durable)
	if err != nil {
		os.Remove(w.f.Name())
	}
	return ref, err
}

// mergeInto writes the union of the runs, in order, to w.
func (v *visitedSet) mergeInto(w *recWriter) error {
	for i, r := range v.rs {
		ok, err := r.next()
		if err != nil {
			return err
		}
		v.done[i] = !ok
		v.cur[i] = r.fp
	}
	for {
		best := -1
		for i := range v.rs {
			if !v.done[i] && (best < 0 || v.cur[i] < v.cur[best]) {
				best = i
			}
		}
		if best < 0 {
			return nil
		}
		if err := w.fp(v.cur[best]); err != nil {
			return err
		}
		ok, err := v.rs[best].next()
		if err != nil {
			return err
		}
		v.done[best] = !ok
		v.cur[best] = v.rs[best].fp
	}
}

// mergeStateRuns merges runs of state records into one new run, keeping
// the first record of every fingerprint (used when a level has more runs
// than can be merged at once), on up to three goroutines (openMerge).
func mergeStateRuns(dir, name string, refs []fileRef, workers int) (fileRef, error) {
	w, err := createRec(dir, name)
	if err != nil {
		return fileRef{}, err
	}
	m, err := openMerge(dir, refs, workers)
	for err == nil {
		var fp, parent uint64
		var enc []byte
		var ok bool
		if fp, parent, enc, ok, err = m.next(); err != nil || !ok {
			break
		}
		err = w.state(fp, parent, enc)
	}
	if m != nil {
		m.close()
	}
	if err != nil {
		w.abort(dir)
		return fileRef{}, err
	}
	ref, err := w.close(false)
	if err != nil {
		os.Remove(w.f.Name())
	}
	return ref, err
}
