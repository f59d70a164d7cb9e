package maekawa

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model/actor"
)

// TestQuorumsIntersect: for every accepted N and quorum system, S_i holds
// i and every two request sets intersect (which is what makes the
// algorithm safe).
func TestQuorumsIntersect(t *testing.T) {
	for _, system := range []string{QuorumsMaekawa, QuorumsMajority} {
		for n := 1; n <= MaxN; n++ {
			t.Run(fmt.Sprintf("%s,n=%d", system, n), func(t *testing.T) {
				sets, _, err := Quorums(n, system)
				require.NoError(t, err)
				require.Len(t, sets, n)
				all := Set(1)<<n - 1
				for i, s := range sets {
					assert.True(t, s.Has(actor.ID(i)), "S%d=%v holds p%d", i, s, i)
					assert.Zero(t, s&^all, "S%d=%v holds only processes", i, s)
					for j, o := range sets {
						assert.NotZero(t, s&o, "S%d=%v and S%d=%v intersect", i, s, j, o)
					}
				}
			})
		}
	}
}

// TestMaekawaQuorums pins the constructions: sizes K = 2 (N=3), 3 (N=4,
// N=7), 5 (N=9); in the projective planes two lines meet in exactly one
// process and two processes lie on exactly one line.
func TestMaekawaQuorums(t *testing.T) {
	for _, tc := range []struct {
		n, k  int
		how   string
		plane bool
	}{
		{3, 2, "projective plane of order 1", true},
		{4, 3, "grid", false},
		{7, 3, "projective plane of order 2 (Fano)", true},
		{9, 5, "grid", false},
		{5, 3, "majority windows", false},
		{8, 5, "majority windows", false},
	} {
		sets, how, err := Quorums(tc.n, QuorumsMaekawa)
		require.NoError(t, err)
		assert.Equal(t, tc.how, how, "n=%d", tc.n)
		for i, s := range sets {
			assert.Equal(t, tc.k, s.Len(), "n=%d S%d=%v", tc.n, i, s)
		}
		if !tc.plane {
			continue
		}
		for i := range sets {
			for j := range sets {
				if i != j {
					assert.Equal(t, 1, (sets[i] & sets[j]).Len(), "n=%d: S%d and S%d meet once", tc.n, i, j)
					on := 0
					for _, s := range sets {
						if s.Has(actor.ID(i)) && s.Has(actor.ID(j)) {
							on++
						}
					}
					assert.Equal(t, 1, on, "n=%d: p%d and p%d lie on one line", tc.n, i, j)
				}
			}
		}
	}
	sets, _, err := Quorums(4, QuorumsMaekawa)
	require.NoError(t, err)
	assert.Equal(t, "S0={p0,p1,p2} S1={p0,p1,p3} S2={p0,p2,p3} S3={p1,p2,p3}", describe(sets))
	sets, _, err = Quorums(9, QuorumsMaekawa)
	require.NoError(t, err)
	assert.Equal(t, "{p1,p3,p4,p5,p7}", sets[4].String(), "the centre's row and column")
}

func TestQuorumsRejectBadInput(t *testing.T) {
	for _, tc := range []struct {
		n      int
		system string
	}{{0, QuorumsMaekawa}, {MaxN + 1, QuorumsMajority}, {4, "nope"}} {
		_, _, err := Quorums(tc.n, tc.system)
		assert.ErrorIs(t, err, ErrConfig, "%+v", tc)
	}
}
