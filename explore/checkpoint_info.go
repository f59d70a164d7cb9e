package explore

// A Checkpoint describes a run checkpointed in a directory (see Disk), as
// ReadCheckpoint reads it.
type Checkpoint struct {
	Meta string // the caller's description of the run (Disk.Meta)
	// The options the run must be resumed with: they change its result.
	MaxStates   int64
	MaxDepth    int
	Symmetry    bool
	StopAtFirst bool
	Depth       int   // the BFS depth of the last level stored
	Distinct    int64 // distinct states stored
	Generated   int64 // successors computed up to the last level boundary
	Done        bool  // the run ended: resuming it reports its result again
	dir         string
	_           struct{} // forbids positional literals
}

// ReadCheckpoint reads the manifest of the checkpoint in dir. Its error
// wraps ErrCheckpoint when dir holds no checkpoint or an unreadable one.
func ReadCheckpoint(dir string) (*Checkpoint, error) {
	man, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	o, st := man.Options, man.State
	return &Checkpoint{Meta: man.Meta, MaxStates: o.MaxStates, MaxDepth: o.MaxDepth, Symmetry: o.Symmetry,
		StopAtFirst: o.StopAtFirst, Depth: st.Depth, Distinct: st.Distinct, Generated: st.Generated,
		Done: man.Done, dir: dir}, nil
}

// Resume returns opts set to resume the checkpointed run: the options that
// change the result are the checkpoint's, and Disk resumes its directory.
// The others (Workers, Memory, Time, Context, Progress) are opts's.
func (c *Checkpoint) Resume(opts Options) Options {
	opts.MaxStates, opts.MaxDepth, opts.Symmetry, opts.StopAtFirst = c.MaxStates, c.MaxDepth, c.Symmetry, c.StopAtFirst
	opts.Disk = &Disk{Dir: c.dir, Checkpoint: true, Resume: true, Meta: c.Meta}
	return opts
}
