package protocols

import (
	"bytes"
	"cmp"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/spec/twopc"
	"github.com/protocheck/protocheck/spec/twophase"
)

// codecCap bounds the states each variant's codec and erasure tests
// explore: the whole space at the defaults up to 50,000 states, the first
// 3,000 (breadth first) under -short.
func codecCap() int64 { return shortOr(3_000, 50_000) }

// shortOr returns short under -short, else full.
func shortOr(short, full int64) int64 {
	if testing.Short() {
		return short
	}
	return full
}

// TestCatalogCodecs: for every spec and variant at its defaults, the
// erased model has a codec (model.CodecOf), and every state explored
// decodes to a state with the same key.
func TestCatalogCodecs(t *testing.T) {
	eachVariant(t, func(t *testing.T, e Entry, v catalog.Variant) {
		m := erasedAtDefaults(t, e, v)
		c, err := model.CodecOf(m)
		require.NoError(t, err)
		var enc, want, got []byte
		var bad error // the first state that does not round-trip
		n := 0
		check := func(s any) {
			n++
			enc = c.AppendState(enc[:0], s)
			d, err := c.DecodeState(enc)
			if err != nil {
				bad = cmp.Or(bad, fmt.Errorf("%v: %w", s, err))
				return
			}
			want, got = m.AppendKey(want[:0], s), m.AppendKey(got[:0], d)
			if !bytes.Equal(want, got) {
				bad = cmp.Or(bad, fmt.Errorf("%v: key %x decodes to key %x", s, want, got))
			}
		}
		// Every state expanded and every successor (so the last level too).
		res, err := explore.Visit(m, explore.Options{Workers: 1, MaxStates: codecCap()}, func(s any, _ explore.Visited) {
			check(s)
			m.Next(s, func(_, t any) { check(t) })
		})
		require.NoError(t, err)
		require.NoError(t, bad)
		require.Positive(t, n)
		t.Logf("%s: %d states round-trip (%d distinct, complete: %v)", t.Name(), n, res.Distinct, res.Complete)
	})
}

// TestCatalogErased: for every spec and variant at its defaults, BFS on
// the erased model gives the same counts, verdicts and traces as on the
// typed model, with symmetry reduction too where the model declares it;
// and the erased model declares what the typed one does.
func TestCatalogErased(t *testing.T) {
	eachVariant(t, func(t *testing.T, e Entry, v catalog.Variant) {
		cfg, err := e.Info().Defaults(v.Name)
		require.NoError(t, err)
		inst, err := e.Build(cfg)
		require.NoError(t, err)
		m := inst.Erased()
		assert.Equal(t, inst.Symmetric, model.HasSymmetry(m), "HasSymmetry")
		assert.Equal(t, inst.Final, model.HasFinal(m), "HasFinal")
		syms := []bool{false}
		if inst.Symmetric {
			syms = append(syms, true)
		}
		for _, sym := range syms {
			opts := explore.Options{Workers: 1, MaxStates: codecCap(), Symmetry: sym}
			want, err := inst.Check("bfs-safety", opts, nil)
			require.NoError(t, err)
			got, err := explore.BFS(m, opts)
			require.NoError(t, err)
			sameRun(t, want, got, fmt.Sprintf("symmetry=%v", sym))
		}
	})
}

// erasedAtDefaults builds variant v of e at its defaults, erased.
func erasedAtDefaults(t *testing.T, e Entry, v catalog.Variant) model.Model[any, any] {
	cfg, err := e.Info().Defaults(v.Name)
	require.NoError(t, err)
	inst, err := e.Build(cfg)
	require.NoError(t, err)
	return inst.Erased()
}

// sameRun compares two runs: counts, and every verdict with its trace.
func sameRun(t *testing.T, want, got *explore.Result, what string) {
	t.Helper()
	require.Positive(t, want.Distinct, what)
	assert.Equal(t, want.Complete, got.Complete, "%s: complete", what)
	assert.Equal(t, want.Distinct, got.Distinct, "%s: distinct", what)
	assert.Equal(t, want.Generated, got.Generated, "%s: generated", what)
	assert.Equal(t, want.MaxDepth, got.MaxDepth, "%s: depth", what)
	require.Len(t, got.Properties, len(want.Properties), what)
	for i, p := range want.Properties {
		q := got.Properties[i]
		assert.Equal(t, p.Name, q.Name, what)
		assert.Equal(t, p.Status, q.Status, "%s: %q", what, p.Name)
		assert.Equal(t, traceString(p.Trace), traceString(q.Trace), "%s: %q's trace", what, p.Name)
	}
}

// traceString prints a trace's path and steps.
func traceString(tr *model.Trace) string {
	if tr == nil {
		return "none"
	}
	var b bytes.Buffer
	fmt.Fprint(&b, tr.Path, " loop ", tr.Loop)
	for _, s := range tr.Steps {
		fmt.Fprintf(&b, "\n%s: %v", s.Action, s.State)
	}
	return b.String()
}

// BenchmarkCodec measures encoding and decoding one state (ns/op is per
// state) of twopc and twophase at their defaults, over their first 10,000
// states; "erased" goes through the erased model's codec. Run it with
// go test ./protocols -run '^$' -bench Codec -benchtime=2000x.
func BenchmarkCodec(b *testing.B) {
	benchCodec(b, "twopc", twopc.Spec)
	benchCodec(b, "twophase", twophase.Spec)
}

func benchCodec[S, A any](b *testing.B, name string, spec catalog.Spec[S, A]) {
	cfg, err := spec.Info.Defaults("")
	require.NoError(b, err)
	m, err := spec.Build(cfg)
	require.NoError(b, err)
	c, err := model.CodecOf(m)
	require.NoError(b, err)
	var states []S
	var encs [][]byte
	_, err = explore.Visit(m, explore.Options{Workers: 1, MaxStates: 10_000}, func(s S, _ explore.Visited) {
		states = append(states, s)
		encs = append(encs, c.AppendState(nil, s))
	})
	require.NoError(b, err)
	var buf []byte
	b.Run(name+"/encode", func(b *testing.B) {
		for i := range b.N {
			buf = c.AppendState(buf[:0], states[i%len(states)])
		}
	})
	b.Run(name+"/decode", func(b *testing.B) {
		for i := range b.N {
			if _, err := c.DecodeState(encs[i%len(encs)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	ec, err := model.CodecOf(model.Erase(m))
	require.NoError(b, err)
	b.Run(name+"/erased-decode", func(b *testing.B) {
		for i := range b.N {
			if _, err := ec.DecodeState(encs[i%len(encs)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	size := 0
	for _, e := range encs {
		size += len(e)
	}
	b.Logf("%s: %d states, %.1f bytes a state", name, len(encs), float64(size)/float64(len(encs)))
}
