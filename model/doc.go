// Package model is protocheck's vocabulary: a protocol is a nondeterministic
// transition system (a Model) whose states have a canonical byte encoding
// (a key) and whose properties are plain values (Always, Sometimes,
// Eventually, LeadsTo).
//
// A model is pure description. It does no I/O, reads no clock, starts no
// goroutine and uses no global randomness; the engines in package explore
// run it. The contract every engine relies on:
//
//   - Init and Next call yield in a deterministic order, because traces are
//     stored as indices into that order. Never range over a map to produce
//     steps or keys: sort first.
//   - Next never mutates its input state. A state holding slices or maps must
//     be copied before it is changed (copy-on-write).
//   - AppendKey is canonical: two states are the same state exactly when
//     their keys are equal. The key is the single source of state identity;
//     fingerprints, deduplication and symmetry reduction all derive from it.
//
// Optional interfaces add capabilities: Finaler (final states, hence a
// deadlock check), Symmetric (symmetry reduction), Fair (weak fairness for
// liveness), Constrained (a state constraint that bounds the space) and
// StepChecker (step properties over from, action and to). A model that has
// the methods of Finaler, Symmetric or Fair without the capability (an
// adapter, an actor system configured without final states) says so as a
// Declarer; HasFinal, HasSymmetry and HasFairness give the answer every
// engine uses. Codec (states to bytes and back, for the disk and Beam
// engines; CodecOf derives one for plain state types) and Erase (a model
// with its types hidden, for engines that build models by name) serve
// engines that keep states outside memory.
//
// A minimal model:
//
//	type counter struct{ max int }
//
//	func (c counter) Init(yield func(int))                  { yield(0) }
//	func (c counter) Next(s int, yield func(string, int))   { if s < c.max { yield("inc", s+1) } }
//	func (c counter) AppendKey(dst []byte, s int) []byte     { return model.AppendInt(dst, s) }
//	func (c counter) Properties() []model.Property[int] {
//		return []model.Property[int]{
//			model.Always("bounded", func(s int) bool { return s <= c.max }),
//			model.Sometimes("reaches max", func(s int) bool { return s == c.max }),
//		}
//	}
package model
