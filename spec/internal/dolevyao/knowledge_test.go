package dolevyao

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestKnowledgeSet(t *testing.T) {
	k := Of(3, 0, 63)
	assert.True(t, k.Has(0) && k.Has(3) && k.Has(63))
	assert.False(t, k.Has(1) || k.Has(64), "absent and out-of-range terms")
	assert.Equal(t, 3, k.Len())
	assert.Equal(t, []Term{0, 3, 63}, k.Terms(), "terms in increasing order")
	assert.Equal(t, Of(0, 3, 63), Of(63, 3, 0, 3), "a set: order and repetition do not matter")
	assert.Equal(t, "{t0, t63}", k.Format(func(t Term) string {
		if t == 3 {
			return "" // hidden
		}
		return fmt.Sprintf("t%d", t)
	}))
	assert.Equal(t, "{}", Knowledge(0).Format(func(Term) string { return "x" }))
	assert.Panics(t, func() { Of(64) })
}

// chain derives t+1 from t for t < 9: the closure of {2} is {2..9}.
func chain(k Knowledge) Knowledge {
	out := k
	for _, t := range k.Terms() {
		if t < 9 {
			out = out.Add(t + 1)
		}
	}
	return out
}

func TestCloseIsTheLeastFixpoint(t *testing.T) {
	assert.Equal(t, Of(2, 3, 4, 5, 6, 7, 8, 9), Close(Of(2), chain))
	assert.Equal(t, Of(12), Close(Of(12), chain), "nothing to derive")

	// pairs: knowing 2i and 2i+1 gives 40+i (a pairing rule); knowing
	// 40+i gives both back (unpairing).
	pairs := func(k Knowledge) Knowledge {
		out := k
		for i := Term(0); i < 10; i++ {
			if k.Has(2*i) && k.Has(2*i+1) || k.Has(40+i) {
				out = out.Add(2*i, 2*i+1, 40+i)
			}
		}
		return out
	}
	rapid.Check(t, func(rt *rapid.T) {
		k := Knowledge(rapid.Uint64().Draw(rt, "k"))
		rule := []func(Knowledge) Knowledge{chain, pairs}[rapid.IntRange(0, 1).Draw(rt, "rule")]
		c := Close(k, rule)
		require.Equal(rt, k, k&c, "the closure contains k")
		require.Equal(rt, c, c|rule(c), "the closure is closed")
		require.Equal(rt, c, Close(c, rule), "closing twice changes nothing")
		// Least: removing any derived term breaks closedness or drops k.
		for _, t := range c.Terms() {
			smaller := c &^ Of(t)
			require.False(rt, k&smaller == k && smaller|rule(smaller) == smaller,
				"term %d is not needed in the closure of %b", t, k)
		}
	})
}

func TestStateKeyAndFormat(t *testing.T) {
	name := func(t Term) string { return fmt.Sprintf("t%d", t) }
	s := State{Know: Of(1, 2)}
	assert.Equal(t, "knows {t1, t2}", s.Format(name))
	assert.False(t, s.Interfered())
	s.Used, s.Dropped = 2, true
	assert.Equal(t, "knows {t1, t2} injected=2 dropped", s.Format(name))
	assert.True(t, s.Interfered())
	assert.True(t, State{Dropped: true}.Interfered())

	keys := map[string]State{}
	for _, x := range []State{{}, {Know: 1}, {Know: 1 << 40}, {Used: 1}, {Dropped: true}, {Know: 1, Used: 1, Dropped: true}} {
		k := string(x.AppendKey(nil))
		_, dup := keys[k]
		require.False(t, dup, "%+v has the key of %+v", x, keys[k])
		keys[k] = x
	}
}
