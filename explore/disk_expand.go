package explore

import (
	"fmt"
	"os"
	"sync"
)

// diskChunk is a slice of the frontier handed to one worker: the states'
// fingerprints and encodings.
type diskChunk struct {
	fps  []uint64
	ends []int // end of each encoding in data
	data []byte
}

// chunkLen is the number of frontier states in a chunk.
const chunkLen = 256

// diskWorker expands chunks of a level into its successor buffer.
type diskWorker[S, A any] struct {
	r         *diskRun[S, A]
	k         keyer[S]
	buf       *succBuf
	depth     int
	curFP     uint64
	from      *S
	steps     bool // step properties are still open
	nsucc     int
	generated int64
	runs      []fileRef
	err       error
	yield     func(A, S)
}

func (r *diskRun[S, A]) newWorker(i, depth int) *diskWorker[S, A] {
	for len(r.bufs) <= i {
		r.bufs = append(r.bufs, &succBuf{limit: r.bufLen, byEnc: r.opts.Symmetry})
	}
	w := &diskWorker[S, A]{r: r, k: newKeyer[S](r.m, r.opts.Symmetry), buf: r.bufs[i], depth: depth}
	w.steps = len(r.v.stepOpen) > 0
	w.yield = w.onSuccessor
	return w
}

// expand expands the frontier on Workers goroutines and returns the runs
// of successors they spilled. On a stop or an error the runs are removed.
func (r *diskRun[S, A]) expand() ([]fileRef, error) {
	chunks := make(chan *diskChunk, r.opts.Workers)
	free := make(chan *diskChunk, 2*r.opts.Workers)
	workers := make([]*diskWorker[S, A], r.opts.Workers)
	var wg sync.WaitGroup
	for i := range workers {
		w := r.newWorker(i, r.st.Depth)
		workers[i] = w
		wg.Go(func() {
			for c := range chunks {
				if w.err == nil && !r.mo.stopped() {
					w.expandChunk(c)
				}
				select {
				case free <- c:
				default:
				}
			}
			if w.err == nil && !r.mo.stopped() && len(w.buf.recs) > 0 {
				w.spill()
			}
			r.mo.generated.Add(w.generated)
		})
	}
	readErr := r.readFrontier(chunks, free)
	close(chunks)
	wg.Wait()
	if r.panicked {
		r.mo.stop("panic") // the level is abandoned: its successors may be missing
	}
	r.st.Generated = r.mo.generated.Load()
	var runs []fileRef
	err := readErr
	for _, w := range workers {
		runs = append(runs, w.runs...)
		w.buf.reset()
		if err == nil {
			err = w.err
		}
	}
	if err == nil && r.mo.stopped() {
		err = errLevelStopped
	}
	if err != nil {
		for _, ref := range runs {
			os.Remove(r.path(ref.Name))
		}
		return nil, err
	}
	return runs, nil
}

// readFrontier sends the frontier to the workers in chunks, until its end
// or a stop.
func (r *diskRun[S, A]) readFrontier(chunks, free chan *diskChunk) error {
	rd, err := openRec(r.dir, r.st.Frontier, true)
	if err != nil {
		return err
	}
	defer rd.close()
	for !r.mo.stopped() {
		var c *diskChunk
		select {
		case c = <-free:
			c.fps, c.ends, c.data = c.fps[:0], c.ends[:0], c.data[:0]
		default:
			c = &diskChunk{}
		}
		for len(c.fps) < chunkLen {
			ok, err := rd.next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			c.fps = append(c.fps, rd.fp)
			c.data = append(c.data, rd.enc...)
			c.ends = append(c.ends, len(c.data))
		}
		if len(c.fps) == 0 {
			return nil
		}
		chunks <- c
	}
	return nil
}

// decode decodes a state read back from a file and checks its fingerprint.
func (w *diskWorker[S, A]) decode(fp uint64, enc []byte) (S, bool) {
	s, err := w.r.codec.DecodeState(enc)
	if err == nil {
		if got := w.k.fp(s); got != fp {
			err = fmt.Errorf("%w: %T: a state decoded from %d bytes has fingerprint %#x, the state encoded had %#x (AppendState must write everything AppendKey reads)", ErrCodec, w.r.m, len(enc), got, fp)
		}
	} else {
		err = fmt.Errorf("%w: %T: %v", ErrCodec, w.r.m, err)
	}
	if err != nil {
		w.fail(err)
		var zero S
		return zero, false
	}
	return s, true
}

// fail records an error that ends the run.
func (w *diskWorker[S, A]) fail(err error) {
	if w.err == nil {
		w.err = err
	}
	w.r.mo.stop("error")
}

// expandChunk expands the states of c.
func (w *diskWorker[S, A]) expandChunk(c *diskChunk) {
	r := w.r
	defer w.recoverPanic()
	start := 0
	for i, fp := range c.fps {
		enc := c.data[start:c.ends[i]]
		start = c.ends[i]
		s, ok := w.decode(fp, enc)
		if !ok {
			return
		}
		w.curFP, w.from = fp, &s
		w.expandOne(s, fp)
		if w.err != nil {
			return
		}
	}
	w.from = nil
	r.mo.generated.Add(w.generated)
	r.mo.queue.Add(-int64(len(c.fps)))
	w.generated = 0
}

// expandOne expands one state. A panic in model code is recorded for it
// and the level goes on; expand abandons the level at its end, so the
// panic reported (the smallest fingerprint among the level's) does not
// depend on the workers.
func (w *diskWorker[S, A]) expandOne(s S, fp uint64) {
	r := w.r
	defer func() {
		if rec := recover(); rec != nil {
			r.v.recordPanic(panicText(rec), inExpanding, w.depth, fp, 0, nil)
			r.mu.Lock()
			r.lost, r.panicked = true, true
			r.mu.Unlock()
		}
	}()
	if r.within != nil && !r.within(s) {
		return // outside the state constraint: not expanded, not a deadlock
	}
	w.nsucc = 0
	r.m.Next(s, w.yield)
	if w.err == nil && w.nsucc == 0 {
		r.v.recordDeadlock(s, w.depth, fp, 0, nil)
	}
}

func (w *diskWorker[S, A]) onSuccessor(a A, t S) {
	w.nsucc++
	w.generated++
	if w.steps {
		w.r.v.checkStep(*w.from, a, t, w.depth+1, w.curFP, 0, nil)
	}
	fp := w.k.fp(t)
	if fp == w.curFP || w.err != nil {
		return // a step back to the same state: nothing to look up
	}
	w.buf.add(fp, w.curFP, func(dst []byte) []byte { return w.r.codec.AppendState(dst, t) })
	if w.buf.full() {
		w.spill()
	}
}

// spill writes the buffer as a sorted run.
func (w *diskWorker[S, A]) spill() {
	w.r.mu.Lock()
	name := w.r.fileName("r")
	w.r.mu.Unlock()
	ref, err := w.buf.spill(w.r.dir, name)
	if err != nil {
		w.fail(err)
		return
	}
	w.runs = append(w.runs, ref)
	w.r.mu.Lock()
	w.r.disk.stats.spills++
	w.r.mu.Unlock()
}

func (w *diskWorker[S, A]) recoverPanic() {
	rec := recover()
	if rec == nil {
		return
	}
	r := w.r
	r.v.recordPanic(panicText(rec), inEngine, w.depth, w.curFP, 0, nil)
	w.from = nil
	r.mu.Lock()
	r.lost = true
	r.mu.Unlock()
	r.mo.stop("panic")
}
