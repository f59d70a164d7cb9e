package model

import (
	"encoding/binary"
	"math"
	"reflect"
	"unsafe"
)

// The encodings of ValueCodec, one kind at a time. Every function works on
// a pointer to the value, so structs, arrays and slices encode their parts
// in place.

func encBool(dst []byte, p unsafe.Pointer) []byte { return AppendBool(dst, *(*bool)(p)) }

func decBool(src []byte, p unsafe.Pointer) ([]byte, bool) {
	if len(src) == 0 || src[0] > 1 {
		return nil, false
	}
	*(*bool)(p) = src[0] == 1
	return src[1:], true
}

func encByte(dst []byte, p unsafe.Pointer) []byte { return append(dst, *(*byte)(p)) }

func decByte(src []byte, p unsafe.Pointer) ([]byte, bool) {
	if len(src) == 0 {
		return nil, false
	}
	*(*byte)(p) = src[0]
	return src[1:], true
}

// decFunc is a typeCodec's decoder.
type decFunc = func(src []byte, p unsafe.Pointer) ([]byte, bool)

// intCodec encodes a signed integer of size bytes as a zig-zag varint.
func intCodec(size uintptr) (func([]byte, unsafe.Pointer) []byte, decFunc) {
	switch size {
	case 2:
		return func(dst []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(dst, int64(*(*int16)(p))) },
			func(src []byte, p unsafe.Pointer) ([]byte, bool) {
				v, rest, ok := takeVarint(src, math.MinInt16, math.MaxInt16)
				*(*int16)(p) = int16(v)
				return rest, ok
			}
	case 4:
		return func(dst []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(dst, int64(*(*int32)(p))) },
			func(src []byte, p unsafe.Pointer) ([]byte, bool) {
				v, rest, ok := takeVarint(src, math.MinInt32, math.MaxInt32)
				*(*int32)(p) = int32(v)
				return rest, ok
			}
	}
	return func(dst []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(dst, *(*int64)(p)) },
		func(src []byte, p unsafe.Pointer) ([]byte, bool) {
			v, rest, ok := takeVarint(src, math.MinInt64, math.MaxInt64)
			*(*int64)(p) = v
			return rest, ok
		}
}

// uintCodec encodes an unsigned integer of size bytes as a varint.
func uintCodec(size uintptr) (func([]byte, unsafe.Pointer) []byte, decFunc) {
	switch size {
	case 2:
		return func(dst []byte, p unsafe.Pointer) []byte { return binary.AppendUvarint(dst, uint64(*(*uint16)(p))) },
			func(src []byte, p unsafe.Pointer) ([]byte, bool) {
				v, rest, ok := takeUvarint(src, math.MaxUint16)
				*(*uint16)(p) = uint16(v)
				return rest, ok
			}
	case 4:
		return func(dst []byte, p unsafe.Pointer) []byte { return binary.AppendUvarint(dst, uint64(*(*uint32)(p))) },
			func(src []byte, p unsafe.Pointer) ([]byte, bool) {
				v, rest, ok := takeUvarint(src, math.MaxUint32)
				*(*uint32)(p) = uint32(v)
				return rest, ok
			}
	}
	return func(dst []byte, p unsafe.Pointer) []byte { return binary.AppendUvarint(dst, *(*uint64)(p)) },
		func(src []byte, p unsafe.Pointer) ([]byte, bool) {
			v, rest, ok := takeUvarint(src, math.MaxUint64)
			*(*uint64)(p) = v
			return rest, ok
		}
}

// fixedCodec encodes n words of w bytes (4 or 8: the parts of a float or
// complex number) little-endian; it also returns the encoding's length.
func fixedCodec(n, w uintptr) (func([]byte, unsafe.Pointer) []byte, decFunc, int) {
	size := int(n * w)
	enc := func(dst []byte, p unsafe.Pointer) []byte {
		for i := range n {
			if w == 4 {
				dst = binary.LittleEndian.AppendUint32(dst, *(*uint32)(unsafe.Add(p, 4*i)))
			} else {
				dst = binary.LittleEndian.AppendUint64(dst, *(*uint64)(unsafe.Add(p, 8*i)))
			}
		}
		return dst
	}
	dec := func(src []byte, p unsafe.Pointer) ([]byte, bool) {
		if len(src) < size {
			return nil, false
		}
		for i := range n {
			if w == 4 {
				*(*uint32)(unsafe.Add(p, 4*i)) = binary.LittleEndian.Uint32(src[4*i:])
			} else {
				*(*uint64)(unsafe.Add(p, 8*i)) = binary.LittleEndian.Uint64(src[8*i:])
			}
		}
		return src[size:], true
	}
	return enc, dec, size
}

func encString(dst []byte, p unsafe.Pointer) []byte { return AppendString(dst, *(*string)(p)) }

