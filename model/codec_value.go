package model

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"sync"
	"unsafe"
)

// A ValueCodec encodes values of a plain data type T, derived once from
// T's type by reflection and then run with no reflection on values: the
// fallback codec CodecOf uses for a state type with no codec of its own,
// and what the actor layer uses for processes' local states and messages.
//
// T may be built from booleans, integers (not uintptr), floats, complex
// numbers, strings, arrays, slices and structs; unexported fields are
// encoded like exported ones, so nothing is lost. Pointers, maps,
// interfaces, channels, functions and unsafe pointers are refused (see
// NewGobCodec for maps, pointers and interfaces).
//
// The encoding is self-delimiting and portable across machines: small
// integers are one byte (8-bit values as they are, wider ones as varints),
// floats are their IEEE bits little-endian, strings and slices carry their
// length (and whether a slice is nil), fields and elements follow in
// order. The zero ValueCodec is not usable: build one with NewValueCodec.
type ValueCodec[T any] struct {
	c *typeCodec
	_ struct{} // forbids positional literals
}

// NewValueCodec checks once that T is plain data (see ValueCodec) and
// returns its codec, or an error wrapping ErrNoCodec that names the
// offending field.
func NewValueCodec[T any]() (*ValueCodec[T], error) {
	t := reflect.TypeFor[T]()
	c, err := compileCodec(t)
	if err != nil {
		return nil, fmt.Errorf("%w for %v: %v", ErrNoCodec, t, err)
	}
	return &ValueCodec[T]{c: c}, nil
}

// AppendState implements Codec: it appends v's encoding to dst.
func (vc *ValueCodec[T]) AppendState(dst []byte, v T) []byte { return vc.AppendValue(dst, &v) }

// DecodeState implements Codec: src must hold exactly one encoding.
func (vc *ValueCodec[T]) DecodeState(src []byte) (T, error) {
	var v T
	n, err := vc.ReadValue(src, &v)
	if err == nil && n != len(src) {
		err = fmt.Errorf("%w: %d bytes after a %T", ErrDecode, len(src)-n, v)
	}
	return v, err
}

// AppendValue appends *v's encoding to dst without copying *v.
func (vc *ValueCodec[T]) AppendValue(dst []byte, v *T) []byte {
	return vc.c.enc(dst, unsafe.Pointer(v))
}

// ReadValue decodes the encoding at the front of src into *v and returns
// the number of bytes it took. On malformed input it returns an error
// wrapping ErrDecode and leaves *v partly written.
func (vc *ValueCodec[T]) ReadValue(src []byte, v *T) (int, error) {
	rest, ok := vc.c.dec(src, unsafe.Pointer(v))
	if !ok {
		return 0, fmt.Errorf("%w: %T: truncated, or a value out of range", ErrDecode, *v)
	}
	return len(src) - len(rest), nil
}

// A typeCodec encodes and decodes the values of one type at a pointer.
// A decoder returns the input after the value, and false on malformed
// input. The functions are filled in after the typeCodec is cached, so
// that a recursive type (a struct holding a slice of itself) refers to
// itself.
type typeCodec struct {
	enc  func(dst []byte, p unsafe.Pointer) []byte
	dec  func(src []byte, p unsafe.Pointer) (rest []byte, ok bool)
	size uintptr // the type's size in memory
	min  int     // the fewest bytes one encoding takes
}

// takeUvarint reads a varint of at most max.
func takeUvarint(src []byte, max uint64) (uint64, []byte, bool) {
	v, n := binary.Uvarint(src)
	if n <= 0 || v > max {
		return 0, nil, false
	}
	return v, src[n:], true
}

// takeVarint reads a zig-zag varint in min..max.
func takeVarint(src []byte, min, max int64) (int64, []byte, bool) {
	v, n := binary.Varint(src)
	if n <= 0 || v < min || v > max {
		return 0, nil, false
	}
	return v, src[n:], true
}

// fits reports whether src can hold n items that take at least min bytes
// each (at most 65536 items of zero bytes).
func fits(src []byte, n, min int) bool {
	if min == 0 {
		return n <= 1<<16
	}
	return n <= len(src)/min
}

var codecCache sync.Map // reflect.Type -> *typeCodec, complete codecs only

// compileCodec returns t's codec, compiling it on first use.
func compileCodec(t reflect.Type) (*typeCodec, error) {
	if c, ok := codecCache.Load(t); ok {
		return c.(*typeCodec), nil
	}
	building := map[reflect.Type]*typeCodec{}
	c, err := compile(t, t.String(), building)
	if err != nil {
		return nil, err
	}
	for bt, bc := range building { // every type compiled on the way is complete now
		codecCache.LoadOrStore(bt, bc)
	}
	return c, nil
}

// compile builds t's codec; path names t in errors.
func compile(t reflect.Type, path string, building map[reflect.Type]*typeCodec) (*typeCodec, error) {
	if c, ok := building[t]; ok {
		return c, nil // recursion: filled in by the outer call
	}
	if c, ok := codecCache.Load(t); ok {
		return c.(*typeCodec), nil
	}
	c := &typeCodec{size: t.Size(), min: 1}
	building[t] = c
	var err error
	switch t.Kind() {
	case reflect.Bool:
		c.enc, c.dec = encBool, decBool
	case reflect.Int8, reflect.Uint8:
		c.enc, c.dec = encByte, decByte
	case reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		c.enc, c.dec = intCodec(t.Size())
	case reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		c.enc, c.dec = uintCodec(t.Size())
	case reflect.Float32, reflect.Complex64:
		c.enc, c.dec, c.min = fixedCodec(t.Size()/4, 4)
	case reflect.Float64, reflect.Complex128:
		c.enc, c.dec, c.min = fixedCodec(t.Size()/8, 8)
	case reflect.String:
		c.enc, c.dec = encString, decString
	case reflect.Array:
		err = arrayCodec(c, t, path, building)
	case reflect.Slice:
		err = sliceCodec(c, t, path, building)
	case reflect.Struct:
		err = structCodec(c, t, path, building)
	default:
		err = fmt.Errorf("%s is a %s: a ValueCodec encodes plain data only (no pointers, maps, interfaces, channels or functions)", path, t.Kind())
	}
	if err != nil {
		delete(building, t)
		return nil, err
	}
	return c, nil
}
