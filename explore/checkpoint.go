package explore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"github.com/protocheck/protocheck/model"
)

// A checkpoint is the disk engine's own files at a level boundary plus a
// manifest, MANIFEST.json, that names them and records everything else
// the run needs to go on: the options that change the result, the
// counters, the verdicts so far and the caller's Meta. Files never change
// once a manifest refers to them: a level writes new files, and the files
// it replaces are removed only after the next manifest is in place, so at
// every moment the manifest on disk describes a consistent run.

// ErrCheckpoint is wrapped by every error about a checkpoint that cannot
// be resumed: none in the directory, a damaged one, or one of another
// model or with other options.
var ErrCheckpoint = errors.New("explore: unusable checkpoint")

const (
	manifestName = "MANIFEST.json"
	diskFormat   = "protocheck-disk/1"
)

// runFile matches the names of the engine's files (see fileName).
var runFile = regexp.MustCompile(`^[fpvr]-[0-9]{8}\.bin$`)

type manifest struct {
	Format     string      `json:"format"`
	Meta       string      `json:"meta"`
	Model      modelSig    `json:"model"`
	Options    diskOptions `json:"options"`
	State      diskState   `json:"state"`
	Found      []foundRec  `json:"found"`
	Done       bool        `json:"done"` // the run ended: resuming only reports it
	Complete   bool        `json:"complete"`
	StopReason string      `json:"stop_reason,omitempty"`
	Lost       bool        `json:"lost,omitempty"`
}

// modelSig identifies a model well enough to refuse resuming another.
type modelSig struct {
	Type       string   `json:"type"`
	Properties []string `json:"properties"`
	Steps      []string `json:"steps"`
	Final      bool     `json:"final"`
}

// diskOptions are the options that change a run's result.
type diskOptions struct {
	MaxStates   int64 `json:"max_states"`
	MaxDepth    int   `json:"max_depth"`
	Symmetry    bool  `json:"symmetry"`
	StopAtFirst bool  `json:"stop_at_first"`
}

// foundRec is one discovery (verdicts.found[Index]).
type foundRec struct {
	Index int    `json:"index"`
	Depth int    `json:"depth"`
	FP    uint64 `json:"fp"`
	Msg   string `json:"msg,omitempty"`
}

func sigOf[S, A any](m model.Model[S, A], v *verdicts[S, A]) modelSig {
	sig := modelSig{Type: fmt.Sprintf("%T", m), Final: v.finals != nil, Properties: []string{}, Steps: []string{}}
	for _, p := range v.props {
		sig.Properties = append(sig.Properties, fmt.Sprintf("%s (%s)", p.Name, p.Expect))
	}
	for _, p := range v.steps {
		sig.Steps = append(sig.Steps, p.Name)
	}
	return sig
}

func optionsOf(o Options) diskOptions {
	return diskOptions{MaxStates: o.MaxStates, MaxDepth: o.MaxDepth, Symmetry: o.Symmetry, StopAtFirst: o.StopAtFirst}
}

// open prepares the run's directory. For a resumed run it loads the
// checkpoint, and returns its manifest when the run had ended.
func (r *diskRun[S, A]) open() (*manifest, error) {
	d := r.disk
	if err := os.MkdirAll(d.Dir, 0o755); err != nil {
		return nil, err
	}
	if !d.Checkpoint {
		dir, err := os.MkdirTemp(d.Dir, "protocheck-disk-")
		r.dir = dir
		return nil, err
	}
	r.dir = d.Dir
	man, err := readManifest(d.Dir)
	switch {
	case !d.Resume && err == nil:
		return nil, fmt.Errorf("%w: %s holds a checkpoint already: resume it, or remove it to start afresh", ErrOptions, d.Dir)
	case !d.Resume && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case !d.Resume:
		return nil, removeUnreferenced(d.Dir, nil)
	case err != nil:
		return nil, err
	}
	if err := r.load(man); err != nil {
		return nil, err
	}
	if err := removeUnreferenced(d.Dir, man); err != nil {
		return nil, err
	}
	if man.Done {
		return man, nil
	}
	return nil, nil
}

