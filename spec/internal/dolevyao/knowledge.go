package dolevyao

import (
	"math/bits"
	"strings"
)

// A Term is one term of a protocol's finite universe of terms, numbered by
// the spec: 0..MaxTerms-1.
type Term uint8

// MaxTerms is the size of the largest universe of terms a Knowledge holds.
const MaxTerms = 64

// A Knowledge is a set of terms, a bit set: bit t is set when term t is
// known. A bit set is canonical by construction: equal sets are equal
// values with equal keys.
type Knowledge uint64

// Of returns the set of the given terms.
func Of(ts ...Term) Knowledge { return Knowledge(0).Add(ts...) }

// Has reports whether t is in k.
func (k Knowledge) Has(t Term) bool { return t < MaxTerms && k>>t&1 == 1 }

// Add returns k with the given terms added. It panics on a term outside
// the universe (a spec's numbering error).
func (k Knowledge) Add(ts ...Term) Knowledge {
	for _, t := range ts {
		if t >= MaxTerms {
			panic("dolevyao: term out of range")
		}
		k |= 1 << t
	}
	return k
}

// Len returns the number of terms in k.
func (k Knowledge) Len() int { return bits.OnesCount64(uint64(k)) }

// Terms returns the terms of k in increasing order.
func (k Knowledge) Terms() []Term {
	out := make([]Term, 0, k.Len())
	for v := uint64(k); v != 0; v &= v - 1 {
		out = append(out, Term(bits.TrailingZeros64(v)))
	}
	return out
}

// Format prints k as a set, "{g, g^c}", naming each term with name in
// increasing term order and leaving out the terms name maps to "" (a spec
// hides the terms it considers implied by others).
func (k Knowledge) Format(name func(Term) string) string {
	var b strings.Builder
	b.WriteByte('{')
	for _, t := range k.Terms() {
		n := name(t)
		if n == "" {
			continue
		}
		if b.Len() > 1 {
			b.WriteString(", ")
		}
		b.WriteString(n)
	}
	b.WriteByte('}')
	return b.String()
}

// Close returns the least superset of k closed under rule: rule is applied
// until it adds nothing. rule must be monotone (a superset of its input's
// consequences for a superset), which every derivation rule is; the loop
// ends because the universe is finite.
func Close(k Knowledge, rule func(Knowledge) Knowledge) Knowledge {
	for {
		next := k | rule(k)
		if next == k {
			return k
		}
		k = next
	}
}
