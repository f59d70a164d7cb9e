package explore

import (
	"os"
)

// initLevel stores the initial states as level 0.
func (r *diskRun[S, A]) initLevel() error {
	w := r.newWorker(0, -1) // depth -1: the new states are at depth 0
	func() {
		defer func() {
			if rec := recover(); rec != nil {
				r.v.recordPanic(rec, "Init", 0, 0, 0, nil)
				r.lost = true
				r.mo.stop("panic")
			}
		}()
		r.m.Init(func(s S) {
			if w.err != nil {
				return
			}
			fp := w.k.fp(s)
			w.buf.add(fp, fp, func(dst []byte) []byte { return r.codec.AppendState(dst, s) })
			if w.buf.full() {
				w.spill()
			}
		})
	}()
	if w.err == nil && len(w.buf.recs) > 0 {
		w.spill()
	}
	w.buf.reset()
	if w.err != nil {
		return w.err
	}
	r.st.Parents = nil
	if err := r.merge(w, w.runs, true); err != nil {
		return err
	}
	return r.checkpoint()
}

// level expands the frontier and merges its successors into the next
// one. It returns errLevelStopped, and leaves the run at the level
// boundary before, when the run stops during the level.
func (r *diskRun[S, A]) level() error {
	r.mo.queue.Store(r.st.Frontier.Count)
	runs, err := r.expand()
	if err != nil {
		return err
	}
	w := r.newWorker(0, r.st.Depth)
	return r.merge(w, runs, false)
}

// merge merges a level's runs of successors with the visited set: every
// fingerprint not visited yet is a new state, at depth w.depth+1, with the
// smallest parent found. The new states become the frontier and the
// visited set and parent records grow by them. The initial states (init)
// are all stored, as the in-memory BFS stores them, whatever MaxStates and
// stops say.
func (r *diskRun[S, A]) merge(w *diskWorker[S, A], runs []fileRef, init bool) error {
	defer func() {
		for _, ref := range runs {
			os.Remove(r.path(ref.Name))
		}
	}()
	for len(runs) > r.fanIn { // merge the runs in groups until few are left
		group := runs[:r.fanIn]
		ref, err := mergeStateRuns(r.dir, r.fileName("r"), group, r.opts.Workers)
		if err != nil {
			return err
		}
		for _, g := range group {
			os.Remove(r.path(g.Name))
		}
		r.disk.stats.premerges++
		runs = append(runs[r.fanIn:], ref)
	}
	files, err := r.newLevelFiles()
	if err != nil {
		return err
	}
	if err := r.mergeNew(w, runs, init, files); err != nil {
		for _, f := range files {
			f.abort(r.dir)
		}
		return err
	}
	var refs [3]fileRef
	for i, f := range files {
		if refs[i], err = f.close(r.disk.Checkpoint); err != nil {
			return err
		}
	}
	return r.advance(refs[0], refs[1], refs[2])
}

func (r *diskRun[S, A]) newLevelFiles() ([]*recWriter, error) {
	var files []*recWriter
	for _, kind := range []string{"f", "p", "v"} {
		f, err := createRec(r.dir, r.fileName(kind))
		if err != nil {
			for _, g := range files {
				g.abort(r.dir)
			}
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// mergeNew writes the new states of a merge to files (frontier, parents,
// visited) and checks their properties.
func (r *diskRun[S, A]) mergeNew(w *diskWorker[S, A], runs []fileRef, init bool, files []*recWriter) error {
	mr, err := openMerge(r.dir, runs, r.opts.Workers)
	if err != nil {
		return err
	}
	defer mr.close()
	vs, err := openVisited(r.dir, r.st.Visited)
	if err != nil {
		return err
	}
	defer vs.close()
	check, panicked := len(r.v.open) > 0, false
	for n := 0; ; n++ {
		// A stop (time, Context) abandons the level, except after a panic
		// in a property: the level is then stored whole, so that the state
		// which made it panic has its parent records for the trace.
		if n%4096 == 0 && r.mo.stopped() && !panicked && !init {
			return errLevelStopped
		}
		fp, parent, enc, ok, err := mr.next()
		if err != nil || !ok {
			return err
		}
		if seen, err := vs.contains(fp); err != nil || seen {
			if err != nil {
				return err
			}
			continue
		}
		if !init && r.opts.MaxStates > 0 && r.st.Distinct >= r.opts.MaxStates {
			r.lost, r.truncated = true, true
			continue // dropped: MaxStates is exact
		}
		s, ok := w.decode(fp, enc)
		if !ok {
			return w.err
		}
		if check && !w.checkNew(s, fp) {
			check, panicked = false, true // the run ends after this level
		}
		if err := files[0].state(fp, parent, enc); err != nil {
			return err
		}
		if err := files[1].pair(fp, parent); err != nil {
			return err
		}
		if err := files[2].fp(fp); err != nil {
			return err
		}
		r.st.Distinct++
		r.mo.distinct.Add(1)
	}
}

// checkNew evaluates the open properties on a new state; it reports false
// when they panicked.
func (w *diskWorker[S, A]) checkNew(s S, fp uint64) (ok bool) {
	defer func() {
		if rec := recover(); rec != nil {
			w.r.v.recordPanic(panicText(rec), inChecking, w.depth+1, fp, 0, nil)
			w.r.lost = true
			w.r.mo.stop("panic")
			ok = false
		}
	}()
	w.r.v.check(s, w.depth+1, fp, 0, nil)
	return true
}

// advance makes the merged level the frontier: the old frontier goes, the
// parent records and visited runs grow, and the visited runs are merged
// while the newest is at least half as large as the one before.
func (r *diskRun[S, A]) advance(front, parents, visited fileRef) error {
	if r.st.Frontier.Name != "" {
		r.drop(r.st.Frontier.Name)
	}
	if front.Count == 0 {
		r.st.Frontier = fileRef{}
		for _, name := range []string{front.Name, parents.Name, visited.Name} {
			os.Remove(r.path(name))
		}
		return nil
	}
	if len(r.st.Parents) > 0 { // level 0 stays at depth 0
		r.st.Depth++
	}
	r.st.Frontier = front
	r.st.Parents = append(r.st.Parents, parents)
	r.st.Visited = append(r.st.Visited, visited)
	for n := len(r.st.Visited); n >= 2 && (r.st.Visited[n-2].Count <= 2*r.st.Visited[n-1].Count || n > 12); n = len(r.st.Visited) {
		pair := r.st.Visited[n-2:]
		ref, err := mergeFPRuns(r.dir, r.fileName("v"), pair, r.disk.Checkpoint)
		if err != nil {
			return err
		}
		r.drop(pair[0].Name)
		r.drop(pair[1].Name)
		r.st.Visited = append(r.st.Visited[:n-2], ref)
		r.disk.stats.compactions++
	}
	r.disk.stats.maxVisited = max(r.disk.stats.maxVisited, len(r.st.Visited))
	return nil
}
