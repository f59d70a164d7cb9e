package model

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// plain has no padding: 8 + 2*2 + 4 + 2 + 1 + 1 + 2*2 = 24 bytes, laid out
// in that order, with a nested struct and arrays.
type plain struct {
	A int64
	B [2]int16 // 4 bytes
	C uint32
	D inner
	E bool
	F int8
	G [2]inner
}

type inner struct {
	X, Y uint8
}

// drawPlain draws values from small ranges, so that equal values are
// common.
func drawPlain(t *rapid.T, label string) plain {
	small := rapid.IntRange(-1, 1)
	return plain{
		A: int64(small.Draw(t, label+".A")) << 40,
		B: [2]int16{int16(small.Draw(t, label+".B0")), int16(small.Draw(t, label+".B1") * 300)},
		C: uint32(rapid.IntRange(0, 1).Draw(t, label+".C")) << 24,
		D: inner{uint8(rapid.IntRange(0, 1).Draw(t, label+".DX")), 255},
		E: rapid.Bool().Draw(t, label+".E"),
		F: int8(small.Draw(t, label+".F")),
		G: [2]inner{{Y: uint8(rapid.IntRange(0, 1).Draw(t, label+".GY"))}},
	}
}

// TestStructKeyIsEquality: two values have equal keys iff they are ==.
func TestStructKeyIsEquality(t *testing.T) {
	k, err := NewStructKeyer[plain]()
	require.NoError(t, err)
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawPlain(t, "a"), drawPlain(t, "b")
		ka, kb := k.AppendKey(nil, a), k.AppendKey(nil, b)
		require.Len(t, ka, 24, "every byte of the value, nothing else")
		require.Equal(t, a == b, bytes.Equal(ka, kb), "%+v vs %+v", a, b)
	})
}

func TestStructKeyAppends(t *testing.T) {
	k, err := NewStructKeyer[inner]()
	require.NoError(t, err)
	dst := make([]byte, 2, 16)
	dst[0], dst[1] = 7, 8
	out := k.AppendKey(dst, inner{1, 2})
	assert.Equal(t, []byte{7, 8, 1, 2}, out)
	pk, err := NewStructKeyer[plain]()
	require.NoError(t, err)
	buf := make([]byte, 0, 64)
	s := plain{A: 5}
	assert.Zero(t, testing.AllocsPerRun(100, func() { buf = pk.AppendKey(buf[:0], s) }), "no allocation once dst is large enough")
	e, err := NewStructKeyer[struct{}]()
	require.NoError(t, err)
	assert.Equal(t, []byte{1}, e.AppendKey([]byte{1}, struct{}{}), "a zero-size state has an empty key")
	assert.Panics(t, func() { StructKeyer[inner]{}.AppendKey(nil, inner{}) }, "the zero keyer is not usable")
}

// Types NewStructKeyer must reject, each for the reason given.
type (
	padded struct {
		A int8
		B int64
	}
	trailing struct {
		A int64
		B int8
	}
	zeroLast struct {
		A int64
		Z struct{}
	}
	withFloat struct {
		A int64
		F float64
	}
	withString struct{ S string }
	withPtr    struct{ P *int }
	withAny    struct{ V any }
	withChan   struct{ C chan int }
	withUptr   struct{ U uintptr }
	nestedPad  struct {
		A [2]trailing
	}
)

func TestStructKeyerRejects(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{errOf[padded](), "before field model.padded.B"},
		{errOf[trailing](), "after field model.trailing.B"},
		{errOf[zeroLast](), "after field model.zeroLast.Z"},
		{errOf[withFloat](), "model.withFloat.F is a float64"},
		{errOf[withString](), "model.withString.S is a string"},
		{errOf[withPtr](), "model.withPtr.P is a ptr"},
		{errOf[withAny](), "model.withAny.V is a interface"},
		{errOf[withChan](), "model.withChan.C is a chan"},
		{errOf[withUptr](), "model.withUptr.U is a uintptr"},
		{errOf[nestedPad](), "after field model.nestedPad.A[0].B"},
		{errOf[float32](), "float32 is a float32"},
	} {
		require.ErrorIs(t, c.err, ErrStructKey)
		assert.Contains(t, c.err.Error(), c.want)
	}
	for _, err := range []error{errOf[int](), errOf[[3]uint8](), errOf[inner](), errOf[bool]()} {
		assert.NoError(t, err)
	}
}

func errOf[S comparable]() error {
	_, err := NewStructKeyer[S]()
	return err
}
