package explore

import (
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

// recWriter writes records to a new file, appending them to a buffer of
// its own that it writes out when full.
type recWriter struct {
	f    *os.File
	buf  []byte // records not yet written to f
	err  error  // the first write error; every later call returns it
	name string
	n    int64
}

func createRec(dir, name string) (*recWriter, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	return &recWriter{f: f, buf: make([]byte, 0, ioBufLen), name: name}, nil
}

// room writes the buffer out if n more bytes would not fit in it.
func (w *recWriter) room(n int) error {
	if w.err == nil && len(w.buf)+n > cap(w.buf) {
		w.err = w.flush()
	}
	return w.err
}

func (w *recWriter) flush() error {
	if w.err != nil {
		return w.err
	}
	_, err := w.f.Write(w.buf)
	w.buf = w.buf[:0]
	return err
}

// state appends a state record.
func (w *recWriter) state(fp, parent uint64, enc []byte) error {
	if err := w.room(16 + binary.MaxVarintLen64 + len(enc)); err != nil {
		return err
	}
	w.n++
	w.buf = binary.LittleEndian.AppendUint64(w.buf, fp)
	w.buf = binary.LittleEndian.AppendUint64(w.buf, parent)
	w.buf = binary.AppendUvarint(w.buf, uint64(len(enc)))
	w.buf = append(w.buf, enc...) // a record longer than the buffer grows it
	return nil
}

// pair appends a parent record.
func (w *recWriter) pair(fp, parent uint64) error {
	if err := w.room(16); err != nil {
		return err
	}
	w.n++
	w.buf = binary.LittleEndian.AppendUint64(w.buf, fp)
	w.buf = binary.LittleEndian.AppendUint64(w.buf, parent)
	return nil
}

// fp appends a fingerprint.
func (w *recWriter) fp(fp uint64) error {
	if err := w.room(8); err != nil {
		return err
	}
	w.n++
	w.buf = binary.LittleEndian.AppendUint64(w.buf, fp)
	return nil
}

// close flushes the file, syncs it to stable storage when durable, and
// returns its reference.
func (w *recWriter) close(durable bool) (fileRef, error) {
	err := w.flush()
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
// call to next: it points into the reader's buffer, where records are
// parsed in place (a refill moves the bytes not yet read to its front).
type recReader struct {
	f      *os.File
	buf    []byte // the file's bytes buf[r:w] are read, not yet parsed
	r, w   int
	eof    bool // f has no more bytes beyond buf[:w]
	left   int64
	states bool // state records; false: fingerprints only
	fp     uint64
	parent uint64
	enc    []byte
}

func openRec(dir string, ref fileRef, states bool) (*recReader, error) {
	f, err := os.Open(filepath.Join(dir, ref.Name))
	if err != nil {
		return nil, err
	}
	return &recReader{f: f, buf: make([]byte, ioBufLen), left: ref.Count, states: states}, nil
}

// fill makes n bytes at least available in buf[r:w], reading the file
// (and growing buf for a record longer than it). It returns errShort if
// the file ends first.
func (r *recReader) fill(n int) error {
	for r.w-r.r < n {
		if r.eof {
			return fmt.Errorf("%s: %w", r.f.Name(), errShort)
		}
		if r.r > 0 {
			r.w = copy(r.buf, r.buf[r.r:r.w])
			r.r = 0
		}
		if n > len(r.buf) {
			r.buf = append(r.buf[:r.w], make([]byte, n-r.w)...)
		}
		k, err := r.f.Read(r.buf[r.w:])
		r.w += k
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			return err
		}
	}
	return nil
}

// next reads the next record; it returns false at the end.
func (r *recReader) next() (bool, error) {
	if r.left == 0 {
		return false, nil
	}
	r.left--
	if !r.states {
		if err := r.fill(8); err != nil {
			return false, err
		}
		r.fp = binary.LittleEndian.Uint64(r.buf[r.r:])
		r.r += 8
		return true, nil
	}
	if err := r.fill(17); err != nil { // the fingerprints and a length of one byte at least
		return false, err
	}
	n, k := binary.Uvarint(r.buf[r.r+16 : r.w])
	for k == 0 && r.w-r.r < 16+binary.MaxVarintLen64 { // the length goes on past the bytes read
		if err := r.fill(r.w - r.r + 1); err != nil {
			return false, err
		}
		n, k = binary.Uvarint(r.buf[r.r+16 : r.w])
	}
	switch {
	case k <= 0:
		return false, fmt.Errorf("%s: a record with a malformed length: %w", r.f.Name(), errShort)
	case n > 1<<30:
		return false, fmt.Errorf("%s: a state of %d bytes: %w", r.f.Name(), n, errShort)
	}
	end := 16 + k + int(n)
	if err := r.fill(end); err != nil {
		return false, err
	}
	b := r.buf[r.r:]
	r.fp = binary.LittleEndian.Uint64(b)
	r.parent = binary.LittleEndian.Uint64(b[8:])
	r.enc = b[16+k : end : end]
	r.r += end
	return true, nil
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
