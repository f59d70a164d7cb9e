package actor

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"sync"

	"github.com/protocheck/protocheck/model"
)

// States as bytes: a System implements model.Codec, for engines that keep
// states outside memory (on disk, on other machines). The layer encodes
// its own part of a State (processes' status, timers and clocks, the
// envelopes' channels and deadlines, the faults used, the ticks, the
// partition and the history's calls and returns) in a compact binary
// form, and each local state and message with the first of:
//
//   - the value's own key, when its type is a KeyDecoder: the fast path,
//     a few bytes and no reflection;
//   - a model.ValueCodec, when its type is plain data (booleans, numbers,
//     strings, arrays, slices, structs; unexported fields included), which
//     every catalogue spec's types are;
//   - a model.GobCodec, length-prefixed, for types with maps, pointers or
//     interfaces (refused when gob would skip a field).
//
// The operations in a History are interface values (Value), so they go
// through gob, one stream per state: register their concrete types with
// gob.Register (a spec does it in an init function). A type with no codec
// makes AppendState panic and DecodeState fail, saying which; model.CodecOf
// reports that as an error before an engine starts.

// A KeyDecoder is a Value that can be read back from its key: the fast path
// of a System's codec for local states and messages. Since a Value's key is
// injective (different values, different keys), it is a complete encoding;
// DecodeKey inverts AppendKey. Implement it on the value type:
//
//	func (Proc) DecodeKey(src []byte) (Proc, int, error)
type KeyDecoder[V any] interface {
	// DecodeKey returns the value whose key starts src, and the length of
	// that key. It returns an error for malformed input, never panics, and
	// the value it returns shares no memory with src.
	DecodeKey(src []byte) (v V, n int, err error)
}

// The first byte of an encoding: the format, which says whether the
// system is timed (its states then carry clocks and deadlines).
const (
	encUntimed = 1
	encTimed   = 2
)

// AppendState implements model.Codec: it appends an encoding of s to dst.
// It panics when a local state, message or history operation has no
// codec (see KeyDecoder); model.CodecOf turns that into an error.
func (sys *System[P, M]) AppendState(dst []byte, s State[P, M]) []byte {
	c := codecOf[P, M]()
	if c.err != nil {
		panic(c.err)
	}
	tag := byte(encUntimed)
	if sys.timed {
		tag = encTimed
	}
	dst = append(dst, tag)
	dst = binary.AppendUvarint(dst, uint64(len(s.Procs)))
	for i := range s.Procs {
		p := &s.Procs[i]
		dst = model.AppendBool(dst, p.Down)
		dst = binary.AppendUvarint(dst, p.Timers)
		if sys.timed {
			dst = p.clock.appendKey(dst)
		}
		dst = c.local.append(dst, &p.Local)
	}
	dst = binary.AppendUvarint(dst, uint64(len(s.Net)))
	for i := range s.Net {
		e := &s.Net[i]
		dst = append(dst, byte(e.From), byte(e.To))
		if sys.timed {
			dst = append(dst, e.Due)
		}
		dst = c.msg.append(dst, &e.Msg)
	}
	u := s.Used
	dst = append(dst, u.Drop, u.Dup, u.Crash, u.Restart, u.Partition)
	dst = binary.AppendUvarint(dst, uint64(s.Ticks))
	dst = binary.AppendUvarint(dst, s.Cut)
	return c.appendHistory(dst, s.History)
}