// load restores the run from a manifest after checking it is this model's
// with these options.
func (r *diskRun[S, A]) load(man *manifest) error {
	if want := sigOf(r.m, r.v); !slices.Equal(man.Model.Properties, want.Properties) || !slices.Equal(man.Model.Steps, want.Steps) ||
		man.Model.Final != want.Final || man.Model.Type != want.Type {
		return fmt.Errorf("%w: %s is a checkpoint of %s with properties %q, not of %s with %q", ErrCheckpoint, r.disk.Dir,
			man.Model.Type, man.Model.Properties, want.Type, want.Properties)
	}
	if want := optionsOf(r.opts); man.Options != want {
		return fmt.Errorf("%w: %s was checkpointed with options %+v, resumed with %+v", ErrCheckpoint, r.disk.Dir, man.Options, want)
	}
	for _, f := range man.Found {
		if f.Index < 0 || f.Index >= len(r.v.found) {
			return fmt.Errorf("%w: %s: discovery %d of %d", ErrCheckpoint, r.disk.Dir, f.Index, len(r.v.found))
		}
		r.v.found[f.Index] = discovery{ok: true, depth: f.Depth, fp: f.FP, msg: f.Msg}
	}
	r.st, r.lost = man.State, man.Lost
	return nil
}

// manifest returns the run's manifest as it stands.
func (r *diskRun[S, A]) manifest() *manifest {
	man := &manifest{Format: diskFormat, Meta: r.disk.Meta, Model: sigOf(r.m, r.v), Options: optionsOf(r.opts),
		State: r.st, Found: []foundRec{}, Lost: r.lost}
	r.v.mu.Lock()
	for i, d := range r.v.found {
		if d.ok {
			man.Found = append(man.Found, foundRec{Index: i, Depth: d.depth, FP: d.fp, Msg: d.msg})
		}
	}
	r.v.mu.Unlock()
	return man
}

// checkpoint writes the manifest of a level boundary and removes the files
// it no longer refers to. Without Disk.Checkpoint it does nothing.
func (r *diskRun[S, A]) checkpoint() error {
	if !r.disk.Checkpoint {
		return nil
	}
	man := r.manifest()
	man.State.Elapsed += int64(time.Since(r.mo.start))
	return r.commit(man)
}

// finalCheckpoint writes the manifest of a run that ended.
func (r *diskRun[S, A]) finalCheckpoint(complete bool, reason string) error {
	if !r.disk.Checkpoint {
		return nil
	}
	man := r.manifest()
	man.Done, man.Complete, man.StopReason = true, complete, reason
	return r.commit(man)
}

// commit writes man atomically (a temporary file, synced, renamed over the
// manifest, the directory synced) and then removes the retired files.
func (r *diskRun[S, A]) commit(man *manifest) error {
	data, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(r.dir, manifestName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(append(data, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(r.dir, manifestName))
	}
	if err == nil {
		err = syncDir(r.dir)
	}
	if err != nil {
		return fmt.Errorf("explore: writing the checkpoint: %w", err)
	}
	for _, name := range r.retire {
		os.Remove(r.path(name))
	}
	r.retire = r.retire[:0]
	return nil
}

// close removes a scratch directory.
func (r *diskRun[S, A]) close() {
	if !r.disk.Checkpoint && r.dir != "" {
		os.RemoveAll(r.dir)
	}
}

func (r *diskRun[S, A]) path(name string) string { return filepath.Join(r.dir, name) }

func durationNS(ns int64) time.Duration { return time.Duration(ns) }

func readManifest(dir string) (*manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: no checkpoint in %s (%w)", ErrCheckpoint, dir, err)
	}
	if err != nil {
		return nil, err
	}
	man := &manifest{}
	if err := json.Unmarshal(data, man); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCheckpoint, filepath.Join(dir, manifestName), err)
	}
	if man.Format != diskFormat {
		return nil, fmt.Errorf("%w: %s: format %q, want %q", ErrCheckpoint, filepath.Join(dir, manifestName), man.Format, diskFormat)
	}
	return man, nil
}

// removeUnreferenced removes the engine's files that man does not refer to
// (a level cut short by a crash), and a temporary manifest.
func removeUnreferenced(dir string, man *manifest) error {
	keep := map[string]bool{}
	if man != nil {
		st := man.State
		keep[st.Frontier.Name] = true
		for _, ref := range append(slices.Clone(st.Parents), st.Visited...) {
			keep[ref.Name] = true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if name := e.Name(); (runFile.MatchString(name) && !keep[name]) || name == manifestName+".tmp" {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}
