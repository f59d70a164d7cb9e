package model_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// vplain exercises every kind a ValueCodec takes, an unexported field and
// a recursive slice.
type vplain struct {
	B      bool
	I      int
	I8     int8
	I16    int16
	I32    int32
	I64    int64
	U      uint
	U8     uint8
	U16    uint16
	U32    uint32
	U64    uint64
	F32    float32
	F64    float64
	C128   complex128
	S      string
	Bytes  []byte
	Arr    [3]uint16
	Raw    [4]int8
	Inner  []vinner
	Kids   []vplain
	hidden uint32
	_      struct{}
}

type vinner struct {
	A     int16
	names []string
	C     [2]bool
}

// floats are the values the generator picks floats from: NaN is left out
// because it is not equal to itself (TestValueCodecFloatBits covers it).
var floats = []float64{0, math.Copysign(0, -1), 1.5, -3.25e300, math.Inf(1), math.Inf(-1), math.SmallestNonzeroFloat64}

func genVplain(depth int) *rapid.Generator[vplain] {
	return rapid.Custom(func(t *rapid.T) vplain {
		p := vplain{
			B: rapid.Bool().Draw(t, "b"), I: rapid.Int().Draw(t, "i"), I8: rapid.Int8().Draw(t, "i8"),
			I16: rapid.Int16().Draw(t, "i16"), I32: rapid.Int32().Draw(t, "i32"), I64: rapid.Int64().Draw(t, "i64"),
			U: rapid.Uint().Draw(t, "u"), U8: rapid.Uint8().Draw(t, "u8"), U16: rapid.Uint16().Draw(t, "u16"),
			U32: rapid.Uint32().Draw(t, "u32"), U64: rapid.Uint64().Draw(t, "u64"),
			F32:    float32(rapid.SampledFrom(floats).Draw(t, "f32")),
			F64:    rapid.SampledFrom(floats).Draw(t, "f64"),
			C128:   complex(rapid.SampledFrom(floats).Draw(t, "re"), rapid.SampledFrom(floats).Draw(t, "im")),
			S:      rapid.String().Draw(t, "s"),
			Bytes:  rapid.OneOf(rapid.Just([]byte(nil)), rapid.SliceOf(rapid.Byte())).Draw(t, "bytes"),
			Arr:    [3]uint16{rapid.Uint16().Draw(t, "a0"), 0, rapid.Uint16().Draw(t, "a2")},
			Raw:    [4]int8{rapid.Int8().Draw(t, "r0"), -1, 0, 127},
			hidden: rapid.Uint32().Draw(t, "hidden"),
		}
		p.Inner = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) vinner {
			return vinner{A: rapid.Int16().Draw(t, "a"), names: rapid.SliceOfN(rapid.String(), 0, 2).Draw(t, "names"),
				C: [2]bool{rapid.Bool().Draw(t, "c"), true}}
		}), 0, 3).Draw(t, "vinner")
		if depth > 0 {
			p.Kids = rapid.OneOf(rapid.Just([]vplain(nil)), rapid.SliceOfN(genVplain(depth-1), 0, 2)).Draw(t, "kids")
		}
		return p
	})
}

// TestValueCodecRoundTrip: every value decodes to an equal value,
// unexported fields, nil and empty slices and recursion included, and two
// encodings back to back read back one after the other (self-delimiting).
func TestValueCodecRoundTrip(t *testing.T) {
	c, err := model.NewValueCodec[vplain]()
	require.NoError(t, err)
	rapid.Check(t, func(t *rapid.T) {
		a, b := genVplain(2).Draw(t, "a"), genVplain(1).Draw(t, "b")
		enc := c.AppendState(nil, a)
		got, err := c.DecodeState(enc)
		require.NoError(t, err)
		require.Equal(t, a, got)

		both := c.AppendValue(append([]byte(nil), enc...), &b)
		var x, y vplain
		n, err := c.ReadValue(both, &x)
		require.NoError(t, err)
		require.Equal(t, len(enc), n, "the first encoding ends where it was cut")
		m, err := c.ReadValue(both[n:], &y)
		require.NoError(t, err)
		require.Equal(t, len(both)-n, m)
		require.Equal(t, a, x)
		require.Equal(t, b, y)
	})
}

// TestValueCodecFloatBits: floats keep their bits (NaN payloads, -0).
func TestValueCodecFloatBits(t *testing.T) {
	c, err := model.NewValueCodec[[2]float64]()
	require.NoError(t, err)
	v := [2]float64{math.Float64frombits(0x7ff8_0000_dead_beef), math.Copysign(0, -1)}
	got, err := c.DecodeState(c.AppendState(nil, v))
	require.NoError(t, err)
	assert.Equal(t, math.Float64bits(v[0]), math.Float64bits(got[0]))
	assert.Equal(t, math.Float64bits(v[1]), math.Float64bits(got[1]))
}