// DecodeState implements model.Codec: src must hold exactly one encoding
// written by a System of the same configuration. Errors wrap
// model.ErrDecode.
func (sys *System[P, M]) DecodeState(src []byte) (State[P, M], error) {
	c := codecOf[P, M]()
	if c.err != nil {
		return State[P, M]{}, c.err
	}
	d := decoder{src: src}
	s := State[P, M]{names: sys.names}
	want := byte(encUntimed)
	if sys.timed {
		want = encTimed
	}
	if tag := d.byte(); tag != want && d.err == nil {
		d.fail("format %d, this system writes %d (timed: %v)", tag, want, sys.timed)
	}
	if n := d.uvarint(); n != uint64(sys.n) && d.err == nil {
		d.fail("%d processes, the system has %d", n, sys.n)
	}
	if d.err == nil {
		s.Procs = make([]Proc[P], sys.n)
	}
	for i := range s.Procs {
		sys.decodeProc(&d, c, &s.Procs[i])
	}
	if k := d.count(2); k > 0 {
		s.Net = make([]Envelope[M], k)
	}
	for i := range s.Net {
		sys.decodeEnvelope(&d, c, &s.Net[i])
	}
	if b := d.bytes(5); b != nil {
		s.Used = Used{Drop: b[0], Dup: b[1], Crash: b[2], Restart: b[3], Partition: b[4]}
	}
	if ticks := d.uvarint(); ticks > 65535 {
		d.fail("%d ticks", ticks)
	} else {
		s.Ticks = uint16(ticks)
	}
	s.Cut = d.uvarint()
	s.History = c.decodeHistory(&d, sys.n)
	if d.err == nil && len(d.src) != 0 {
		d.fail("%d bytes after the state", len(d.src))
	}
	if d.err != nil {
		return State[P, M]{}, fmt.Errorf("%w: actor state: %v", model.ErrDecode, d.err)
	}
	return s, nil
}

// decodeProc reads one process's slot.
func (sys *System[P, M]) decodeProc(d *decoder, c *stateCodec[P, M], p *Proc[P]) {
	switch down := d.byte(); down {
	case 0, 1:
		p.Down = down == 1
	default:
		d.fail("process status %d", down)
	}
	p.Timers = d.uvarint()
	if sys.timed {
		if b := d.bytes(MaxTimedTimers + 1); b != nil {
			copy(p.clock.due[:], b)
			p.clock.urgent = b[MaxTimedTimers]
		}
	}
	if d.err == nil {
		d.advance(c.local.read(d.src, &p.Local))
	}
}

// decodeEnvelope reads one message in flight.
func (sys *System[P, M]) decodeEnvelope(d *decoder, c *stateCodec[P, M], e *Envelope[M]) {
	e.From, e.To = ID(d.byte()), ID(d.byte())
	if (int(e.From) >= sys.n || int(e.To) >= sys.n) && d.err == nil {
		d.fail("channel %v->%v with %d processes", e.From, e.To, sys.n)
	}
	if sys.timed {
		e.Due = d.byte()
	}
	if d.err == nil {
		d.advance(c.msg.read(d.src, &e.Msg))
	}
}

// A stateCodec holds the codecs of one State type's parts; it depends only
// on P and M, so it is shared by every System with those types.
type stateCodec[P Value, M Message] struct {
	local valueCodec[P]
	msg   valueCodec[M]
	ops   *model.GobCodec[opList]
	err   error // no codec for P or M: why
}

// opList carries a history's operations through gob.
type opList struct{ Ops []Value }

var stateCodecs sync.Map // reflect.Type of State[P, M] -> *stateCodec[P, M]

// codecOf returns the codecs of State[P, M], derived on first use.
func codecOf[P Value, M Message]() *stateCodec[P, M] {
	t := reflect.TypeFor[State[P, M]]()
	if c, ok := stateCodecs.Load(t); ok {
		return c.(*stateCodec[P, M])
	}
	c := &stateCodec[P, M]{}
	var lerr, merr, oerr error
	c.local, lerr = newValueCodec[P]()
	c.msg, merr = newValueCodec[M]()
	c.ops, oerr = model.NewGobCodec[opList]()
	for _, err := range []error{lerr, merr, oerr} {
		if err != nil && c.err == nil {
			c.err = fmt.Errorf("%w: actor.State[%v, %v]: implement actor.KeyDecoder: %v",
				model.ErrNoCodec, reflect.TypeFor[P](), reflect.TypeFor[M](), err)
		}
	}
	actual, _ := stateCodecs.LoadOrStore(t, c)
	return actual.(*stateCodec[P, M])
}

// A valueCodec encodes one local state or message type: by its key
// (KeyDecoder), as plain data (model.ValueCodec) or by gob.
type valueCodec[V Value] struct {
	key   KeyDecoder[V]
	plain *model.ValueCodec[V]
	gob   *model.GobCodec[V]
}

