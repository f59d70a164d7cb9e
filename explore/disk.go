package explore

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/protocheck/protocheck/model"
)

// Disk configures the disk-backed breadth-first search, which BFS and
// Check run instead of the in-memory one when Options.Disk is set.
//
// The engine is level-synchronous, with delayed duplicate detection (Stern
// and Dill's scheme, as in disk-based Murphi): the states of the level
// being expanded are read from a frontier file; their successors are
// buffered in memory, sorted by fingerprint and spilled as sorted runs;
// once per level the runs are merged with each other and with the visited
// set (sorted runs of fingerprints, the newest merged into the one before
// while it is at least half its size, and never more than a dozen), and
// each new state goes to the next
// frontier file (encoded with the model's model.Codec), to the level's
// parent records and to a new visited run. There is one sequential pass
// over the visited set per level, never a disk look-up per state.
//
// It reports what the in-memory BFS reports: the same Distinct, Generated
// and MaxDepth, the same verdicts, and the same shortest traces (except
// under MaxStates, which BFS applies less exactly). The parent
// kept for a state is the smallest parent fingerprint of the previous
// level (the fpSet rule); traces are rebuilt by walking the per-level
// parent records back and replaying the fingerprints forward. It checks
// safety only: liveness properties are reported Unknown, "not checked by
// the disk engine". It takes Workers goroutines to expand a level (the
// merge is sequential) and sizes its buffers from Memory: a quarter of the
// budget the process has not used when the run starts goes to the
// successor buffers, a quarter to the readers of the merge; the rest is
// left to the model's own allocations and the collector. The budget does
// not stop the run, as it stops the in-memory engines: memory no longer
// grows with the states. MaxStates, MaxDepth, Time, Context, StopAtFirst,
// Symmetry and Progress work as for BFS; MaxStates is exact (the excess
// new states of the last level, in fingerprint order, are dropped).
// Every state read back is decoded and its fingerprint compared with the
// one stored: a codec that does not round-trip fails the run with
// ErrCodec.
//
// With Checkpoint, every level boundary is a checkpoint: the level files
// are synced, then a manifest (the options, counters, the verdicts so far
// and Meta) is written to a temporary file, synced and renamed over the
// last one, so a run killed at any moment (even with SIGKILL) resumes from
// its last level boundary, with Resume, and ends with the result of an
// uninterrupted run. A run that ended (complete, or at a limit other than
// Time or Context) leaves a final manifest: resuming it only reports its
// result again. Only one process at a time may use a directory (nothing
// enforces it).
type Disk struct {
	// Dir is the directory of the run's files; it is created if missing.
	// Without Checkpoint the files go to a new subdirectory of Dir,
	// removed when the run ends (left behind if the process is killed);
	// with it, to Dir itself, which must hold no other checkpoint (unless
	// Resume), and they are kept.
	Dir string
	// Checkpoint makes every level boundary a durable checkpoint in Dir.
	Checkpoint bool
	// Resume continues the run checkpointed in Dir (Checkpoint is
	// implied). Options that change the result (MaxStates, MaxDepth,
	// Symmetry, StopAtFirst) and the model's properties must be the
	// checkpoint's (see ReadCheckpoint); the others may differ.
	Resume bool
	// Meta is the caller's description of the run (the CLI keeps the
	// protocol, its configuration and its flags there), kept in the
	// checkpoint and returned by ReadCheckpoint.
	Meta string

	// For tests: buffer and merge sizes in place of the budget's, a stop
	// (as if interrupted) after so many levels of the session, and counts
	// of the engine's work.
	bufLen, fanIn, stopAfter int
	stats                    *diskStats
	_                        struct{} // forbids positional literals
}

// diskStats counts a disk run's work, for tests.
type diskStats struct {
	spills, premerges, compactions, maxVisited, levels int
}

// ErrCodec is wrapped by the error of a disk run whose model's codec does
// not round-trip: a decoded state's fingerprint differs from the one
// stored when it was encoded.
var ErrCodec = errors.New("explore: the state codec does not round-trip")

// errLevelStopped reports a level abandoned because the run stopped.
var errLevelStopped = errors.New("explore: level abandoned")

