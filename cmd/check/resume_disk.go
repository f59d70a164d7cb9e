package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/protocheck/protocheck/explore"
)

// The disk engine's flags of `check run`: -disk DIR runs BFS with its
// visited set and frontier in files (scratch files in a new subdirectory
// of DIR, removed at the end); -checkpoint DIR does the same in DIR itself,
// keeps the files, and makes every BFS level a checkpoint that `check
// resume DIR` continues. -checkpoint implies the disk engine: the
// checkpoint is the disk engine's own files plus a manifest. Both check
// safety only (liveness properties are reported not checked) and take
// -mem as the budget their buffers are sized from.

// diskOption checks -disk and -checkpoint and returns the disk engine's
// options, or nil for an in-memory run.
func (f *runFlags) diskOption() (*explore.Disk, error) {
	switch {
	case f.disk == "" && f.checkpoint == "":
		return nil, nil
	case f.engine != "bfs":
		return nil, fmt.Errorf("-disk and -checkpoint run breadth-first search on disk: not with -engine %s", f.engine)
	case f.disk != "" && f.checkpoint != "" && filepath.Clean(f.disk) != filepath.Clean(f.checkpoint):
		return nil, fmt.Errorf("-checkpoint %s runs on disk in %s: give -disk the same directory, or leave it out", f.checkpoint, f.checkpoint)
	case f.checkpoint != "":
		return &explore.Disk{Dir: f.checkpoint, Checkpoint: true}, nil
	}
	return &explore.Disk{Dir: f.disk}, nil
}

// checkpointMeta is what `check run -checkpoint` keeps in the checkpoint
// (explore.Disk.Meta) for `check resume`: the protocol, its configuration
// line (catalog.Config.String) and the command line's arguments after
// "run", which give the output flags (-json, -o, -props ...).
type checkpointMeta struct {
	Protocol string   `json:"protocol"`
	Config   string   `json:"config"`
	Args     []string `json:"args"`
}

// setDiskMeta records the run in the disk engine's options, for a
// checkpoint.
func (j *job) setDiskMeta() error {
	if j.opts.Disk == nil {
		return nil
	}
	data, err := json.Marshal(checkpointMeta{Protocol: j.info.Name, Config: j.cfg.String(), Args: j.flags.args})
	j.opts.Disk.Meta = string(data)
	return err
}

// engineName names the engine in the summary's verdict line.
func (j *job) engineName() string {
	if j.opts.Disk != nil {
		return "the disk engine"
	}
	return j.flags.engine
}