func decString(src []byte, p unsafe.Pointer) ([]byte, bool) {
	n, rest, ok := takeUvarint(src, uint64(len(src)))
	if !ok || n > uint64(len(rest)) {
		return nil, false
	}
	*(*string)(p) = string(rest[:n])
	return rest[n:], true
}

// isByte reports whether t is stored as one byte that any value fills:
// its arrays and slices copy as they are.
func isByte(t reflect.Type) bool { return t.Kind() == reflect.Uint8 || t.Kind() == reflect.Int8 }

// arrayCodec encodes the elements in order: byte arrays as they are.
func arrayCodec(c *typeCodec, t reflect.Type, path string, building map[reflect.Type]*typeCodec) error {
	n := uintptr(t.Len())
	if isByte(t.Elem()) {
		c.enc = func(dst []byte, p unsafe.Pointer) []byte { return append(dst, unsafe.Slice((*byte)(p), n)...) }
		c.dec = func(src []byte, p unsafe.Pointer) ([]byte, bool) {
			if uintptr(len(src)) < n {
				return nil, false
			}
			copy(unsafe.Slice((*byte)(p), n), src)
			return src[n:], true
		}
		c.min = int(n)
		return nil
	}
	e, err := compile(t.Elem(), path+"[0]", building)
	if err != nil {
		return err
	}
	size := e.size
	c.enc = func(dst []byte, p unsafe.Pointer) []byte {
		for i := range n {
			dst = e.enc(dst, unsafe.Add(p, i*size))
		}
		return dst
	}
	c.dec = func(src []byte, p unsafe.Pointer) ([]byte, bool) {
		ok := true
		for i := uintptr(0); i < n && ok; i++ {
			src, ok = e.dec(src, unsafe.Add(p, i*size))
		}
		return src, ok
	}
	c.min = int(n) * e.min
	return nil
}

// sliceHeader is the memory layout of every slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// sliceCodec encodes a nil slice as 0 and a slice of n elements as n+1
// followed by the elements; a decoded slice has its own backing array,
// with a capacity equal to its length.
func sliceCodec(c *typeCodec, t reflect.Type, path string, building map[reflect.Type]*typeCodec) error {
	e, err := compile(t.Elem(), path+"[0]", building)
	if err != nil {
		return err
	}
	raw, size := isByte(t.Elem()), e.size
	c.enc = func(dst []byte, p unsafe.Pointer) []byte {
		h := (*sliceHeader)(p)
		if h.data == nil {
			return append(dst, 0)
		}
		dst = binary.AppendUvarint(dst, uint64(h.len)+1)
		if raw {
			return append(dst, unsafe.Slice((*byte)(h.data), h.len)...)
		}
		for i := range h.len {
			dst = e.enc(dst, unsafe.Add(h.data, uintptr(i)*size))
		}
		return dst
	}
	c.dec = func(src []byte, p unsafe.Pointer) ([]byte, bool) {
		v, src, ok := takeUvarint(src, math.MaxInt32)
		if !ok || v == 0 {
			*(*sliceHeader)(p) = sliceHeader{}
			return src, ok
		}
		n := int(v - 1)
		if !fits(src, n, e.min) {
			return nil, false
		}
		data := reflect.MakeSlice(t, n, n).UnsafePointer()
		*(*sliceHeader)(p) = sliceHeader{data: data, len: n, cap: n}
		if raw {
			copy(unsafe.Slice((*byte)(data), n), src)
			return src[n:], true
		}
		for i := 0; i < n && ok; i++ {
			src, ok = e.dec(src, unsafe.Add(data, uintptr(i)*size))
		}
		return src, ok
	}
	return nil
}

// structCodec encodes the fields in order, unexported ones included;
// fields of size zero take no bytes.
func structCodec(c *typeCodec, t reflect.Type, path string, building map[reflect.Type]*typeCodec) error {
	type field struct {
		off uintptr
		c   *typeCodec
	}
	var fields []field
	c.min = 0
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type.Size() == 0 {
			continue
		}
		fc, err := compile(f.Type, path+"."+f.Name, building)
		if err != nil {
			return err
		}
		fields = append(fields, field{off: f.Offset, c: fc})
		c.min += fc.min
	}
	c.enc = func(dst []byte, p unsafe.Pointer) []byte {
		for i := range fields {
			dst = fields[i].c.enc(dst, unsafe.Add(p, fields[i].off))
		}
		return dst
	}
	c.dec = func(src []byte, p unsafe.Pointer) ([]byte, bool) {
		ok := true
		for i := 0; i < len(fields) && ok; i++ {
			src, ok = fields[i].c.dec(src, unsafe.Add(p, fields[i].off))
		}
		return src, ok
	}
	return nil
}
