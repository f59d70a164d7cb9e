package model

import (
	"bytes"
	"encoding/binary"
	"slices"
)

// The Append helpers write parts of a canonical key. Each encoding is
// self-delimiting, so a key built by appending fields in a fixed order is
// canonical as long as the fields are. None of them allocates beyond growing
// dst. A state that is a plain fixed-size struct (integers, booleans,
// arrays, nested structs, no padding) needs none of them: StructKeyer
// derives its key from its bytes.

// AppendUint appends v as an unsigned varint.
func AppendUint(dst []byte, v uint64) []byte { return binary.AppendUvarint(dst, v) }

// AppendInt appends v as a zig-zag varint.
func AppendInt(dst []byte, v int) []byte { return binary.AppendVarint(dst, int64(v)) }

// AppendBool appends b as one byte.
func AppendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, 1)
	}
	return append(dst, 0)
}

// AppendString appends s with a length prefix.
func AppendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// AppendBytes appends b with a length prefix.
func AppendBytes(dst []byte, b []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}

// AppendInts appends a length-prefixed list of ints, in the given order.
func AppendInts[T ~int | ~int8 | ~int16 | ~int32 | ~int64](dst []byte, vs []T) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(vs)))
	for _, v := range vs {
		dst = binary.AppendVarint(dst, int64(v))
	}
	return dst
}

// AppendUints appends a length-prefixed list of unsigned ints, in the given
// order. Small values take one byte each.
func AppendUints[T ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64](dst []byte, vs []T) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(vs)))
	for _, v := range vs {
		dst = binary.AppendUvarint(dst, uint64(v))
	}
	return dst
}

// AppendSortedKeys appends the keys of items as a canonical multiset: each
// item is encoded with key into scratch space, the encodings are sorted, and
// the sorted list is appended with a count prefix. Use it for unordered
// collections (a network's in-flight messages, a set of ids) whose order in
// memory is not canonical. It allocates; models on a hot path should keep
// such collections sorted instead and use a plain loop.
func AppendSortedKeys[T any](dst []byte, items []T, key func(dst []byte, item T) []byte) []byte {
	encs := make([][]byte, len(items))
	for i, it := range items {
		encs[i] = key(nil, it)
	}
	slices.SortFunc(encs, bytes.Compare)
	dst = binary.AppendUvarint(dst, uint64(len(encs)))
	for _, e := range encs {
		dst = AppendBytes(dst, e)
	}
	return dst
}
