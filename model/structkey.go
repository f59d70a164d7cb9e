package model

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"
)

// ErrStructKey is wrapped by every error NewStructKeyer returns.
var ErrStructKey = errors.New("model: type has no raw-bytes key")

// A StructKeyer derives the canonical key of a plain state type S with no
// hand-written code: the key is the value's own bytes in memory. Two values
// have equal keys exactly when they are ==, because NewStructKeyer admits
// only types whose bytes determine the value and are determined by it:
//
//   - booleans, signed and unsigned integers (not uintptr), arrays of
//     admitted types, and structs of admitted fields;
//   - no pointers, strings, interfaces, channels or unsafe pointers (their
//     bytes are addresses, not contents), no floats or complex numbers
//     (-0 == +0 with different bytes, NaN != NaN with equal bytes);
//   - no padding: a struct whose fields leave gaps (an int8 before an
//     int64, or a trailing zero-size field) is rejected, with an error
//     naming the field, because padding bytes are not reliably zeroed.
//     Reorder the fields (widest first) or widen the narrow ones.
//
// Rejecting padding, rather than copying field by field, keeps the key one
// copy of unsafe.Sizeof(S) bytes, with no reflection after construction.
// The bytes are in the machine's byte order (little-endian on amd64 and
// arm64), so fingerprints, unlike traces, are not portable across byte
// orders. The key has a fixed length, so it is self-delimiting.
//
// The zero StructKeyer is not usable: build one with NewStructKeyer and
// keep it in the model.
type StructKeyer[S comparable] struct {
	size int // unsafe.Sizeof(S); 0 for an unusable keyer
	ok   bool
}

// NewStructKeyer checks once, by reflection, that S's bytes are a
// canonical key (see StructKeyer), and returns a keyer for it or an error
// wrapping ErrStructKey that names the offending field.
func NewStructKeyer[S comparable]() (StructKeyer[S], error) {
	t := reflect.TypeFor[S]()
	if err := rawKeyable(t, t.String()); err != nil {
		return StructKeyer[S]{}, fmt.Errorf("%w: %v", ErrStructKey, err)
	}
	return StructKeyer[S]{size: int(t.Size()), ok: true}, nil
}

// AppendKey appends the bytes of s to dst and returns the extended slice.
// It has the signature of model.Model's AppendKey, so a model may return
// k.AppendKey(dst, s) or pass k.AppendKey as model.Func's KeyFn. It does
// not allocate beyond growing dst. It panics on a zero StructKeyer.
func (k StructKeyer[S]) AppendKey(dst []byte, s S) []byte {
	if !k.ok {
		panic("model: StructKeyer used without NewStructKeyer")
	}
	if k.size == 0 {
		return dst
	}
	return append(dst, unsafe.Slice((*byte)(unsafe.Pointer(&s)), k.size)...)
}

// rawKeyable reports why values of t are not canonically keyed by their
// bytes, or nil. path names t in errors (e.g. "twophase.State.RM[0]").
func rawKeyable(t reflect.Type, path string) error {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return nil
	case reflect.Array:
		return rawKeyable(t.Elem(), path+"[0]")
	case reflect.Struct:
		return structKeyable(t, path)
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return fmt.Errorf("%s is a %s: -0 and +0 are == with different bytes, NaN is not == itself", path, t.Kind())
	}
	return fmt.Errorf("%s is a %s: its bytes are an address or a header, not its contents", path, t.Kind())
}

// structKeyable checks t's fields and that they leave no padding.
func structKeyable(t reflect.Type, path string) error {
	end := uintptr(0) // where the previous field ends
	for i := range t.NumField() {
		f := t.Field(i)
		name := path + "." + f.Name
		if f.Offset != end {
			return fmt.Errorf("%d padding bytes before field %s: reorder the fields widest first or widen the narrow ones", f.Offset-end, name)
		}
		if err := rawKeyable(f.Type, name); err != nil {
			return err
		}
		end = f.Offset + f.Type.Size()
	}
	if end != t.Size() {
		last := path
		if n := t.NumField(); n > 0 {
			last += "." + t.Field(n-1).Name
		}
		return fmt.Errorf("%d padding bytes after field %s: reorder the fields widest first or widen the narrow ones", t.Size()-end, last)
	}
	return nil
}
