package maekawa

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// perEntry is the spread of messages per critical-section entry over the
// final states of complete fault-free runs (the mean is over distinct
// final states, as the catalogue's tables take it).
type perEntry struct {
	min, mean, max float64
	finals         int
}

// add counts one final state's messages per entry.
func (st *perEntry) add(s State) {
	r := float64(Messages(s)) / float64(Entries(s))
	if st.finals == 0 || r < st.min {
		st.min = r
	}
	st.max = max(st.max, r)
	st.mean += r // the sum until done
	st.finals++
}

func (st *perEntry) done() { st.mean /= float64(st.finals) }

// measure measures the final states explore.Visit finds.
func measure(t *testing.T, m *Model) perEntry {
	t.Helper()
	var st perEntry
	exploretest.VisitFinals(t, m, st.add)
	require.NotZero(t, st.finals)
	st.done()
	return st
}

// measureRef measures the final states of a naive depth-first walk that
// keeps only the keys of visited states (so it reaches N = 4), independent
// of package explore.
func measureRef(t *testing.T, m *Model) perEntry {
	t.Helper()
	seen := map[string]bool{}
	var stack []State
	push := func(s State) {
		if k := string(m.AppendKey(nil, s)); !seen[k] {
			seen[k] = true
			stack = append(stack, s)
		}
	}
	m.Init(push)
	var st perEntry
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		steps := 0
		m.Next(s, func(_ Action, x State) { steps++; push(x) })
		if steps == 0 {
			require.True(t, m.Final(s), "deadlock:\n%v", s)
			st.add(s)
		}
	}
	require.NotZero(t, st.finals)
	st.done()
	return st
}

// TestMessagesPerEntry records the messages per critical-section entry
// against the text's figure, 3 sqrt(N) to 5 sqrt(N). With request sets of
// K processes (itself included), an entry without contention costs
// 3(K-1): a Request, a Locked and a Release for each other member. With
// contention, Failed, Inquire, Relinquish and a second Locked add to it;
// the maxima pinned here are what the runs found. The grid's K is
// 2 sqrt(N)-1, so for N=4 the uncontended cost is exactly 3 sqrt(N); the
// planes' K is about sqrt(N), so their cost is below 3 sqrt(N).
func TestMessagesPerEntry(t *testing.T) {
	for _, tc := range []struct {
		n, reqs, k int
		net        actor.Network
		max        float64
		finals     int
		long       bool
	}{
		{2, 1, 2, actor.Unordered, 3.5, 5, false},
		{2, 2, 2, actor.Unordered, 3.75, 44, false},
		{3, 1, 2, actor.Unordered, 11.0 / 3, 15, false},
		{3, 1, 2, actor.FIFO, 11.0 / 3, 15, false},
		{3, 2, 2, actor.FIFO, 22.0 / 6, 240, false},
		{4, 1, 3, actor.FIFO, 9, 988, true},
	} {
		t.Run(fmt.Sprintf("n=%d,requests=%d,%v", tc.n, tc.reqs, tc.net), func(t *testing.T) {
			if tc.long && testing.Short() {
				t.Skip("511,978 states")
			}
			m := mustNew(t, Config{N: tc.n, Requests: tc.reqs, Network: tc.net})
			st := measure(t, m)
			root := math.Sqrt(float64(tc.n))
			t.Logf("messages per entry: min %.2f mean %.2f max %.2f over %d final states; 3(K-1) = %d, 3 sqrt(N) = %.2f, 5 sqrt(N) = %.2f",
				st.min, st.mean, st.max, st.finals, 3*(tc.k-1), 3*root, 5*root)
			assert.Equal(t, float64(3*(tc.k-1)), st.min, "an uncontended entry costs 3(K-1)")
			assert.Equal(t, tc.max, st.max)
			assert.Equal(t, tc.finals, st.finals)
			ref := measureRef(t, m)
			assert.Equal(t, st.finals, ref.finals, "the naive walk finds the same final states")
			assert.Equal(t, [2]float64{st.min, st.max}, [2]float64{ref.min, ref.max})
			assert.InDelta(t, ref.mean, st.mean, 1e-9)
		})
	}
}
