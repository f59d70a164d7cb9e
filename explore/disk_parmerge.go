package explore

import "sync"

// A mergeSource yields the records of a level's runs in cmpState order,
// only the first (smallest) record of every fingerprint. The encoding is
// valid until the next call.
type mergeSource interface {
	next() (fp, parent uint64, enc []byte, ok bool, err error)
	close()
}

// openMerge returns the merge of runs: a runMerger on the caller's
// goroutine for few runs or one worker; otherwise a parMerger, which
// merges each half of the runs on a goroutine of its own. The merge of a
// level was the disk engine's one serial stage: with -mem 64MiB it was
// half of TwoPhase's CPU time at 9 RMs, most of it in the heap of runs.
func openMerge(dir string, refs []fileRef, workers int) (mergeSource, error) {
	if workers < 2 || len(refs) < 4 {
		m, err := newRunMerger(dir, refs)
		if err != nil {
			return nil, err
		}
		return m, nil
	}
	return newParMerger(dir, refs)
}

// mergeBatchLen is the number of records a parMerger's goroutine hands
// over at a time.
const mergeBatchLen = 1024

// mergeBatch is a run of merged records, their encodings in one arena.
type mergeBatch struct {
	fps, parents []uint64
	ends         []int // the end of each record's encoding in enc
	enc          []byte
	err          error // the merge failed after these records
}

func (b *mergeBatch) reset() {
	b.fps, b.parents, b.ends, b.enc, b.err = b.fps[:0], b.parents[:0], b.ends[:0], b.enc[:0], nil
}

func (b *mergeBatch) add(fp, parent uint64, enc []byte) {
	b.fps = append(b.fps, fp)
	b.parents = append(b.parents, parent)
	b.enc = append(b.enc, enc...)
	b.ends = append(b.ends, len(b.enc))
}

// mergeHalf is the consumer's end of one half's goroutine: full brings
// batches in order and is closed after the last; spent batches go back
// through free.
type mergeHalf struct {
	full chan *mergeBatch
	free chan *mergeBatch
	cur  *mergeBatch
	i    int // the current record of cur
}

// mergeBatches is the number of batches of a half: one being filled, one
// waiting, one being read.
const mergeBatches = 3

// head makes the half's current record available, and reports false at its
// end (or the error its goroutine met, once the records before it are read).
func (h *mergeHalf) head() (bool, error) {
	for h.cur == nil || h.i == len(h.cur.fps) {
		if h.cur != nil {
			if h.cur.err != nil {
				return false, h.cur.err
			}
			h.free <- h.cur // never blocks: free holds every batch
			h.cur = nil
		}
		b, ok := <-h.full
		if !ok {
			return false, nil
		}
		h.cur, h.i = b, 0
	}
	return true, nil
}

func (h *mergeHalf) fp() uint64     { return h.cur.fps[h.i] }
func (h *mergeHalf) parent() uint64 { return h.cur.parents[h.i] }
func (h *mergeHalf) enc() []byte {
	start := 0
	if h.i > 0 {
		start = h.cur.ends[h.i-1]
	}
	return h.cur.enc[start:h.cur.ends[h.i]]
}

// parMerger merges two halves of a level's runs, each merged by a
// runMerger on its own goroutine, into one stream: a fingerprint found in
// both halves keeps its smaller record, as one runMerger over all the runs
// would.
type parMerger struct {
	halves [2]mergeHalf
	done   chan struct{} // closed by close: the goroutines stop
	wg     sync.WaitGroup
	enc    []byte
}

func newParMerger(dir string, refs []fileRef) (*parMerger, error) {
	mid := len(refs) / 2
	first, err := newRunMerger(dir, refs[:mid])
	if err != nil {
		return nil, err
	}
	second, err := newRunMerger(dir, refs[mid:])
	if err != nil {
		first.close()
		return nil, err
	}
	p := &parMerger{done: make(chan struct{})}
	for i, m := range []*runMerger{first, second} {
		h := &p.halves[i]
		h.full = make(chan *mergeBatch, mergeBatches)
		h.free = make(chan *mergeBatch, mergeBatches)
		for range mergeBatches {
			h.free <- &mergeBatch{}
		}
		p.wg.Add(1)
		go p.produce(m, h)
	}
	return p, nil
}

// produce merges one half's runs into batches until the end, an error, or
// close.
func (p *parMerger) produce(m *runMerger, h *mergeHalf) {
	defer p.wg.Done()
	defer m.close()
	defer close(h.full)
	for {
		var b *mergeBatch
		select {
		case b = <-h.free:
		case <-p.done:
			return
		}
		b.reset()
		end := false
		for len(b.fps) < mergeBatchLen {
			fp, parent, enc, ok, err := m.next()
			if err != nil || !ok {
				b.err, end = err, true
				break
			}
			b.add(fp, parent, enc)
		}
		if len(b.fps) > 0 || b.err != nil {
			select {
			case h.full <- b:
			case <-p.done:
				return
			}
		}
		if end {
			return
		}
	}
}

func (p *parMerger) next() (fp, parent uint64, enc []byte, ok bool, err error) {
	a, b := &p.halves[0], &p.halves[1]
	okA, err := a.head()
	if err != nil {
		return 0, 0, nil, false, err
	}
	okB, err := b.head()
	if err != nil {
		return 0, 0, nil, false, err
	}
	var take *mergeHalf
	switch {
	case !okA && !okB:
		return 0, 0, nil, false, nil
	case !okB:
		take = a
	case !okA:
		take = b
	default:
		take = a
		if cmpState(b.fp(), b.parent(), b.enc(), a.fp(), a.parent(), a.enc()) < 0 {
			take = b
		}
		if a.fp() == b.fp() { // in both halves: the other record is dropped
			other := a
			if take == a {
				other = b
			}
			other.i++
		}
	}
	fp, parent = take.fp(), take.parent()
	p.enc = append(p.enc[:0], take.enc()...)
	take.i++
	return fp, parent, p.enc, true, nil
}

// close stops the goroutines and waits for them; it may be called before
// the end of the stream.
func (p *parMerger) close() {
	close(p.done)
	p.wg.Wait()
}
