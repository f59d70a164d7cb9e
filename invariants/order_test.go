package invariants

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// seqs is a toy state for the Deliveries helpers: each process's delivery
// sequence of message names.
type seqs [][]string

func toyDeliveries() Deliveries[seqs, string] {
	return Deliveries[seqs, string]{N: 3, Seq: func(s seqs, i int) []string { return s[i] }}
}

func TestNoDuplicates(t *testing.T) {
	assert.True(t, NoDuplicates([]string{}))
	assert.True(t, NoDuplicates([]string{"a", "b"}))
	assert.False(t, NoDuplicates([]string{"a", "b", "a"}))
	d := toyDeliveries()
	assert.True(t, d.NoDuplicates(seqs{{"a"}, {"a", "b"}, {}}))
	assert.False(t, d.NoDuplicates(seqs{{"a"}, {"b", "b"}, {}}))
	assert.Equal(t, model.ExpectAlways, NoDuplicateDelivery("x", d).Expect)
}

// TestCausalDelivery: a -> b (b was sent by a process that had delivered
// a). A process that delivers b first, or b without a, breaks causal
// delivery; concurrent messages may come in any order.
func TestCausalDelivery(t *testing.T) {
	hb := func(_ seqs, a, b string) bool { return a == "a" && b == "b" }
	p := CausalDelivery("causal", toyDeliveries(), hb)
	for _, tc := range []struct {
		s    seqs
		want bool
	}{
		{seqs{{"a"}, {"a", "b"}, {"a", "c", "b"}}, true},
		{seqs{{"a"}, {"a", "b"}, {"c", "a"}}, true},
		{seqs{{"a"}, {"a", "b"}, {"b", "a"}}, false},
		{seqs{{"a"}, {"a", "b"}, {"b"}}, false},
	} {
		assert.Equal(t, tc.want, p.Holds(tc.s), "%v", tc.s)
	}
	// A message not addressed to process 2 need not come first there.
	d := toyDeliveries()
	d.Dest = func(m string, i int) bool { return m != "a" || i != 2 }
	assert.True(t, CausalDelivery("causal", d, hb).Holds(seqs{{"a"}, {"a", "b"}, {"b"}}))
	// An explicit Sent list: b's cause was sent but nobody delivered it.
	d = toyDeliveries()
	d.Sent = func(seqs) []string { return []string{"a", "b"} }
	assert.False(t, d.Respects(seqs{{}, {"b"}, {}}, hb))
}

func TestFIFODelivery(t *testing.T) {
	// Messages "p<sender>.<seq>": earlier means same sender, lower seq.
	earlier := func(a, b string) bool { return a[:2] == b[:2] && a[3] < b[3] }
	p := FIFODelivery("fifo", toyDeliveries(), earlier)
	assert.True(t, p.Holds(seqs{{"p0.1", "p0.2"}, {"p1.1", "p0.1", "p0.2"}, {}}))
	assert.False(t, p.Holds(seqs{{"p0.1", "p0.2"}, {"p0.2", "p0.1"}, {}}))
}

func TestTotalAndConsistentOrder(t *testing.T) {
	d := toyDeliveries()
	total, consistent := TotalOrder("total", d), ConsistentOrder("consistent", d)
	ahead := seqs{{"a", "b", "c"}, {"a", "b"}, {}}
	assert.True(t, total.Holds(ahead))
	assert.True(t, consistent.Holds(ahead))
	gap := seqs{{"a", "b", "c"}, {"a", "c"}, {}}
	assert.False(t, total.Holds(gap), "b missing at p1 before c")
	assert.True(t, consistent.Holds(gap), "common messages in one order")
	swapped := seqs{{"a", "b"}, {"b", "a"}, {}}
	assert.False(t, total.Holds(swapped))
	assert.False(t, consistent.Holds(swapped))
}

func TestEventuallyDelivered(t *testing.T) {
	d := toyDeliveries()
	p := EventuallyDelivered("all", d, []string{"a", "b"})
	assert.Equal(t, model.ExpectEventually, p.Expect)
	assert.False(t, p.Holds(seqs{{"a", "b"}, {"b", "a"}, {"a"}}))
	assert.True(t, p.Holds(seqs{{"a", "b"}, {"b", "a"}, {"a", "b"}}))
	d.Dest = func(m string, i int) bool { return m != "b" || i != 2 }
	assert.True(t, d.AllDelivered(seqs{{"a", "b"}, {"b", "a"}, {"a"}}, []string{"a", "b"}))
}

// perm draws a sequence of distinct messages 0..9.
func perm(t *rapid.T, label string) []int {
	return rapid.SliceOfNDistinct(rapid.IntRange(0, 9), 0, 6, rapid.ID[int]).Draw(t, label)
}

// TestSameRelativeOrderAgainstPairs checks SameRelativeOrder against its
// definition: every two common messages are in the same order in both;
// and a prefix is always in the same relative order.
func TestSameRelativeOrderAgainstPairs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := perm(t, "a"), perm(t, "b")
		want := true
		for i, x := range a {
			for _, y := range a[i+1:] {
				kx, ky := slices.Index(b, x), slices.Index(b, y)
				if kx >= 0 && ky >= 0 && kx > ky {
					want = false
				}
			}
		}
		require.Equal(t, want, SameRelativeOrder(a, b), "%v %v", a, b)
		require.Equal(t, want, SameRelativeOrder(b, a), "symmetric")
		if PrefixOrdered(a, b) {
			require.True(t, SameRelativeOrder(a, b))
		}
	})
}

// TestLogHistoryLinearizable: the deliveries as log operations are
// linearizable exactly when every two sequences are PrefixOrdered, checked
// with porcupine on random sequences (mostly prefixes of one order, so
// both verdicts occur).
func TestLogHistoryLinearizable(t *testing.T) {
	log := DeliveryLog[int](nil)
	seen := map[bool]int{}
	rapid.Check(t, func(t *rapid.T) {
		base := perm(t, "base")
		n := rapid.IntRange(1, 3).Draw(t, "n")
		all := make([][]int, n)
		for i := range all {
			all[i] = base[:rapid.IntRange(0, len(base)).Draw(t, "len")]
			if rapid.Bool().Draw(t, "other") {
				all[i] = perm(t, "seq")
			}
		}
		want := true
		for i := range all {
			for j := range all {
				want = want && PrefixOrdered(all[i], all[j])
			}
		}
		ok, lin := Linearizable(LogHistory(all), log)
		require.Equal(t, want, ok, "%v", all)
		require.Equal(t, ok, lin.OK)
		seen[ok]++
	})
	assert.Positive(t, seen[true])
	assert.Positive(t, seen[false])
}

func TestDeliveryLogView(t *testing.T) {
	name := func(m int) string { return "m" + string(rune('0'+m)) }
	ok, lin := Linearizable(LogHistory([][]int{{0, 1}, {1, 0}}), DeliveryLog(name))
	require.False(t, ok)
	var b bytes.Buffer
	require.NoError(t, lin.WriteHTMLPage(&b, PageInfo{Protocol: "toy", Property: "log"}))
	assert.Contains(t, b.String(), "log[0] = m1")
	assert.Equal(t, "log[3]", LogPos(3).String())
	assert.Equal(t, "[m0 m1]", DeliveryLog(name).DescribeState([]int{0, 1}))
}
