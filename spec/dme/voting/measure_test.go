package voting

import (
	"fmt"
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
	min, max float64
	mean     float64
	finals   int
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

// measureRef measures the final states the naive enumerator finds.
func measureRef(t *testing.T, m *Model) perEntry {
	t.Helper()
	var st perEntry
	for _, s := range exploretest.EnumerateSpace(m).Finals {
		st.add(s)
	}
	require.NotZero(t, st.finals)
	st.done()
	return st
}

// TestMessagesPerEntry records the messages per critical-section entry.
//
// Without rescension every entry costs exactly 3(N-1) messages, in every
// complete run: a Request to each other process, whose vote comes once
// (at once or when it is free again) and goes back once (a Release, at
// the exit or at once when the vote comes too late). Rescension adds, for
// each vote asked back, an Inquire, and when the candidate is still
// waiting a Relinquish and a second Vote: at least 3(N-1), and the
// maximum pinned here is what the runs found. The catalogue's figure for
// voting is "about N": the measured cost is about three times that.
func TestMessagesPerEntry(t *testing.T) {
	for _, tc := range []struct {
		variant string
		n, reqs int
		max     float64
		finals  int
		net     actor.Network
	}{
		{VariantSimple, 2, 1, 3, 1, actor.Unordered},
		{VariantSimple, 3, 1, 6, 1, actor.Unordered},
		{VariantSimple, 3, 1, 6, 1, actor.FIFO},
		{VariantRescension, 2, 1, 3, 3, actor.Unordered},
		{VariantRescension, 2, 2, 3, 8, actor.Unordered},
		{VariantRescension, 3, 1, 8, 131, actor.FIFO},
		{VariantRescension, 3, 1, 9, 159, actor.Unordered},
	} {
		t.Run(fmt.Sprintf("%s,n=%d,requests=%d,%v", tc.variant, tc.n, tc.reqs, tc.net), func(t *testing.T) {
			m := mustNew(t, Config{N: tc.n, Requests: tc.reqs, Variant: tc.variant, Network: tc.net})
			st := measure(t, m)
			t.Logf("messages per entry: min %.2f mean %.2f max %.2f over %d final states (3(N-1) = %d)",
				st.min, st.mean, st.max, st.finals, 3*(tc.n-1))
			assert.Equal(t, float64(3*(tc.n-1)), st.min, "an uncontended entry costs 3(N-1)")
			assert.Equal(t, tc.max, st.max)
			assert.Equal(t, tc.finals, st.finals)
			ref := measureRef(t, m)
			assert.Equal(t, st.finals, ref.finals, "the naive enumerator finds the same final states")
			assert.Equal(t, [2]float64{st.min, st.max}, [2]float64{ref.min, ref.max})
			assert.InDelta(t, ref.mean, st.mean, 1e-9)
		})
	}
}