// TestValueCodecMalformed: a strict prefix of an encoding, or trailing
// bytes, is an error wrapping ErrDecode; random bytes never panic.
func TestValueCodecMalformed(t *testing.T) {
	c, err := model.NewValueCodec[vplain]()
	require.NoError(t, err)
	rapid.Check(t, func(t *rapid.T) {
		enc := c.AppendState(nil, genVplain(1).Draw(t, "v"))
		cut := rapid.IntRange(0, len(enc)-1).Draw(t, "cut")
		_, err := c.DecodeState(enc[:cut])
		require.ErrorIs(t, err, model.ErrDecode, "prefix of %d of %d bytes", cut, len(enc))
		_, err = c.DecodeState(append(enc, 0))
		require.ErrorIs(t, err, model.ErrDecode, "a trailing byte")
		junk := rapid.SliceOfN(rapid.Byte(), 0, 64).Draw(t, "junk")
		if _, err := c.DecodeState(junk); err != nil {
			require.ErrorIs(t, err, model.ErrDecode)
		}
	})
}

// TestValueCodecRefuses: what a ValueCodec cannot carry is refused at
// construction, naming the field.
func TestValueCodecRefuses(t *testing.T) {
	type withMap struct{ M map[int]int }
	type withPtr struct{ P *int }
	type withIface struct{ V any }
	type withFunc struct{ F func() }
	type deep struct {
		A []withMap
	}
	for name, err := range map[string]error{
		"withMap.M":       newValueErr[withMap](),
		"withPtr.P":       newValueErr[withPtr](),
		"withIface.V":     newValueErr[withIface](),
		"withFunc.F":      newValueErr[withFunc](),
		"deep.A[0].M":     newValueErr[deep](),
		"uintptr":         newValueErr[uintptr](),
		"chan int":        newValueErr[chan int](),
		"map[string]bool": newValueErr[map[string]bool](),
	} {
		require.ErrorIs(t, err, model.ErrNoCodec, name)
		assert.Contains(t, err.Error(), name)
	}
}

func newValueErr[T any]() error { _, err := model.NewValueCodec[T](); return err }

// panicMessage returns what f panics with, "" when it does not panic.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// secret has an unexported field: gob would drop it without a word.
type secret struct {
	Shown int
	kept  int
}

type gobbable struct {
	M   map[string][]int
	P   *int
	Any any
}

type registered struct{ X, Y int }

type registeredSecret struct{ x int }

func init() {
	gob.Register(registered{})
	gob.Register(registeredSecret{})
}

// TestGobLosesUnexportedFields is why GobCodec checks types: vplain gob
// decodes a value with an unexported field to a different value, and says
// nothing.
func TestGobLosesUnexportedFields(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gob.NewEncoder(&buf).Encode(secret{Shown: 1, kept: 2}))
	var got secret
	require.NoError(t, gob.NewDecoder(&buf).Decode(&got))
	assert.Equal(t, secret{Shown: 1}, got, "gob dropped the unexported field silently")
}

// TestGobCodecRefusesWhatGobDrops: GobCodec refuses a type with an
// unexported or function-typed field, naming it, and panics when an
// interface value holds a type gob would not carry whole.
func TestGobCodecRefusesWhatGobDrops(t *testing.T) {
	_, err := model.NewGobCodec[secret]()
	require.ErrorIs(t, err, model.ErrNoCodec)
	assert.Contains(t, err.Error(), "secret.kept is unexported")
	_, err = model.NewGobCodec[struct{ F func() }]()
	require.ErrorIs(t, err, model.ErrNoCodec)
	assert.Contains(t, err.Error(), ".F is a func")

	c, err := model.NewGobCodec[gobbable]()
	require.NoError(t, err)
	msg := panicMessage(func() { c.AppendState(nil, gobbable{Any: registeredSecret{x: 1}}) })
	assert.Contains(t, msg, "gobbable.Any holds a model_test.registeredSecret: model_test.registeredSecret.x is unexported")
	msg = panicMessage(func() { c.AppendState(nil, gobbable{Any: struct{ Z int }{1}}) })
	assert.Contains(t, msg, "not registered", "an unregistered type")
}

