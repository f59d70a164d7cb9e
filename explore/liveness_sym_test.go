package explore

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// procs is a symmetric model: three processes, each 0, 1 or 2; a process
// increments (0->1->2) or resets from 1 to 0, and rotate shifts the
// processes' values round. Canonical sorts the values.
type procs struct{ props []model.Property[[3]int8] }

func (procs) Init(yield func([3]int8)) { yield([3]int8{}) }

func (procs) Next(s [3]int8, yield func(string, [3]int8)) {
	for i := range s {
		if s[i] < 2 {
			t := s
			t[i]++
			yield(fmt.Sprintf("inc %d", i), t)
		}
		if s[i] == 1 {
			t := s
			t[i] = 0
			yield(fmt.Sprintf("reset %d", i), t)
		}
	}
	yield("rotate", [3]int8{s[1], s[2], s[0]})
}

func (procs) AppendKey(dst []byte, s [3]int8) []byte {
	return append(dst, byte(s[0]), byte(s[1]), byte(s[2]))
}

func (p procs) Properties() []model.Property[[3]int8] { return p.props }

func (procs) Canonical(s [3]int8) [3]int8 {
	t := s
	for i := range t { // insertion sort
		for j := i; j > 0 && t[j] < t[j-1]; j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
	return t
}

// fairProcs is procs with one weak-fairness class per action.
type fairProcs struct{ procs }

func (fairProcs) FairClass(a string) (string, bool) { return a, true }

func TestLivenessSymmetry(t *testing.T) {
	some := func(v int8) func([3]int8) bool {
		return func(s [3]int8) bool { return s[0] == v || s[1] == v || s[2] == v }
	}
	m := procs{props: []model.Property[[3]int8]{
		model.Eventually("someone at 2", some(2)),
		model.Eventually("someone at 1", some(1)),
		model.LeadsTo("1 leads to 2", some(1), some(2)),
	}}
	full, err := Liveness(m, Options{})
	require.NoError(t, err)
	reduced, err := Liveness(m, Options{Symmetry: true})
	require.NoError(t, err)
	assert.EqualValues(t, 27, full.Distinct)
	assert.EqualValues(t, 10, reduced.Distinct, "multisets of 3 values from {0,1,2}")
	for i, p := range full.Properties {
		q := reduced.Properties[i]
		assert.Equal(t, p.Status, q.Status, "%s: same verdict with and without symmetry", p.Name)
		if q.Status == Violated {
			requireLasso(t, model.Model[[3]int8, string](m), q.Trace)
		}
	}
	st := map[string]Status{}
	for _, p := range full.Properties {
		st[p.Name] = p.Status
	}
	assert.Equal(t, map[string]Status{"someone at 2": Violated, "someone at 1": Violated, "1 leads to 2": Violated}, st,
		"rotate forever from 000 never leaves 000; inc/reset loops never reach 2")

	// With fairness, symmetry is turned off for liveness (and says so).
	fr, err := Liveness(fairProcs{m}, Options{Symmetry: true})
	require.NoError(t, err)
	assert.EqualValues(t, 27, fr.Distinct)
	assert.Contains(t, fr.Properties[0].Message, "symmetry reduction off")
	pr, _ := fr.Property("someone at 1")
	assert.Equal(t, Holds, pr.Status, "inc 0 is enabled in 000 and must be taken")
}

func TestLivenessSymmetryLoopClosesConcretely(t *testing.T) {
	// Only rotate from 001: one canonical state with a self-loop, but the
	// concrete loop needs three rotations to close.
	m := model.Func[[3]int8, string]{
		InitFn: func(y func([3]int8)) { y([3]int8{0, 0, 1}) },
		NextFn: func(s [3]int8, y func(string, [3]int8)) { y("rotate", [3]int8{s[1], s[2], s[0]}) },
		KeyFn:  procs{}.AppendKey,
		Props:  []model.Property[[3]int8]{model.Eventually("never", func([3]int8) bool { return false })},
	}
	sm := symFunc{m}
	res, err := Liveness(sm, Options{Symmetry: true})
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Distinct)
	pr, _ := res.Property("never")
	require.Equal(t, Violated, pr.Status)
	requireLasso(t, model.Model[[3]int8, string](sm), pr.Trace)
	assert.Equal(t, []int{0, 0, 0, 0}, pr.Trace.Path, "three rotations close the loop")
}

// symFunc adds procs' Canonical to a model.Func.
type symFunc struct{ model.Func[[3]int8, string] }

func (symFunc) Canonical(s [3]int8) [3]int8 { return procs{}.Canonical(s) }
