package invariants

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

type runs struct {
	count []int
	done  []bool
}

func TestAtMostAtLeast(t *testing.T) {
	assert.True(t, AtMost(1, 0, 1, 1))
	assert.False(t, AtMost(1, 0, 2))
	assert.True(t, AtLeast(1, 1, 3))
	assert.False(t, AtLeast(1, 1, 0))
}

// TestExecutionPropertiesAgainstReference compares the properties with
// naive definitions on random counts.
func TestExecutionPropertiesAgainstReference(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 5).Draw(rt, "n")
		s := runs{
			count: rapid.SliceOfN(rapid.IntRange(0, 3), n, n).Draw(rt, "count"),
			done:  rapid.SliceOfN(rapid.Bool(), n, n).Draw(rt, "done"),
		}
		count := func(s runs, i int) int { return s.count[i] }
		done := func(s runs, i int) bool { return s.done[i] }
		atMost, atLeast, whenDone, exactly := true, true, true, true
		for i := 0; i < n; i++ {
			atMost = atMost && s.count[i] <= 1
			atLeast = atLeast && s.count[i] >= 1
			whenDone = whenDone && (!s.done[i] || s.count[i] >= 1)
			exactly = exactly && s.count[i] <= 1 && (!s.done[i] || s.count[i] == 1)
		}
		p := AtMostOnce("amo", n, count)
		assert.Equal(rt, model.ExpectAlways, p.Expect)
		assert.Equal(rt, atMost, p.Holds(s))
		p = AtLeastOnce("alo", n, count)
		assert.Equal(rt, model.ExpectEventually, p.Expect)
		assert.Equal(rt, atLeast, p.Holds(s))
		assert.Equal(rt, whenDone, AtLeastOnceWhen("alow", n, count, done).Holds(s))
		assert.Equal(rt, exactly, ExactlyOnceWhen("eow", n, count, done).Holds(s))
	})
}
