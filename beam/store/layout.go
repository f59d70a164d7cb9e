// Package store is the on-disk form of a level-synchronous BFS run of the
// Beam engine (package bfs): one directory per BFS level, holding the
// level's states and parent records split into shards by fingerprint, and
// a DONE record that commits the level. Files are read and written through
// the Beam SDK's filesystem package, so DIR may be a local path or any
// scheme a runner registers (gs://... on Dataflow).
//
// Layout of a run directory:
//
//	run.json                   the run's identity (Meta): protocol, configuration, shards
//	level-00000/states-00003   the level's states of shard 3: fingerprint, length, encoded state
//	level-00000/parents-00003  the same states' parent records: fingerprint, parent fingerprint
//	level-00000/summary        counts and discoveries written by the level's pipeline
//	level-00000/DONE           the level's committed record (Done), written last
//
// A level is part of the run once its DONE exists: levels are checkpoints,
// and a run restarts from its last DONE level, rewriting anything after it.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	// Local paths; runners register their own schemes (gs://) the same way.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
)

// Format is the version of the layout and record encodings; Meta carries it
// and a run written in another format is refused.
const Format = 1

// ErrNotFound is returned by Lookup when a fingerprint has no parent record.
var ErrNotFound = errors.New("store: fingerprint not found")

// LevelDir returns the directory of BFS level level under dir.
func LevelDir(dir string, level int) string {
	return fmt.Sprintf("%s/level-%05d", strings.TrimSuffix(dir, "/"), level)
}

// StatesFile returns the states file of one shard of a level.
func StatesFile(dir string, level, shard int) string {
	return fmt.Sprintf("%s/states-%05d", LevelDir(dir, level), shard)
}

// ParentsFile returns the parent records file of one shard of a level.
func ParentsFile(dir string, level, shard int) string {
	return fmt.Sprintf("%s/parents-%05d", LevelDir(dir, level), shard)
}

// SummaryFile returns the file a level's pipeline writes its counts and
// discoveries to (see Summary).
func SummaryFile(dir string, level int) string { return LevelDir(dir, level) + "/summary" }

// DoneFile returns the file that commits a level.
func DoneFile(dir string, level int) string { return LevelDir(dir, level) + "/DONE" }

func metaFile(dir string) string { return strings.TrimSuffix(dir, "/") + "/run.json" }

// ShardOf returns the shard of a fingerprint among shards. Fingerprints
// have their two low bits clear, so those are skipped.
func ShardOf(fp uint64, shards int) int { return int((fp >> 2) % uint64(shards)) }

// List returns the files matching glob, sorted.
func List(ctx context.Context, glob string) ([]string, error) {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	names, err := fs.List(ctx, glob)
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// StateFiles returns a level's states files, sorted.
func StateFiles(ctx context.Context, dir string, level int) ([]string, error) {
	return List(ctx, LevelDir(dir, level)+"/states-*")
}

// Create opens name for writing (truncating it), making directories as
// the filesystem needs.
func Create(ctx context.Context, name string) (io.WriteCloser, error) {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	return fs.OpenWrite(ctx, name)
}

// Open opens name for reading.
func Open(ctx context.Context, name string) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	return fs.OpenRead(ctx, name)
}

// Exists reports whether name exists (a file matching itself as a glob).
func Exists(ctx context.Context, name string) (bool, error) {
	names, err := List(ctx, name)
	return len(names) > 0, err
}

// RemoveLevel removes every file of a level (a level left partial by a
// stopped run, before it is computed again).
func RemoveLevel(ctx context.Context, dir string, level int) error {
	names, err := List(ctx, LevelDir(dir, level)+"/*")
	if err != nil || len(names) == 0 {
		return err
	}
	fs, err := filesystem.New(ctx, names[0])
	if err != nil {
		return err
	}
	defer fs.Close()
	rm, ok := fs.(filesystem.Remover)
	if !ok {
		return fmt.Errorf("store: the filesystem of %s cannot remove files", dir)
	}
	for _, n := range names {
		if err := rm.Remove(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// writeJSON writes v to name as indented JSON.
func writeJSON(ctx context.Context, name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	w, err := Create(ctx, name)
	if err != nil {
		return err
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// readJSON reads name into v.
func readJSON(ctx context.Context, name string, v any) error {
	r, err := Open(ctx, name)
	if err != nil {
		return err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("store: %s: %w", name, err)
	}
	return nil
}
