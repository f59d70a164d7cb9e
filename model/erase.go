package model

import "sync"

// Erase hides a model's state and action types, for engines that run any
// model without knowing them (the Beam engine builds models by name on
// workers). Its states are m's states as `any`, its actions m's actions,
// so traces print the same; a state of another type given to it panics.
//
// The erased model forwards every optional interface: Finaler, Symmetric,
// Fair, Constrained, StepChecker and Codec. It has all their methods, so
// it is a Declarer that declares exactly what m declares: HasFinal,
// HasSymmetry and HasFairness answer the same for Erase(m) as for m. Where
// m lacks an interface the method does what its absence means: Final
// accepts every state (and is not declared), Canonical is the identity
// (not declared), FairClass says no step is fair (not declared), Within
// holds everywhere and StepProperties is empty. Its codec is m's, as
// CodecOf(m) gives it: CodecOf(Erase(m)) fails exactly when CodecOf(m)
// does, so engines should ask CodecOf for it rather than call AppendState
// on the erased model directly (which panics when m has no codec).
func Erase[S, A any](m Model[S, A]) Model[any, any] {
	e := &erased[S, A]{m: m, caps: Capabilities{Final: HasFinal(m), Symmetry: HasSymmetry(m), Fairness: HasFairness(m)}}
	e.final, _ = m.(Finaler[S])
	e.sym, _ = m.(Symmetric[S])
	e.fair, _ = m.(Fair[A])
	e.within, _ = m.(Constrained[S])
	for _, p := range m.Properties() {
		e.props = append(e.props, eraseProperty(p))
	}
	for _, p := range StepProperties(m) {
		e.steps = append(e.steps, AlwaysStep(p.Name, func(from, a, to any) bool { return p.Holds(from.(S), a.(A), to.(S)) }))
	}
	return e
}

// erased is Erase's model. Its fields are read-only after Erase, but for
// the codec, resolved once on first use.
type erased[S, A any] struct {
	m      Model[S, A]
	caps   Capabilities
	final  Finaler[S]
	sym    Symmetric[S]
	fair   Fair[A]
	within Constrained[S]
	props  []Property[any]
	steps  []StepProperty[any, any]

	codecOnce sync.Once
	codec     Codec[any]
	codecErr  error
}

// eraseProperty wraps a property's predicates.
func eraseProperty[S any](p Property[S]) Property[any] {
	q := Property[any]{Name: p.Name, Expect: p.Expect}
	if h := p.Holds; h != nil {
		q.Holds = func(s any) bool { return h(s.(S)) }
	}
	if t := p.Then; t != nil {
		q.Then = func(s any) bool { return t(s.(S)) }
	}
	return q
}

// Init implements Model.
func (e *erased[S, A]) Init(yield func(any)) { e.m.Init(func(s S) { yield(s) }) }

// Next implements Model.
func (e *erased[S, A]) Next(s any, yield func(any, any)) {
	e.m.Next(s.(S), func(a A, t S) { yield(a, t) })
}

// AppendKey implements Model.
func (e *erased[S, A]) AppendKey(dst []byte, s any) []byte { return e.m.AppendKey(dst, s.(S)) }

// Properties implements Model.
func (e *erased[S, A]) Properties() []Property[any] { return e.props }

// StepProperties implements StepChecker.
func (e *erased[S, A]) StepProperties() []StepProperty[any, any] { return e.steps }

// Declares implements Declarer: what the inner model declares.
func (e *erased[S, A]) Declares() Capabilities { return e.caps }

// Final implements Finaler.
func (e *erased[S, A]) Final(s any) bool { return e.final == nil || e.final.Final(s.(S)) }

// Canonical implements Symmetric.
func (e *erased[S, A]) Canonical(s any) any {
	if e.sym == nil {
		return s
	}
	return e.sym.Canonical(s.(S))
}

// FairClass implements Fair.
func (e *erased[S, A]) FairClass(a any) (string, bool) {
	if e.fair == nil {
		return "", false
	}
	return e.fair.FairClass(a.(A))
}

// AppendFairKey implements FairKeyer: the model's own key, else the class
// itself.
func (e *erased[S, A]) AppendFairKey(dst []byte, a any) []byte {
	if k, ok := e.fair.(FairKeyer[A]); ok {
		return k.AppendFairKey(append(dst, 1), a.(A))
	}
	c, fair := e.FairClass(a)
	if !fair {
		return append(dst, 0)
	}
	return append(append(dst, 2), c...)
}

// Within implements Constrained.
func (e *erased[S, A]) Within(s any) bool { return e.within == nil || e.within.Within(s.(S)) }

// codecOf is the inner model's codec, as CodecOf gives it, erased.
func (e *erased[S, A]) codecOf() (Codec[any], error) {
	e.codecOnce.Do(func() {
		c, err := CodecOf(e.m)
		if err != nil {
			e.codecErr = err
			return
		}
		e.codec = erasedCodec[S]{c}
	})
	return e.codec, e.codecErr
}

// AppendState implements Codec with the inner model's codec. It panics
// when the inner model has none (CodecOf reports why).
func (e *erased[S, A]) AppendState(dst []byte, s any) []byte {
	c, err := e.codecOf()
	if err != nil {
		panic(err)
	}
	return c.AppendState(dst, s)
}

// DecodeState implements Codec with the inner model's codec.
func (e *erased[S, A]) DecodeState(src []byte) (any, error) {
	c, err := e.codecOf()
	if err != nil {
		return nil, err
	}
	return c.DecodeState(src)
}

// erasedCodec is a typed codec with its type erased.
type erasedCodec[S any] struct{ c Codec[S] }

func (c erasedCodec[S]) AppendState(dst []byte, s any) []byte { return c.c.AppendState(dst, s.(S)) }

func (c erasedCodec[S]) DecodeState(src []byte) (any, error) {
	s, err := c.c.DecodeState(src)
	if err != nil {
		return nil, err
	}
	return s, nil
}
