package raymond

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// TestHolds checks every property, liveness and deadlock freedom
// included, on a line, a star and a binary tree, and pins the distinct
// counts: BFS, DFS and the naive enumerator agree. (For N = 3 the binary
// tree is the star.)
func TestHolds(t *testing.T) {
	for _, tc := range []struct {
		shape   string
		n, reqs int
		want    int64
	}{
		{ShapeLine, 3, 1, 163}, {ShapeLine, 4, 1, 1240},
		{ShapeStar, 3, 1, 150}, {ShapeStar, 4, 1, 1049},
		{ShapeBinary, 3, 1, 150}, {ShapeBinary, 4, 1, 1155}, {ShapeBinary, 3, 2, 1336},
	} {
		t.Run(fmt.Sprintf("%s,n=%d,requests=%d", tc.shape, tc.n, tc.reqs), func(t *testing.T) {
			m := mustNew(t, Config{N: tc.n, Requests: tc.reqs, Shape: tc.shape})
			exploretest.Contract(t, m)
			exploretest.CrossCheck(t, m, tc.want)
		})
	}
}

// TestPaperInvariants checks, in every reachable state of fault-free runs,
// what Raymond's correctness argument rests on: there is exactly one
// token (a node whose HOLDER is itself, or a PRIVILEGE in flight); HOLDER
// is the node itself or a tree neighbour; a node USING holds the token;
// and a queue holds each node at most once, only the node itself and its
// neighbours.
func TestPaperInvariants(t *testing.T) {
	for _, shape := range Shapes {
		cfg := Config{N: 4, Requests: 2, Shape: shape}
		for _, r := range exploretest.Enumerate(mustNew(t, cfg)) {
			s := r.State
			tokens := 0
			for _, e := range s.Net {
				if e.Msg.Kind == Privilege {
					tokens++
				}
			}
			for i, p := range s.Procs {
				id := actor.ID(i)
				l := p.Local
				if l.Holder == id {
					tokens++
				}
				require.True(t, l.Holder == id || neighbours(shape, i, int(l.Holder)), "HOLDER of %v is %v\n%v", id, l.Holder, s)
				require.True(t, !l.Using || l.Holder == id, "%v uses without the token\n%v", id, s)
				seen := map[actor.ID]bool{}
				for _, q := range l.Q[:l.QLen] {
					require.False(t, seen[q], "%v queued twice at %v\n%v", q, id, s)
					seen[q] = true
					require.True(t, q == id || neighbours(shape, i, int(q)), "%v queues %v\n%v", id, q, s)
				}
			}
			require.Equal(t, 1, tokens, "tokens in\n%v", s)
		}
	}
}

// neighbours reports whether nodes a and b are joined by a tree edge.
func neighbours(shape string, a, b int) bool {
	return (a > 0 && Parent(shape, a) == b) || (b > 0 && Parent(shape, b) == a)
}

// height returns the largest distance from the root p0 in the tree.
func height(shape string, n int) int {
	h := 0
	for i := 1; i < n; i++ {
		d := 0
		for j := i; j > 0; j = Parent(shape, j) {
			d++
		}
		h = max(h, d)
	}
	return h
}

// TestMessagesPerEntry reports and pins the messages per critical-section
// entry over the final states of complete fault-free runs with one request
// each, and checks a hand count: every PRIVILEGE answers exactly one
// REQUEST on the same edge, so a run costs twice its token moves (an even
// number); the token, starting at the root, must visit every node, which
// takes at least 2(N-1) - h moves for a tree of height h, and some run
// (the nodes asking in depth-first order, the deepest branch last) takes
// exactly that. On the balanced binary tree the cost per entry grows like
// log N: the table of mins, means and maxes pinned below is the measure.
func TestMessagesPerEntry(t *testing.T) {
	type stat struct {
		shape          string
		n              int
		lo, hi, finals int
		mean           float64
	}
	cases := []stat{
		{ShapeLine, 4, 6, 18, 13, 158.0 / 13},
		{ShapeStar, 4, 10, 12, 4, 10.5},
		{ShapeBinary, 2, 2, 4, 2, 3},
		{ShapeBinary, 3, 6, 8, 3, 20.0 / 3},
		{ShapeBinary, 4, 8, 16, 8, 12},
		{ShapeBinary, 5, 12, 22, 13, 218.0 / 13},
	}
	if !testing.Short() {
		cases = append(cases, stat{ShapeBinary, 6, 16, 32, 33, 762.0 / 33})
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s,n=%d", tc.shape, tc.n), func(t *testing.T) {
			fs := exploretest.Finals(t, mustNew(t, Config{N: tc.n, Requests: 1, Shape: tc.shape}))
			got := stat{shape: tc.shape, n: tc.n, lo: 1 << 30, finals: len(fs)}
			sum := 0
			for _, s := range fs {
				require.Equal(t, tc.n, Entries(s))
				msgs := Messages(s)
				require.Zero(t, msgs%2, "a PRIVILEGE for every REQUEST:\n%v", s)
				got.lo, got.hi, sum = min(got.lo, msgs), max(got.hi, msgs), sum+msgs
			}
			got.mean = float64(sum) / float64(len(fs))
			assert.Equal(t, 2*(2*(tc.n-1)-height(tc.shape, tc.n)), got.lo, "fewest messages in a run")
			n := float64(tc.n)
			t.Logf("%s n=%d: %d final states, messages per entry min %.3f mean %.3f max %.3f",
				tc.shape, tc.n, len(fs), float64(got.lo)/n, got.mean/n, float64(got.hi)/n)
			assert.Equal(t, tc, got)
		})
	}
}

// TestFaultsFail: the paper assumes reliable delivery. Losing a message
// (the token, or a request) leaves some node waiting forever; a duplicated
// PRIVILEGE is a second token.
func TestFaultsFail(t *testing.T) {
	m := mustNew(t, Config{N: 3, Requests: 1, Faults: actor.Faults{Drop: 1}})
	exploretest.Violates(t, m, invariants.PropGranted, explore.Options{Workers: 2})
	m = mustNew(t, Config{N: 3, Requests: 1, Faults: actor.Faults{Dup: 1}})
	exploretest.Violates(t, m, invariants.PropMutex, explore.Options{Workers: 2})
	exploretest.VariantAtDefaults(t, Spec, VariantCorrect)
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{{N: 1, Requests: 1}, {N: 3, Requests: 0}, {N: MaxN + 1, Requests: 1}, {N: 3, Requests: 1, Shape: "ring"}} {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
}
