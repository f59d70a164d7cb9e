package securerpc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

func TestElemNames(t *testing.T) {
	assert.Equal(t, "g", gen.String())
	assert.Equal(t, "g^c", pubC.String())
	assert.Equal(t, "g^cs", keyCS.String())
	assert.Equal(t, "g^cce", elem(2, 0, 1).String())
	x, ok := pubE.Times(atomE)
	assert.False(t, ok, "the attacker's exponent is used once")
	assert.Equal(t, pubE, x)
	y, ok := pubC.Times(atomS)
	assert.True(t, ok)
	assert.Equal(t, keyCS, y)
}

// TestTermsAreDistinct: the 18 elements and the 36 sealed payloads are 54
// different terms of the attacker's universe, with different names.
func TestTermsAreDistinct(t *testing.T) {
	names := map[string]dolevyao.Term{}
	seen := dolevyao.Knowledge(0)
	add := func(term dolevyao.Term, name string) {
		require.False(t, seen.Has(term), "term %d twice", term)
		_, dup := names[name]
		require.False(t, dup, "name %s twice", name)
		seen, names[name] = seen.Add(term), term
	}
	for x := range Elem(numElems) {
		add(x.Term(), x.String())
		for _, p := range []Payload{PayloadCall, PayloadOK} {
			add(x.Sealed(p), "{"+p.String()+"}"+x.String())
			gotP, gotX := sealedTerm(x.Sealed(p))
			require.Equal(t, p, gotP)
			require.Equal(t, x, gotX)
		}
	}
	assert.Equal(t, numTerms, seen.Len())
}

// TestArithmetic is the text's identity step by step: raising the number
// of an element to a secret gives the number of the raised element, for
// every modulus, secrets and element (rapid draws them).
func TestArithmetic(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		m := rapid.SampledFrom([]int{5, 7, 11, 13}).Draw(rt, "M")
		var secrets [3]int
		for i := range secrets {
			secrets[i] = rapid.IntRange(1, m-2).Draw(rt, "secret")
		}
		g := Group{M: m, Alpha: generators[m], Secrets: secrets}
		x := Elem(rapid.IntRange(0, numElems-1).Draw(rt, "x"))
		atom := rapid.IntRange(0, 2).Draw(rt, "atom")
		y, ok := x.Times(atom)
		if !ok {
			return
		}
		require.Equal(rt, g.Value(y), g.Pow(g.Value(x), secrets[atom]), "(%v)^%d = %v", x, secrets[atom], y)
	})
	// α generates the group: its powers 1..M-1 are all different.
	for m, alpha := range generators {
		g := Group{M: m, Alpha: alpha}
		seen := map[int]bool{}
		for e := 1; e < m; e++ {
			seen[g.Pow(alpha, e)] = true
		}
		assert.Len(t, seen, m-1, "α=%d generates mod %d", alpha, m)
	}
}

func TestAttackerPrints(t *testing.T) {
	k := dolevyao.Close(dolevyao.Of(gen.Term(), pubE.Term(), keyCS.Sealed(PayloadCall)), derive1)
	p := Proc{Attacker: true, Atk: dolevyao.State{Know: k, Used: 1}}
	assert.Equal(t, "knows {g, g^e, {call}g^cs} injected=1", p.String(),
		"elements, then sealed payloads it cannot open; what its keys seal is implied")
	assert.Equal(t, "DONE peer=g^s key=g^cs=7", Proc{Phase: PhaseDone, Peer: pubS, Key: keyCS, KeyValue: 7}.String())
	assert.Equal(t, "WAIT", Proc{}.String())
}
