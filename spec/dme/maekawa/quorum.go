package maekawa

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// A Set is a set of process ids, a bit set.
type Set uint16

// Has reports whether id is in the set.
func (s Set) Has(id actor.ID) bool { return s>>id&1 == 1 }

// Len returns the number of ids in the set.
func (s Set) Len() int { return bits.OnesCount16(uint16(s)) }

// String formats the set as "{p0,p1,p3}".
func (s Set) String() string { return actor.IDSet(uint64(s)) }

// The quorum systems, the values of the "quorums" parameter.
const (
	// QuorumsMaekawa are Maekawa's request sets: a finite projective plane
	// for N = 3 (order 1, a triangle) and N = 7 (order 2, the Fano plane),
	// a sqrt(N) by sqrt(N) grid for N = 4 and 9 (row and column), and for
	// other N, which have neither, the majority windows of QuorumsMajority.
	QuorumsMaekawa = "maekawa"
	// QuorumsMajority are majority windows: S_i = {i, i+1, ..., i+N/2}
	// modulo N, floor(N/2)+1 processes, so any two intersect.
	QuorumsMajority = "majority"
)

// Quorums returns the request set S_i of every process i of n, for the
// named quorum system (QuorumsMaekawa or QuorumsMajority), and a short
// description of the construction used. Every S_i contains i and any two
// intersect (TestQuorumsIntersect).
func Quorums(n int, system string) ([]Set, string, error) {
	if n < 1 || n > MaxN {
		return nil, "", fmt.Errorf("%w: %d processes (want 1..%d)", ErrConfig, n, MaxN)
	}
	switch system {
	case QuorumsMajority:
		return windows(n), "majority windows", nil
	case QuorumsMaekawa:
	default:
		return nil, "", fmt.Errorf("%w: unknown quorum system %q (want %s or %s)", ErrConfig, system, QuorumsMaekawa, QuorumsMajority)
	}
	switch n {
	case 3:
		return plane(n, 0, 1), "projective plane of order 1", nil
	case 7:
		return plane(n, 0, 1, 3), "projective plane of order 2 (Fano)", nil
	case 4, 9:
		return grid(n), "grid", nil
	}
	return windows(n), "majority windows", nil
}

// plane returns the lines of a cyclic projective plane of n points given
// by a perfect difference set d modulo n (every nonzero residue is a
// difference of two of its elements exactly once): S_i = i + d. With 0 in
// d, S_i contains i.
func plane(n int, d ...int) []Set {
	out := make([]Set, n)
	for i := range out {
		for _, x := range d {
			out[i] |= 1 << ((i + x) % n)
		}
	}
	return out
}

// grid returns Maekawa's grid quorums for a perfect square n: the
// processes fill a k by k grid row by row, and S_i is i's row and column
// (2k-1 processes).
func grid(n int) []Set {
	k := 1
	for k*k < n {
		k++
	}
	out := make([]Set, n)
	for i := range out {
		r, c := i/k, i%k
		for j := range k {
			out[i] |= 1<<(r*k+j) | 1<<(j*k+c)
		}
	}
	return out
}

// windows returns the majority windows S_i = {i, ..., i+n/2} modulo n.
func windows(n int) []Set {
	out := make([]Set, n)
	for i := range out {
		for j := range n/2 + 1 {
			out[i] |= 1 << ((i + j) % n)
		}
	}
	return out
}

// describe formats request sets as "S0={p0,p1} S1={p1,p2} ...".
func describe(qs []Set) string {
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = fmt.Sprintf("S%d=%v", i, q)
	}
	return strings.Join(parts, " ")
}
