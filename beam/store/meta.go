package store

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Meta is a run's identity, kept in run.json: a run directory holds one
// run, and a restart must name the same one.
type Meta struct {
	Format   int    `json:"format"`   // Format
	Protocol string `json:"protocol"` // the model's name (a catalogue protocol)
	Config   string `json:"config"`   // its configuration line, canonical (catalog.Config.String)
	Symmetry bool   `json:"symmetry"` // states keyed by their canonical representative
	Shards   int    `json:"shards"`   // files per level
}

// OpenRun prepares dir for the run m: it writes run.json when dir holds no
// run, and otherwise checks that the run there is m. It reports whether a
// run was there already (a restart).
func OpenRun(ctx context.Context, dir string, m Meta) (existed bool, err error) {
	m.Format = Format
	ok, err := Exists(ctx, metaFile(dir))
	if err != nil {
		return false, err
	}
	if !ok {
		return false, writeJSON(ctx, metaFile(dir), m)
	}
	var old Meta
	if err := readJSON(ctx, metaFile(dir), &old); err != nil {
		return true, err
	}
	if old != m {
		return true, fmt.Errorf("store: %s holds another run (%s %q symmetry=%v shards=%d, format %d); "+
			"use another directory or remove it", dir, old.Protocol, old.Config, old.Symmetry, old.Shards, old.Format)
	}
	return true, nil
}

// A Find is a discovery of one level: the smallest fingerprint that
// decides property slot Slot (a counterexample or a witness; the engine
// numbers the slots).
type Find struct {
	Slot int    `json:"slot"`
	FP   uint64 `json:"fp"`
}

// Done commits a level: its counts and discoveries. Level 0 holds the
// initial states; level d+1 holds the states first reached by expanding
// level d, the successors that expansion generated, and what it found
// (deadlocks among level d's states, violating steps from them, and
// property hits among level d+1's states). A Done with New == 0 ends the
// run: the space is exhausted.
type Done struct {
	Level     int     `json:"level"`
	New       int64   `json:"new"`       // distinct states first reached at this level
	Generated int64   `json:"generated"` // successors computed while expanding the previous level
	Finds     []Find  `json:"finds"`     // sorted by slot, one per slot
	Seconds   float64 `json:"seconds"`   // wall time of the level's pipeline (informative)
}

// WriteDone writes a level's DONE record, which commits the level.
func WriteDone(ctx context.Context, dir string, d Done) error {
	return writeJSON(ctx, DoneFile(dir, d.Level), d)
}

// ReadDone reads a level's DONE record; ok is false when the level is not
// committed.
func ReadDone(ctx context.Context, dir string, level int) (d Done, ok bool, err error) {
	ok, err = Exists(ctx, DoneFile(dir, level))
	if err != nil || !ok {
		return Done{}, false, err
	}
	err = readJSON(ctx, DoneFile(dir, level), &d)
	if err == nil && d.Level != level {
		err = fmt.Errorf("store: %s says level %d", DoneFile(dir, level), d.Level)
	}
	return d, err == nil, err
}

// The keys of the sums in a summary.
const (
	SumGenerated = 0 // successors generated
	SumNew       = 1 // new states written
)

// SummaryLine formats one entry of a level's summary: a sum ("sum KEY N")
// or a discovery ("min SLOT FP").
func SummaryLine(kind string, key int, v uint64) string {
	return kind + " " + strconv.Itoa(key) + " " + strconv.FormatUint(v, 10)
}

// ReadSummary reads the summary a level's pipeline wrote: one line per
// sum and per discovery, in any order. A missing file reads as nothing
// found and nothing counted (a pipeline whose outputs were all empty).
func ReadSummary(ctx context.Context, dir string, level int) (Done, error) {
	d := Done{Level: level}
	ok, err := Exists(ctx, SummaryFile(dir, level))
	if err != nil || !ok {
		return d, err
	}
	r, err := Open(ctx, SummaryFile(dir, level))
	if err != nil {
		return d, err
	}
	defer r.Close()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 {
			return d, fmt.Errorf("store: %s: bad line %q", SummaryFile(dir, level), sc.Text())
		}
		key, err1 := strconv.Atoi(f[1])
		v, err2 := strconv.ParseUint(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return d, fmt.Errorf("store: %s: bad line %q", SummaryFile(dir, level), sc.Text())
		}
		switch {
		case f[0] == "sum" && key == SumGenerated:
			d.Generated += int64(v)
		case f[0] == "sum" && key == SumNew:
			d.New += int64(v)
		case f[0] == "min":
			d.Finds = append(d.Finds, Find{Slot: key, FP: v})
		default:
			return d, fmt.Errorf("store: %s: bad line %q", SummaryFile(dir, level), sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		return d, err
	}
	slices.SortFunc(d.Finds, func(a, b Find) int { return a.Slot - b.Slot })
	return d, nil
}