// newValueCodec picks V's codec, or says why it has none.
func newValueCodec[V Value]() (valueCodec[V], error) {
	var zero V
	if k, ok := any(zero).(KeyDecoder[V]); ok {
		return valueCodec[V]{key: k}, nil
	}
	plain, perr := model.NewValueCodec[V]()
	if perr == nil {
		return valueCodec[V]{plain: plain}, nil
	}
	gob, gerr := model.NewGobCodec[V]()
	if gerr == nil {
		return valueCodec[V]{gob: gob}, nil
	}
	return valueCodec[V]{}, fmt.Errorf("%v; %v", perr, gerr)
}

func (c *valueCodec[V]) append(dst []byte, v *V) []byte {
	switch {
	case c.key != nil:
		return (*v).AppendKey(dst)
	case c.plain != nil:
		return c.plain.AppendValue(dst, v)
	}
	return model.AppendBytes(dst, c.gob.AppendState(nil, *v))
}

// read decodes the value at the front of src into *v and returns the
// number of bytes it took.
func (c *valueCodec[V]) read(src []byte, v *V) (n int, err error) {
	switch {
	case c.key != nil:
		*v, n, err = c.key.DecodeKey(src)
		if err == nil && (n <= 0 || n > len(src)) {
			err = fmt.Errorf("%T.DecodeKey took %d of %d bytes", *v, n, len(src))
		}
		return n, err
	case c.plain != nil:
		return c.plain.ReadValue(src, v)
	}
	l, k := binary.Uvarint(src)
	if k <= 0 || l > uint64(len(src)-k) {
		return 0, fmt.Errorf("bad length of a gob %T", *v)
	}
	*v, err = c.gob.DecodeState(src[k : k+int(l)])
	return k + int(l), err
}

// appendHistory appends the events' kinds and clients, then their
// operations as one gob stream.
func (c *stateCodec[P, M]) appendHistory(dst []byte, h []Event) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(h)))
	if len(h) == 0 {
		return dst
	}
	ops := opList{Ops: make([]Value, len(h))}
	for i, e := range h {
		dst = append(dst, byte(e.Kind), byte(e.Client))
		ops.Ops[i] = e.Op
	}
	return model.AppendBytes(dst, c.ops.AppendState(nil, ops))
}

// decodeHistory reads what appendHistory wrote.
func (c *stateCodec[P, M]) decodeHistory(d *decoder, n int) []Event {
	k := d.count(2)
	if k == 0 {
		return nil
	}
	h := make([]Event, k)
	for i := range h {
		h[i].Kind, h[i].Client = EventKind(d.byte()), ID(d.byte())
		if (h[i].Kind > Return || int(h[i].Client) >= n) && d.err == nil {
			d.fail("history event %d: kind %d, client %v", i, h[i].Kind, h[i].Client)
		}
	}
	blob := d.bytes(d.count(1))
	if d.err != nil {
		return nil
	}
	ops, err := c.ops.DecodeState(blob)
	if err == nil && len(ops.Ops) != k {
		err = fmt.Errorf("%d operations for %d events", len(ops.Ops), k)
	}
	if err != nil {
		d.fail("history: %v (register the operations' types with gob.Register)", err)
		return nil
	}
	for i := range h {
		h[i].Op = ops.Ops[i]
	}
	return h
}

// decoder reads an encoded state, with a sticky error: once it fails,
// every read returns zeros.
type decoder struct {
	src []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
	d.src = nil
}

func (d *decoder) byte() byte {
	if len(d.src) == 0 {
		d.fail("truncated")
		return 0
	}
	b := d.src[0]
	d.src = d.src[1:]
	return b
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.src)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.src = d.src[n:]
	return v
}

func (d *decoder) bytes(n int) []byte {
	if n > len(d.src) {
		d.fail("truncated")
		return nil
	}
	b := d.src[:n]
	d.src = d.src[n:]
	return b
}

// count reads a length of items that take at least min bytes each,
// checking that the input can hold them.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.src)/min) {
		d.fail("length %d beyond the input", n)
		return 0
	}
	return int(n)
}

// advance skips the n bytes a part's decoder took, or records its error.
func (d *decoder) advance(n int, err error) {
	if err != nil {
		d.fail("%v", err)
		return
	}
	d.src = d.src[n:]
}