// TestGobCodecRoundTrip: maps, pointers and registered interface values
// round-trip; malformed input is an error.
func TestGobCodecRoundTrip(t *testing.T) {
	c, err := model.NewGobCodec[gobbable]()
	require.NoError(t, err)
	seven := 7
	v := gobbable{M: map[string][]int{"a": {1, 2}, "b": {3}}, P: &seven, Any: registered{X: 1, Y: -2}}
	enc := c.AppendState([]byte("prefix"), v)
	require.Equal(t, "prefix", string(enc[:6]), "AppendState appends")
	got, err := c.DecodeState(enc[6:])
	require.NoError(t, err)
	assert.Equal(t, v, got)
	_, err = c.DecodeState(enc[6 : len(enc)-1])
	assert.ErrorIs(t, err, model.ErrDecode)
	_, err = c.DecodeState(append(enc[6:], 0))
	assert.ErrorIs(t, err, model.ErrDecode, "trailing bytes")
}

// counter is a model over a state type S built from an int, for CodecOf.
func counter[S any](mk func(int) S, key func(S) int) model.Func[S, string] {
	return model.Func[S, string]{
		InitFn: func(yield func(S)) { yield(mk(0)) },
		NextFn: func(s S, yield func(string, S)) {
			if n := key(s); n < 300 {
				yield("inc", mk(n+1))
				yield("skip", mk(min(n+7, 300)))
			}
		},
		KeyFn: func(dst []byte, s S) []byte { return model.AppendInt(dst, key(s)) },
	}
}

// ownCodec is a counter with its own codec; lossyFrom makes it forget
// states from that value on.
type ownCodec struct {
	model.Func[int, string]
	lossyFrom int
}

func (m ownCodec) AppendState(dst []byte, s int) []byte {
	return model.AppendInt(dst, min(s, m.lossyFrom))
}

func (m ownCodec) DecodeState(src []byte) (int, error) {
	if len(src) == 0 {
		return 0, model.ErrDecode
	}
	v, err := model.NewValueCodec[int]()
	if err != nil {
		return 0, err
	}
	return v.DecodeState(src)
}

// TestCodecOf: CodecOf picks the model's own codec, else a ValueCodec,
// else a GobCodec, else fails; and refuses a codec that loses states on
// its sample.
func TestCodecOf(t *testing.T) {
	own := &ownCodec{Func: counter(func(n int) int { return n }, func(s int) int { return s }), lossyFrom: 1 << 30}
	c, err := model.CodecOf[int, string](own)
	require.NoError(t, err)
	assert.Same(t, own, c, "a model that is a Codec is its own codec")

	_, err = model.CodecOf[int, string](&ownCodec{Func: own.Func, lossyFrom: 100})
	require.ErrorIs(t, err, model.ErrNoCodec)
	assert.Contains(t, err.Error(), "loses information")

	type hidden struct{ n int }
	hc, err := model.CodecOf(counter(func(n int) hidden { return hidden{n} }, func(s hidden) int { return s.n }))
	require.NoError(t, err)
	assert.IsType(t, &model.ValueCodec[hidden]{}, hc, "plain data, unexported field and all")

	type mapped struct{ M map[string]int }
	mc, err := model.CodecOf(counter(func(n int) mapped { return mapped{map[string]int{"n": n}} },
		func(s mapped) int { return s.M["n"] }))
	require.NoError(t, err)
	assert.IsType(t, &model.GobCodec[mapped]{}, mc, "a map: gob")

	type neither struct {
		M map[int]bool
		n int
	}
	_, err = model.CodecOf(counter(func(n int) neither { return neither{n: n} }, func(s neither) int { return s.n }))
	require.ErrorIs(t, err, model.ErrNoCodec)
	assert.Contains(t, err.Error(), "implement model.Codec")
	assert.Contains(t, err.Error(), "neither.n is unexported")

	type boxed struct{ V any }
	_, err = model.CodecOf(counter(func(n int) boxed { return boxed{struct{ N int }{n}} },
		func(s boxed) int { return s.V.(struct{ N int }).N }))
	require.ErrorIs(t, err, model.ErrNoCodec, "an unregistered interface value: the codec panics on the sample")
	assert.Contains(t, err.Error(), "panicked")
}

// TestCodecOfModelPanics: a model that panics in Next still gets its
// codec, checked on the states before the panic; the panic is the
// engine's to report.
func TestCodecOfModelPanics(t *testing.T) {
	m := counter(func(n int) int { return n }, func(s int) int { return s })
	next := m.NextFn
	m.NextFn = func(s int, yield func(string, int)) {
		if s > 20 {
			panic("model bug")
		}
		next(s, yield)
	}
	c, err := model.CodecOf(m)
	require.NoError(t, err)
	got, err := c.DecodeState(c.AppendState(nil, 42))
	require.NoError(t, err)
	assert.Equal(t, 42, got)
}
