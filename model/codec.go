package model

import (
	"bytes"
	"errors"
	"fmt"
)

// A Codec is a Model whose states can be written to bytes and read back,
// for engines that keep states outside memory (disk, other machines).
//
// The encoding need not be canonical (the key is the state's identity; an
// engine that needs identity fingerprints the decoded state's key), but it
// must be lossless: AppendKey(DecodeState(AppendState(s))) == AppendKey(s)
// for every reachable state s. An encoding is read back by the same model
// (the same program and configuration) that wrote it.
type Codec[S any] interface {
	// AppendState appends an encoding of s to dst and returns the extended
	// slice. It must not keep dst.
	AppendState(dst []byte, s S) []byte
	// DecodeState returns the state src encodes; src is exactly one
	// encoding. Malformed input gives an error wrapping ErrDecode, never a
	// panic. The state returned does not share memory with src.
	DecodeState(src []byte) (S, error)
}

// ErrNoCodec is wrapped by every error CodecOf returns: the model has no
// codec, or the one it has does not round-trip.
var ErrNoCodec = errors.New("model: no state codec")

// ErrDecode is wrapped by every error a codec of this package returns for
// malformed input.
var ErrDecode = errors.New("model: malformed state encoding")

// codecSample is the number of reachable states CodecOf round-trips before
// it returns a codec.
const codecSample = 256

// CodecOf returns m's codec: m itself when it implements Codec[S];
// otherwise a codec derived from S's type: a ValueCodec when S is plain
// data (booleans, numbers, strings, arrays, slices and structs of them,
// unexported fields included), else a GobCodec when encoding/gob carries
// all of S (exported fields only; see NewGobCodec); otherwise an error
// saying the model must implement Codec.
//
// Whatever it returns round-trips on a sample: CodecOf explores the first
// states of m breadth-first (the initial states and up to 256 states in
// all) and checks that each decodes to a state with the same key. A codec
// that fails there, or panics, is an error, not a codec. The sample cannot
// see a state beyond it, so engines should still check what they decode:
// the fingerprint of a decoded state's key against the one stored with it.
// A panic in m's own Next ends the sample early without an error (the
// engine reports the panic with its trace). Every error wraps ErrNoCodec.
func CodecOf[S, A any](m Model[S, A]) (Codec[S], error) {
	c, err := codecFor(m)
	if err != nil {
		return nil, err
	}
	if err := verifyCodec(m, c, sampleStates(m, codecSample)); err != nil {
		return nil, err
	}
	return c, nil
}

// codecProvider is a model that derives its codec itself: an erased model
// (see Erase), whose codec is its inner model's.
type codecProvider[S any] interface {
	codecOf() (Codec[S], error)
}

// codecFor picks m's codec without verifying it.
func codecFor[S, A any](m Model[S, A]) (Codec[S], error) {
	if p, ok := m.(codecProvider[S]); ok {
		return p.codecOf()
	}
	if c, ok := m.(Codec[S]); ok {
		return c, nil
	}
	vc, verr := NewValueCodec[S]()
	if verr == nil {
		return vc, nil
	}
	gc, gerr := NewGobCodec[S]()
	if gerr == nil {
		return gc, nil
	}
	return nil, fmt.Errorf("%w for %T: implement model.Codec (%v; %v)", ErrNoCodec, m, verr, gerr)
}

// verifyCodec round-trips every state of sample through c and compares
// keys. A panic in the codec is reported as an error.
func verifyCodec[S, A any](m Model[S, A], c Codec[S], sample []S) (err error) {
	i := 0
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: the codec of %T panicked on sample state %d: %v", ErrNoCodec, m, i, r)
		}
	}()
	var enc, want, got []byte
	for ; i < len(sample); i++ {
		s := sample[i]
		enc = c.AppendState(enc[:0], s)
		d, derr := c.DecodeState(enc)
		if derr != nil {
			return fmt.Errorf("%w: %T does not read back its own encoding of sample state %d: %v", ErrNoCodec, m, i, derr)
		}
		want, got = m.AppendKey(want[:0], s), m.AppendKey(got[:0], d)
		if !bytes.Equal(want, got) {
			return fmt.Errorf("%w: the codec of %T loses information: sample state %d (key %x) decodes to a state with key %x",
				ErrNoCodec, m, i, want, got)
		}
	}
	return nil
}

// sampleStates returns up to limit distinct reachable states of m,
// breadth first. A panic in m ends the sample where it is.
func sampleStates[S, A any](m Model[S, A], limit int) (out []S) {
	defer func() { _ = recover() }() // model panics are the engines' to report
	seen := map[string]bool{}
	var key []byte
	add := func(s S) {
		if len(out) >= limit {
			return
		}
		key = m.AppendKey(key[:0], s)
		if !seen[string(key)] {
			seen[string(key)] = true
			out = append(out, s)
		}
	}
	m.Init(add)
	for i := 0; i < len(out) && len(out) < limit; i++ {
		m.Next(out[i], func(_ A, t S) { add(t) })
	}
	return out
}
