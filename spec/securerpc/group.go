package securerpc

import (
	"strings"

	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// An Elem is a group element g^x named symbolically by its exponent x, a
// product of the secrets: the client's C_s (0..2 times), the server's S_s
// (0..2 times) and the attacker's E_s (0..1 times). Its number is
// Elem.Value. Every element that can arise in a run is one of these 18:
// the client and the server send only g^C_s and g^S_s in the clear and
// raise what they receive once with their own secret; the attacker raises
// with E_s (a second E_s would only stand for another exponent of its own,
// which E_s already models). Elements are terms 0..17 of the attacker's
// universe; a payload sealed (encrypted) under an element follows them
// (see Sealed).
type Elem uint8

// The atoms of an exponent, for Elem.Times.
const (
	atomC = iota // the client's secret C_s
	atomS        // the server's secret S_s
	atomE        // the attacker's secret E_s
)

// maxCount bounds each atom's count in an exponent: c and s twice (an end
// may raise its own public value, reflected by the attacker), e once.
var maxCount = [3]int{2, 2, 1}

// numElems is the number of elements; ciphertexts follow them as terms.
const numElems = 18

// elem returns the element with exponent C_s^c S_s^s E_s^e.
func elem(c, s, e int) Elem { return Elem(c + 3*s + 9*e) }

// counts returns the atom counts of x's exponent.
func (x Elem) counts() [3]int { return [3]int{int(x) % 3, int(x) / 3 % 3, int(x) / 9} }

// The elements with names in the text.
var (
	gen   = elem(0, 0, 0) // the generator α
	pubC  = elem(1, 0, 0) // C_p = α^C_s
	pubS  = elem(0, 1, 0) // S_p = α^S_s
	pubE  = elem(0, 0, 1) // the attacker's public value α^E_s
	keyCS = elem(1, 1, 0) // SK_cs = SK_sc = α^(C_s*S_s)
)

// Times returns x raised to the secret atom, and false when the count
// would leave the universe.
func (x Elem) Times(atom int) (Elem, bool) {
	n := x.counts()
	if n[atom] == maxCount[atom] {
		return x, false
	}
	n[atom]++
	return elem(n[0], n[1], n[2]), true
}

// Term returns x as a term of the attacker's universe.
func (x Elem) Term() dolevyao.Term { return dolevyao.Term(x) }

// A Payload is what a session encrypts under its key.
type Payload uint8

// The payloads.
const (
	PayloadCall Payload = iota // the client's first call
	PayloadOK                  // the server's verifier
)

// String returns the payload's name.
func (p Payload) String() string {
	if p == PayloadCall {
		return "call"
	}
	return "ok"
}

// Sealed returns the term of payload p encrypted under key x: terms
// 18..35 are the calls, 36..53 the verifiers.
func (x Elem) Sealed(p Payload) dolevyao.Term {
	return dolevyao.Term(numElems*(1+int(p)) + int(x))
}

// numTerms is the size of the attacker's universe of terms.
const numTerms = 3 * numElems

// sealedTerm splits a term above the elements into payload and key.
func sealedTerm(t dolevyao.Term) (Payload, Elem) {
	return Payload(int(t)/numElems - 1), Elem(int(t) % numElems)
}

// String names x by its exponent: "g", "g^cs", "g^cce".
func (x Elem) String() string {
	if x >= numElems {
		return "g^?"
	}
	n := x.counts()
	var b strings.Builder
	for atom, letter := range "cse" {
		b.WriteString(strings.Repeat(string(letter), n[atom]))
	}
	if b.Len() == 0 {
		return "g"
	}
	return "g^" + b.String()
}

// A Group is the text's constants, α and M, with the three secrets of a
// run: all the arithmetic of the model.
type Group struct {
	M       int    // the prime modulus
	Alpha   int    // α, a generator of the multiplicative group mod M
	Secrets [3]int // C_s, S_s, E_s, each in 1..M-2
}

// generators maps each prime modulus the spec accepts to a generator.
var generators = map[int]int{5: 2, 7: 3, 11: 2, 13: 2}

// Pow returns b^e mod M.
func (g Group) Pow(b, e int) int {
	r := 1
	b %= g.M
	for ; e > 0; e >>= 1 {
		if e&1 == 1 {
			r = r * b % g.M
		}
		b = b * b % g.M
	}
	return r
}

// Value returns the number of element x: α^(C_s^c S_s^s E_s^e) mod M,
// computed independently of the ends' step-by-step exponentiation (the
// exponent is reduced mod M-1, by Fermat).
func (g Group) Value(x Elem) int {
	exp := 1
	for atom, n := range x.counts() {
		for range n {
			exp = exp * g.Secrets[atom] % (g.M - 1)
		}
	}
	return g.Pow(g.Alpha, exp)
}