// diskRun is one disk-backed exploration.
type diskRun[S, A any] struct {
	m        model.Model[S, A]
	opts     Options
	disk     Disk
	dir      string // where the files are: Dir, or a scratch subdirectory of it
	codec    model.Codec[S]
	v        *verdicts[S, A]
	mo       *monitor
	within   func(S) bool
	st       diskState
	mu       sync.Mutex // guards lost and fileName for the workers
	lost     bool       // states were dropped or left unexpanded (max states, panic)
	panicked bool       // model code panicked expanding a state of this level
	// truncated: the last merge dropped new states for MaxStates.
	truncated bool
	retire    []string // files to remove once the next checkpoint is written
	bufs      []*succBuf
	bufLen    int // bytes of each worker's successor buffer
	fanIn     int // runs merged at once
}

// diskState is where a run stands at a level boundary: what a checkpoint
// records besides the verdicts.
type diskState struct {
	Depth     int       `json:"depth"`    // depth of the frontier's states
	Frontier  fileRef   `json:"frontier"` // the states to expand next (state records, by fingerprint)
	Parents   []fileRef `json:"parents"`  // parent records of every level, 0 to Depth
	Visited   []fileRef `json:"visited"`  // sorted, disjoint fingerprint runs, oldest first
	Generated int64     `json:"generated"`
	Distinct  int64     `json:"distinct"`
	Seq       int64     `json:"seq"`        // the number of the next file
	Elapsed   int64     `json:"elapsed_ns"` // time spent in earlier sessions
}

func diskBFS[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	if err := prepare(m, &opts); err != nil {
		return nil, err
	}
	d := *opts.Disk
	if d.Dir == "" {
		return nil, fmt.Errorf("%w: Disk.Dir is empty", ErrOptions)
	}
	d.Checkpoint = d.Checkpoint || d.Resume
	c, err := model.CodecOf(m)
	if err != nil {
		return nil, fmt.Errorf("%w: the disk engine writes states to files: %w", ErrOptions, err)
	}
	r := &diskRun[S, A]{m: m, opts: opts, disk: d, codec: c, v: newVerdicts(m), within: constraintOf(m)}
	r.sizeBuffers()
	done, err := r.open()
	if err != nil {
		return nil, err
	}
	defer r.close()
	r.mo = newMonitor(&r.opts)
	if done != nil { // a finished run: report it again
		r.mo.finish()
		return r.result(done.Complete, done.StopReason), nil
	}
	if !d.Resume {
		if err := r.initLevel(); err != nil {
			r.mo.finish()
			return nil, err
		}
	}
	if err := r.explore(); err != nil {
		r.mo.finish()
		return nil, err
	}
	r.v.settle()
	complete := r.st.Frontier.Count == 0 && !r.lost
	reason := ""
	if !complete {
		reason = r.mo.stopReason()
	}
	r.st.Elapsed += int64(r.mo.finish())
	if reason != "time limit" && reason != "interrupted" {
		if err := r.finalCheckpoint(complete, reason); err != nil {
			return nil, err
		}
	}
	return r.result(complete, reason), nil
}

// explore expands levels until the frontier is empty or the run stops,
// with the in-memory BFS's stopping rules, checkpointing every level.
func (r *diskRun[S, A]) explore() error {
	r.mo.distinct.Store(r.st.Distinct)
	r.mo.generated.Store(r.st.Generated)
	for r.st.Frontier.Count > 0 && !r.mo.stopped() {
		if r.v.settle() || (r.opts.StopAtFirst && r.v.anyViolation()) {
			r.mo.stop("every property decided")
			break
		}
		if r.opts.MaxDepth > 0 && r.st.Depth >= r.opts.MaxDepth {
			r.mo.stop("max depth")
			break
		}
		r.mo.depth.Store(int64(r.st.Depth))
		err := r.level()
		if errors.Is(err, errLevelStopped) {
			break
		}
		if err != nil {
			return err
		}
		if r.truncated || (r.opts.MaxStates > 0 && r.st.Distinct >= r.opts.MaxStates && r.st.Frontier.Count > 0) {
			r.mo.stop("max states")
		}
		if err := r.checkpoint(); err != nil {
			return err
		}
		if r.disk.stats.levels++; r.disk.stats.levels == r.disk.stopAfter {
			r.mo.stop("interrupted")
		}
	}
	return nil
}

