package explore

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The disk engine's files hold records of three shapes, little endian:
//
//   - state records (spilled runs and frontiers): fingerprint (8 bytes),
//     parent fingerprint (8), the length of the state's encoding (uvarint)
//     and the encoding (model.Codec);
//   - parent records (one file per BFS level): fingerprint and parent
//     fingerprint (8 + 8), sorted by fingerprint, for traces;
//   - visited runs: fingerprints (8), sorted.
//
// A file's record count is kept by whoever refers to it (a fileRef), so a
// file cut short (a crash before its checkpoint) reads as an error, not as
// fewer states.

// fileRef names a file of the run's directory and counts its records.
type fileRef struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// ioBufLen is the buffer of every file reader and writer.
const ioBufLen = 64 << 10

// errShort reports a file with fewer records than its reference says.
var errShort = errors.New("explore: disk file shorter than recorded (a damaged checkpoint?)")

// recWriter writes records to a new file.
type recWriter struct {
	f    *os.File
	w    *bufio.Writer
	name string
	n    int64
	tmp  [16 + binary.MaxVarintLen64]byte
}

func createRec(dir, name string) (*recWriter, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	return &recWriter{f: f, w: bufio.NewWriterSize(f, ioBufLen), name: name}, nil
}

// state appends a state record.
func (w *recWriter) state(fp, parent uint64, enc []byte) error {
	binary.LittleEndian.PutUint64(w.tmp[0:], fp)
	binary.LittleEndian.PutUint64(w.tmp[8:], parent)
	k := binary.PutUvarint(w.tmp[16:], uint64(len(enc)))
	w.n++
	if _, err := w.w.Write(w.tmp[:16+k]); err != nil {
		return err
	}
	_, err := w.w.Write(enc)
	return err
}

// pair appends a parent record.
func (w *recWriter) pair(fp, parent uint64) error {
	binary.LittleEndian.PutUint64(w.tmp[0:], fp)
	binary.LittleEndian.PutUint64(w.tmp[8:], parent)
	w.n++
	_, err := w.w.Write(w.tmp[:16])
	return err
}

// fp appends a fingerprint.
func (w *recWriter) fp(fp uint64) error {
	binary.LittleEndian.PutUint64(w.tmp[0:], fp)
	w.n++
	_, err := w.w.Write(w.tmp[:8])
	return err
}

// close flushes the file, syncs it to stable storage when durable, and
// returns its reference.
func (w *recWriter) close(durable bool) (fileRef, error) {
	err := w.w.Flush()
	if err == nil && durable {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return fileRef{Name: w.name, Count: w.n}, err
}

// abort closes and removes the file.
func (w *recWriter) abort(dir string) {
	w.f.Close()
	os.Remove(filepath.Join(dir, w.name))
}

// recReader reads a file of state records (want: wide records) or of
// fingerprints. The current record's encoding is valid until the next
// call to next.
type recReader struct {
	f      *os.File
	r      *bufio.Reader
	left   int64
	states bool // state records; false: fingerprints only
	fp     uint64
	parent uint64
	enc    []byte // the current record's encoding: in the reader's buffer, or in own
	own    []byte // the encoding of a record read across a refill of the buffer
	tmp    [16]byte
}

func openRec(dir string, ref fileRef, states bool) (*recReader, error) {
	f, err := os.Open(filepath.Join(dir, ref.Name))
	if err != nil {
		return nil, err
	}
	return &recReader{f: f, r: bufio.NewReaderSize(f, ioBufLen), left: ref.Count, states: states}, nil
}

// next reads the next record; it returns false at the end.
func (r *recReader) next() (bool, error) {
	if r.left == 0 {
		return false, nil
	}
	r.left--
	if r.fromBuffer() {
		return true, nil
	}
	if !r.states {
		if _, err := io.ReadFull(r.r, r.tmp[:8]); err != nil {
			return false, shortErr(r.f, err)
		}
		r.fp = binary.LittleEndian.Uint64(r.tmp[:8])
		return true, nil
	}
	if _, err := io.ReadFull(r.r, r.tmp[:16]); err != nil {
		return false, shortErr(r.f, err)
	}
	r.fp = binary.LittleEndian.Uint64(r.tmp[0:])
	r.parent = binary.LittleEndian.Uint64(r.tmp[8:])
	n, err := binary.ReadUvarint(r.r)
	if err != nil {
		return false, shortErr(r.f, err)
	}
	if n > 1<<30 {
		return false, fmt.Errorf("%s: a state of %d bytes: %w", r.f.Name(), n, errShort)
	}
	if uint64(cap(r.own)) < n {
		r.own = make([]byte, n, max(n, 2*uint64(cap(r.own))))
	}
	r.enc = r.own[:n]
	if _, err := io.ReadFull(r.r, r.enc); err != nil {
		return false, shortErr(r.f, err)
	}
	return true, nil
}

// fromBuffer reads the next record in place when the reader's buffer holds
// all of it, as it does but near the buffer's end: no copy, and no call
// per field. The encoding then points into the buffer, which stays as it
// is until the next read.
func (r *recReader) fromBuffer() bool {
	b, _ := r.r.Peek(r.r.Buffered())
	if !r.states {
		if len(b) < 8 {
			return false
		}
		r.fp = binary.LittleEndian.Uint64(b)
		_, _ = r.r.Discard(8)
		return true
	}
	if len(b) < 17 {
		return false
	}
	n, k := binary.Uvarint(b[16:])
	if k <= 0 || n > uint64(len(b)-16-k) {
		return false // the buffer's end, or a malformed length: the slow path reads or reports it
	}
	r.fp = binary.LittleEndian.Uint64(b)
	r.parent = binary.LittleEndian.Uint64(b[8:])
	end := 16 + k + int(n)
	r.enc = b[16+k : end : end]
	_, _ = r.r.Discard(end)
	return true
}

func (r *recReader) close() { r.f.Close() }

func shortErr(f *os.File, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: %w", f.Name(), errShort)
	}
	return err
}

// parentOf looks fp up in a file of parent records (sorted by fingerprint)
// by binary search, and reports whether it is there.
func parentOf(dir string, ref fileRef, fp uint64) (uint64, bool, error) {
	f, err := os.Open(filepath.Join(dir, ref.Name))
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	var b [16]byte
	lo, hi := int64(0), ref.Count
	for lo < hi {
		mid := lo + (hi-lo)/2
		if _, err := f.ReadAt(b[:], mid*16); err != nil {
			return 0, false, shortErr(f, err)
		}
		switch got := binary.LittleEndian.Uint64(b[:8]); {
		case got == fp:
			return binary.LittleEndian.Uint64(b[8:]), true, nil
		case got < fp:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false, nil
}

// syncDir makes the directory's entries (a rename, new files) durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
