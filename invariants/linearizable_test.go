package invariants

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ctrIn is an operation on a counter: an increment or a read.
type ctrIn struct{ Inc bool }

func (in ctrIn) String() string {
	if in.Inc {
		return "inc()"
	}
	return "read()"
}

// counter is a counter whose increment returns the new value and whose read
// returns the current one.
var counter = SeqModel[int, ctrIn, int]{
	Init: func() int { return 0 },
	Step: func(s int, in ctrIn, out int) (bool, int) {
		if in.Inc {
			return out == s+1, s + 1
		}
		return out == s, s
	},
	Pending: func(s int, in ctrIn) int {
		if in.Inc {
			return s + 1
		}
		return s
	},
	DescribeOp: func(in ctrIn, out int) string {
		if in.Inc {
			return fmt.Sprintf("inc() -> %d", out)
		}
		return fmt.Sprintf("read() -> %d", out)
	},
	DescribeState: func(s int) string { return fmt.Sprint(s) },
}

func inc(client int, call, ret int64, out int) Op[ctrIn, int] {
	return Op[ctrIn, int]{Client: client, Input: ctrIn{Inc: true}, Output: out, Call: call, Return: ret}
}

func read(client int, call, ret int64, out int) Op[ctrIn, int] {
	return Op[ctrIn, int]{Client: client, Input: ctrIn{}, Output: out, Call: call, Return: ret}
}

func pendingInc(client int, call int64) Op[ctrIn, int] {
	return Op[ctrIn, int]{Client: client, Input: ctrIn{Inc: true}, Call: call, Pending: true}
}

func TestLinearizable(t *testing.T) {
	tests := []struct {
		name    string
		history []Op[ctrIn, int]
		want    bool
	}{
		{"empty", nil, true},
		{"one inc", []Op[ctrIn, int]{inc(0, 0, 1, 1)}, true},
		{"inc executed twice", []Op[ctrIn, int]{inc(0, 0, 1, 2)}, false},
		{"sequential", []Op[ctrIn, int]{inc(0, 0, 1, 1), read(1, 2, 3, 1)}, true},
		{"stale read after inc", []Op[ctrIn, int]{inc(0, 0, 1, 1), read(1, 2, 3, 0)}, false},
		// Concurrent operations may be ordered either way.
		{"concurrent read sees old", []Op[ctrIn, int]{inc(0, 0, 3, 1), read(1, 1, 2, 0)}, true},
		{"concurrent read sees new", []Op[ctrIn, int]{inc(0, 0, 3, 1), read(1, 1, 2, 1)}, true},
		// Closed intervals: touching at one instant is concurrent.
		{"touching intervals", []Op[ctrIn, int]{inc(0, 0, 2, 2), inc(1, 2, 4, 1)}, true},
		{"two incs both see 1", []Op[ctrIn, int]{inc(0, 0, 3, 1), inc(1, 1, 2, 1)}, false},
		// A pending increment may take effect or not.
		{"pending inc seen", []Op[ctrIn, int]{pendingInc(0, 0), read(1, 1, 2, 1)}, true},
		{"pending inc not seen", []Op[ctrIn, int]{pendingInc(0, 0), read(1, 1, 2, 0)}, true},
		{"pending inc seen twice", []Op[ctrIn, int]{pendingInc(0, 0), read(1, 1, 2, 2)}, false},
		// A pending increment cannot take effect before it was called.
		{"pending inc before call", []Op[ctrIn, int]{read(1, 0, 1, 1), pendingInc(0, 2)}, false},
		{"pending inc between reads", []Op[ctrIn, int]{inc(0, 0, 1, 1), pendingInc(0, 2), read(1, 5, 6, 1), read(1, 7, 8, 2)}, true},
		{"counter goes back", []Op[ctrIn, int]{inc(0, 0, 1, 1), pendingInc(0, 2), read(1, 5, 6, 2), read(1, 7, 8, 1)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, lin := Linearizable(tt.history, counter)
			assert.Equal(t, tt.want, ok, "linearizable")
			assert.Equal(t, ok, lin.OK, "Linearization.OK agrees with the verdict")
		})
	}
}

func TestLinearizableDoesNotMutate(t *testing.T) {
	h := []Op[ctrIn, int]{inc(0, 0, 1, 1), pendingInc(0, 2), read(1, 3, 4, 1)}
	before := append([]Op[ctrIn, int](nil), h...)
	ok, _ := Linearizable(h, counter)
	require.True(t, ok)
	assert.Equal(t, before, h, "the history is left as it was")
}

func TestLinearizablePendingNeedsModel(t *testing.T) {
	m := counter
	m.Pending = nil
	assert.Panics(t, func() { Linearizable([]Op[ctrIn, int]{pendingInc(0, 0)}, m) })
	ok, _ := Linearizable([]Op[ctrIn, int]{inc(0, 0, 1, 1)}, m)
	assert.True(t, ok, "no pending op, no Pending needed")
}

func TestLinearizableEqual(t *testing.T) {
	// A slice state is not comparable with ==: Equal is required.
	set := SeqModel[[]int, int, bool]{
		Init: func() []int { return nil },
		Step: func(s []int, in int, out bool) (bool, []int) {
			return out, append(append([]int(nil), s...), in)
		},
		Equal: func(a, b []int) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
	}
	ok, _ := Linearizable([]Op[int, bool]{{Input: 1, Output: true, Call: 0, Return: 1}}, set)
	assert.True(t, ok)
	ok, _ = Linearizable([]Op[int, bool]{{Input: 1, Output: false, Call: 0, Return: 1}}, set)
	assert.False(t, ok)
}

func TestWriteHTML(t *testing.T) {
	h := []Op[ctrIn, int]{inc(0, 0, 1, 1), pendingInc(0, 2), read(1, 3, 4, 0)}
	ok, lin := Linearizable(h, counter)
	require.False(t, ok, "a read of 0 after inc() -> 1 is not linearizable")
	var buf bytes.Buffer
	require.NoError(t, lin.WriteHTML(&buf))
	// The descriptions are embedded as JSON, where ">" is escaped.
	html := strings.ReplaceAll(buf.String(), `\u003e`, ">")
	for _, want := range []string{"<html", "inc() -> 1", "read() -> 0", "inc() -> ? (pending)"} {
		assert.True(t, strings.Contains(html, want), "the HTML view contains %q", want)
	}

	var zero Linearization
	assert.Error(t, zero.WriteHTML(&buf), "a zero Linearization has nothing to draw")
}