// result builds the Result of the run as it stands.
func (r *diskRun[S, A]) result(complete bool, reason string) *Result {
	res := &Result{Engine: "disk", Workers: r.opts.Workers, Complete: complete, StopReason: reason}
	res.Generated, res.Distinct, res.MaxDepth = r.st.Generated, r.st.Distinct, r.st.Depth
	res.Elapsed = durationNS(r.st.Elapsed)
	res.PeakRSS = peakRSS()
	res.Collision = collision(res.Distinct)
	k := newKeyer[S](r.m, r.opts.Symmetry)
	res.Properties = r.v.results(complete, "disk", func(d discovery, step func(S, A, S) bool) (*model.Trace, error) {
		if d.fp == 0 {
			return nil, nil
		}
		fps, err := r.chain(d.fp, d.depth)
		if err != nil {
			return nil, err
		}
		tr, err := traceByFingerprints(r.m, &k, fps)
		if err != nil || step == nil {
			return tr, err
		}
		return tr, extendByStep(r.m, tr, step)
	})
	for i := range res.Properties {
		if p := &res.Properties[i]; p.Expect.Liveness() {
			p.Status, p.Message = Unknown, "not checked by the disk engine (it checks safety only)"
		}
	}
	return res
}

// chain returns the fingerprints from an initial state to fp, a state at
// depth at most depth, from the parent records.
func (r *diskRun[S, A]) chain(fp uint64, depth int) ([]uint64, error) {
	level := min(depth, len(r.st.Parents)-1)
	var parent uint64
	for ; level >= 0; level-- {
		p, ok, err := parentOf(r.dir, r.st.Parents[level], fp)
		if err != nil {
			return nil, err
		}
		if ok {
			parent = p
			break
		}
	}
	if level < 0 {
		return nil, fmt.Errorf("explore: fingerprint %#x is in no level's parent records", fp)
	}
	back := []uint64{fp}
	for ; level > 0; level-- {
		fp = parent
		back = append(back, fp)
		p, ok, err := parentOf(r.dir, r.st.Parents[level-1], fp)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("explore: parent %#x is missing from level %d's parent records", fp, level-1)
		}
		parent = p
	}
	if parent != fp {
		return nil, fmt.Errorf("explore: the chain of parents ends at %#x, not an initial state", fp)
	}
	for i, j := 0, len(back)-1; i < j; i, j = i+1, j-1 {
		back[i], back[j] = back[j], back[i]
	}
	return back, nil
}

// sizeBuffers divides the memory the budget leaves between the successor
// buffers and the merge's readers (see Disk).
func (r *diskRun[S, A]) sizeBuffers() {
	free := int64(1 << 30) // no budget known: 1GiB
	if r.opts.Memory > 0 {
		free = r.opts.Memory - processMemory()
	}
	free = min(max(free, 4<<20), 4<<30)
	r.bufLen = int(min(max(free/4/int64(r.opts.Workers), 256<<10), maxBufLen))
	r.fanIn = int(min(max(free/4/ioBufLen, 8), 1024))
	if r.disk.bufLen > 0 {
		r.bufLen = r.disk.bufLen
	}
	if r.disk.fanIn > 0 {
		r.fanIn = r.disk.fanIn
	}
	if r.disk.stats == nil {
		r.disk.stats = &diskStats{}
	}
}

// fileName returns the name of the run's next file of a kind: f
// (frontier), p (parents), v (visited), r (a spilled run).
func (r *diskRun[S, A]) fileName(kind string) string {
	r.st.Seq++
	return fmt.Sprintf("%s-%08d.bin", kind, r.st.Seq)
}

// drop removes a file the run no longer needs: at once, or with a
// checkpoint only once the next manifest no longer refers to it.
func (r *diskRun[S, A]) drop(name string) {
	if r.disk.Checkpoint {
		r.retire = append(r.retire, name)
		return
	}
	os.Remove(r.path(name))
}
