package model

import (
	"bytes"
	"encoding"
	"encoding/gob"
	"fmt"
	"reflect"
	"sync"
)

// A GobCodec encodes values of T with encoding/gob: the fallback CodecOf
// uses for a state type that a ValueCodec refuses (one with maps, pointers
// or interfaces). Each encoding is a complete gob stream, type description
// included, so it is large and slow (microseconds a state) but portable
// and readable anywhere T is known.
//
// gob sends exported fields only and silently skips the rest (unexported
// fields, and fields of channel or function type). So that nothing is
// lost without a word, NewGobCodec refuses a type with such a field of
// non-zero size anywhere inside it, and AppendState checks the dynamic
// type of every interface value it meets the same way (once per type) and
// panics, naming the field, on one that gob would not carry whole. The
// concrete types held in interfaces must be registered with gob.Register,
// as gob requires; an unregistered one panics too. A type that encodes
// itself (gob.GobEncoder, encoding.BinaryMarshaler or TextMarshaler) is
// trusted as it is.
//
// gob does not keep the difference between a nil pointer and a pointer to
// a zero value, nor between nil and empty slices and maps: a key that
// tells them apart fails CodecOf's round trip (on its sample), and the
// engines' check of decoded states. The zero GobCodec is not usable:
// build one with NewGobCodec.
type GobCodec[T any] struct {
	ifaces bool     // T holds interfaces: check their dynamic types on encode
	_      struct{} // forbids positional literals
}

// NewGobCodec checks that gob carries every field of T (see GobCodec) and
// returns its codec, or an error wrapping ErrNoCodec that names the first
// field gob would skip.
func NewGobCodec[T any]() (*GobCodec[T], error) {
	t := reflect.TypeFor[T]()
	var ifaces bool
	if err := gobCheck(t, t.String(), map[reflect.Type]bool{}, &ifaces); err != nil {
		return nil, fmt.Errorf("%w for %v: %v", ErrNoCodec, t, err)
	}
	return &GobCodec[T]{ifaces: ifaces}, nil
}

// AppendState implements Codec. It panics when v holds what gob cannot
// encode whole: an interface value of an unregistered type, or of a type
// with fields gob skips.
func (gc *GobCodec[T]) AppendState(dst []byte, v T) []byte {
	if gc.ifaces {
		if err := gobCheckValue(reflect.ValueOf(&v).Elem(), reflect.TypeFor[T]().String()); err != nil {
			panic(fmt.Sprintf("model: GobCodec[%v]: %v", reflect.TypeFor[T](), err))
		}
	}
	w := appendWriter{b: dst}
	if err := gob.NewEncoder(&w).Encode(&v); err != nil {
		panic(fmt.Sprintf("model: GobCodec[%v]: %v", reflect.TypeFor[T](), err))
	}
	return w.b
}

// DecodeState implements Codec: src must hold exactly one gob stream.
func (gc *GobCodec[T]) DecodeState(src []byte) (T, error) {
	var v T
	r := bytes.NewReader(src)
	if err := gob.NewDecoder(r).Decode(&v); err != nil {
		return v, fmt.Errorf("%w: gob %v: %v", ErrDecode, reflect.TypeFor[T](), err)
	}
	if r.Len() != 0 {
		return v, fmt.Errorf("%w: %d bytes after a gob %v", ErrDecode, r.Len(), reflect.TypeFor[T]())
	}
	return v, nil
}

// appendWriter is an io.Writer that appends to a byte slice.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

var (
	gobEncoderType = reflect.TypeFor[gob.GobEncoder]()
	binaryType     = reflect.TypeFor[encoding.BinaryMarshaler]()
	textType       = reflect.TypeFor[encoding.TextMarshaler]()
)

// selfEncoding reports whether gob encodes t through its own methods.
func selfEncoding(t reflect.Type) bool {
	for _, x := range []reflect.Type{t, reflect.PointerTo(t)} {
		if x.Implements(gobEncoderType) || x.Implements(binaryType) || x.Implements(textType) {
			return true
		}
	}
	return false
}

// gobCheck reports the first part of t that gob would skip; path names t
// in errors, seen guards against recursive types, ifaces records whether
// t holds interfaces.
func gobCheck(t reflect.Type, path string, seen map[reflect.Type]bool, ifaces *bool) error {
	if seen[t] || selfEncoding(t) {
		return nil
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			name := path + "." + f.Name
			switch {
			case f.Type.Size() == 0 && f.Type.Kind() != reflect.Func && f.Type.Kind() != reflect.Chan:
				// nothing to lose
			case !f.IsExported():
				return fmt.Errorf("%s is unexported: gob would skip it (implement model.Codec, or export it)", name)
			default:
				if err := gobCheck(f.Type, name, seen, ifaces); err != nil {
					return err
				}
			}
		}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return gobCheck(t.Elem(), path+"[0]", seen, ifaces)
	case reflect.Map:
		if err := gobCheck(t.Key(), path+"{key}", seen, ifaces); err != nil {
			return err
		}
		return gobCheck(t.Elem(), path+"{value}", seen, ifaces)
	case reflect.Interface:
		*ifaces = true
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return fmt.Errorf("%s is a %s: gob cannot encode it", path, t.Kind())
	}
	return nil
}

var gobChecked sync.Map // reflect.Type -> error (nil: gob carries the type whole)

// gobCheckValue checks the dynamic type of every interface value inside v.
func gobCheckValue(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		e := v.Elem()
		err, ok := gobChecked.Load(e.Type())
		if !ok {
			var ifaces bool
			err = gobCheck(e.Type(), e.Type().String(), map[reflect.Type]bool{}, &ifaces)
			gobChecked.Store(e.Type(), err)
		}
		if err != nil {
			return fmt.Errorf("%s holds a %v: %v", path, e.Type(), err)
		}
		return gobCheckValue(e, path)
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return gobCheckValue(v.Elem(), path)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if err := gobCheckValue(v.Field(i), path+"."+v.Type().Field(i).Name); err != nil {
					return err
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := gobCheckValue(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if err := gobCheckValue(it.Key(), path+"{key}"); err != nil {
				return err
			}
			if err := gobCheckValue(it.Value(), path+"{value}"); err != nil {
				return err
			}
		}
	}
	return nil
}
