package store

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// A states file is a sequence of records: the fingerprint (8 bytes, little
// endian), the length of the encoded state (uvarint) and the encoded state
// (model.Codec). A parents file is a sequence of 16-byte records: the
// fingerprint and the parent's fingerprint (an initial state is its own
// parent). The parents files of all levels are the visited set.

// AppendState appends a states-file record.
func AppendState(dst []byte, fp uint64, state []byte) []byte {
	dst = binary.LittleEndian.AppendUint64(dst, fp)
	dst = binary.AppendUvarint(dst, uint64(len(state)))
	return append(dst, state...)
}

// AppendParent appends a parents-file record.
func AppendParent(dst []byte, fp, parent uint64) []byte {
	dst = binary.LittleEndian.AppendUint64(dst, fp)
	return binary.LittleEndian.AppendUint64(dst, parent)
}

// maxState bounds an encoded state's length, to catch a corrupt file
// before allocating for it.
const maxState = 1 << 30

// ReadStates calls fn for every record of a states file, in file order.
// The state slice is fn's to keep.
func ReadStates(r io.Reader, fn func(fp uint64, state []byte) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var head [8]byte
	for {
		if _, err := io.ReadFull(br, head[:]); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("store: truncated states record: %w", err)
		}
		n, err := binary.ReadUvarint(br)
		if err != nil || n > maxState {
			return fmt.Errorf("store: bad states record length %d: %v", n, err)
		}
		st := make([]byte, n)
		if _, err := io.ReadFull(br, st); err != nil {
			return fmt.Errorf("store: truncated states record: %w", err)
		}
		if err := fn(binary.LittleEndian.Uint64(head[:]), st); err != nil {
			return err
		}
	}
}

// ReadParents calls fn for every record of a parents file, in file order.
func ReadParents(r io.Reader, fn func(fp, parent uint64) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var rec [16]byte
	for {
		if _, err := io.ReadFull(br, rec[:]); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("store: truncated parents record: %w", err)
		}
		if err := fn(binary.LittleEndian.Uint64(rec[:8]), binary.LittleEndian.Uint64(rec[8:])); err != nil {
			return err
		}
	}
}

// errStop ends a scan early.
var errStop = errors.New("stop")

// Parent returns the parent of fp, a state of the given level: it reads
// the one parents file of fp's shard. It returns ErrNotFound when the
// level has no record of fp.
func Parent(ctx context.Context, dir string, level, shards int, fp uint64) (uint64, error) {
	name := ParentsFile(dir, level, ShardOf(fp, shards))
	ok, err := Exists(ctx, name)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("%w: %#x at level %d (no %s)", ErrNotFound, fp, level, name)
	}
	r, err := Open(ctx, name)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	var parent uint64
	found := false
	err = ReadParents(r, func(f, p uint64) error {
		if f == fp {
			parent, found = p, true
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, err
	}
	if !found {
		return 0, fmt.Errorf("%w: %#x at level %d", ErrNotFound, fp, level)
	}
	return parent, nil
}

// Chain walks parents back from fp, a state of the given level, to an
// initial state, and returns the fingerprints from the initial state to fp
// (level+1 of them).
func Chain(ctx context.Context, dir string, level, shards int, fp uint64) ([]uint64, error) {
	back := make([]uint64, level+1)
	for l := level; l >= 0; l-- {
		back[l] = fp
		p, err := Parent(ctx, dir, l, shards, fp)
		if err != nil {
			return nil, err
		}
		if (l == 0) != (p == fp) {
			return nil, fmt.Errorf("store: %#x at level %d has parent %#x: the parent records are inconsistent", fp, l, p)
		}
		fp = p
	}
	return back, nil
}

// Writer writes one shard of a level: its states and parents files.
type Writer struct {
	files  [2]io.WriteCloser
	bufs   [2]*bufio.Writer
	rec    []byte
	closed bool
	N      int64 // records written
}

// NewWriter creates the states and parents files of one shard of a level.
func NewWriter(ctx context.Context, dir string, level, shard int) (*Writer, error) {
	w := &Writer{}
	for i, name := range []string{StatesFile(dir, level, shard), ParentsFile(dir, level, shard)} {
		f, err := Create(ctx, name)
		if err != nil {
			w.Close()
			return nil, err
		}
		w.files[i], w.bufs[i] = f, bufio.NewWriterSize(f, 1<<16)
	}
	return w, nil
}

// Write writes one state: its record and its parent record.
func (w *Writer) Write(fp, parent uint64, state []byte) error {
	w.rec = AppendState(w.rec[:0], fp, state)
	if _, err := w.bufs[0].Write(w.rec); err != nil {
		return err
	}
	w.rec = AppendParent(w.rec[:0], fp, parent)
	if _, err := w.bufs[1].Write(w.rec); err != nil {
		return err
	}
	w.N++
	return nil
}

// Close flushes and closes both files.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	var first error
	for i, f := range w.files {
		if f == nil {
			continue
		}
		if err := w.bufs[i].Flush(); err != nil && first == nil {
			first = err
		}
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// ShardParentFiles returns the parents files of one shard in levels 0 to
// upto: the part of the visited set that shard's states can be in.
func ShardParentFiles(ctx context.Context, dir string, shard, upto int) ([]string, error) {
	names, err := List(ctx, fmt.Sprintf("%s/level-*/parents-%05d", strings.TrimSuffix(dir, "/"), shard))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range names {
		var level int
		if _, err := fmt.Sscanf(path.Base(path.Dir(n)), "level-%d", &level); err != nil {
			return nil, fmt.Errorf("store: unexpected file %s", n)
		}
		if level <= upto {
			out = append(out, n)
		}
	}
	return out, nil
}

// Visited reads the fingerprints of parents files into a sorted set.
func Visited(ctx context.Context, names []string) (FPSet, error) {
	var fps []uint64
	for _, n := range names {
		r, err := Open(ctx, n)
		if err != nil {
			return nil, err
		}
		err = ReadParents(r, func(fp, _ uint64) error {
			fps = append(fps, fp)
			return nil
		})
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
	}
	slices.Sort(fps)
	return FPSet(fps), nil
}

// An FPSet is a sorted set of fingerprints: 8 bytes a state.
type FPSet []uint64

// Has reports whether fp is in the set.
func (s FPSet) Has(fp uint64) bool {
	_, ok := slices.BinarySearch(s, fp)
	return ok
}
