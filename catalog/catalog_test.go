package catalog

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

func testInfo() *Info {
	return &Info{
		Name: "demo",
		Params: []Param{
			IntParam("n", "processes", 3, 1, 9),
			IntsParam("ids", "ring order", "3,1,2", 1, 99, 1, 6),
			ChoiceParam("shape", "tree shape", "line", "line", "star"),
		},
		Variants: []Variant{
			{Name: "ok", Summary: "correct"},
			{Name: "bug", Summary: "broken", Violates: []string{"safe"}, Faults: actor.Faults{Drop: 1},
				Network: actor.FIFO, HasNetwork: true, Params: map[string]string{"n": "2"}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"drop", "dup"},
	}
}

func TestDefaultsCarryTheVariant(t *testing.T) {
	in := testInfo()
	c, err := in.Defaults("")
	require.NoError(t, err)
	assert.Equal(t, "variant=ok n=3 ids=3,1,2 shape=line network=unordered faults=none", c.String())
	c, err = in.Defaults("bug")
	require.NoError(t, err)
	assert.Equal(t, "variant=bug n=2 ids=3,1,2 shape=line network=fifo faults=drop=1", c.String(),
		"a variant's own size, network and faults")
	assert.Equal(t, 2, c.Int("n"))
	assert.Equal(t, []int{3, 1, 2}, c.Ints("ids"))
	assert.Equal(t, actor.FIFO, c.Net())
}

func TestResolveValidates(t *testing.T) {
	in := testInfo()
	f := actor.Faults{Crash: 1}
	for _, tc := range []struct {
		req  Request
		want string
	}{
		{Request{Variant: "nope"}, `-variant "nope": demo has variants ok, bug`},
		{Request{Params: map[string]string{"n": "0"}}, "-n 0 out of range 1..9"},
		{Request{Params: map[string]string{"n": "x"}}, `-n "x": not a whole number`},
		{Request{Params: map[string]string{"ids": "1,,2"}}, `-ids "": not a whole number`},
		{Request{Params: map[string]string{"ids": "1,2,3,4,5,6,7"}}, "want a list of 1..6 numbers"},
		{Request{Params: map[string]string{"shape": "ring"}}, `-shape "ring": want one of line, star`},
		{Request{Params: map[string]string{"colour": "red"}}, "demo has no parameter -colour"},
		{Request{Network: "duplicating"}, `-network "duplicating": demo accepts unordered, fifo`},
		{Request{Faults: &f}, "-faults crash: demo accepts drop, dup"},
	} {
		_, err := in.Resolve(tc.req)
		require.ErrorIs(t, err, ErrConfig, "%+v", tc.req)
		assert.Contains(t, err.Error(), tc.want)
	}
	c, err := in.Resolve(Request{Variant: "bug", Params: map[string]string{"ids": " 4, 2 "}, Network: "unordered"})
	require.NoError(t, err)
	assert.Equal(t, "variant=bug n=2 ids=4,2 shape=line network=unordered faults=drop=1", c.String(), "canonical values")
}

// TestConfigRoundTrip: what String prints, ParseConfig and Validate read
// back to the same configuration (the one description of a run, from
// flags to trace headers and back).
func TestConfigRoundTrip(t *testing.T) {
	in := testInfo()
	rapid.Check(t, func(t *rapid.T) {
		req := Request{
			Variant: rapid.SampledFrom([]string{"ok", "bug"}).Draw(t, "variant"),
			Params: map[string]string{
				"n":     rapid.SampledFrom([]string{"1", "5", "9"}).Draw(t, "n"),
				"shape": rapid.SampledFrom([]string{"line", "star"}).Draw(t, "shape"),
				"ids":   rapid.SampledFrom([]string{"1", "5,4", "9,8,7,6,5,4"}).Draw(t, "ids"),
			},
			Network: rapid.SampledFrom([]string{"", "fifo", "unordered"}).Draw(t, "network"),
		}
		f := actor.Faults{Drop: rapid.IntRange(0, 3).Draw(t, "drop"), Dup: rapid.IntRange(0, 3).Draw(t, "dup")}
		req.Faults = &f
		c, err := in.Resolve(req)
		require.NoError(t, err)
		back, err := ParseConfig(c.String())
		require.NoError(t, err)
		back, err = in.Validate(back)
		require.NoError(t, err)
		require.Equal(t, c, back)
	})
}

func TestTableAligns(t *testing.T) {
	d := &TableData{Title: "T", Columns: []string{"a", "bb", "c"}, Rows: [][]string{{"xxx", "y", ""}, {"1", "22", "333"}}, Notes: []string{"note"}}
	var b strings.Builder
	require.NoError(t, d.Write(&b))
	assert.Equal(t, "T\n\na    bb  c\n---  --  ---\nxxx  y\n1    22  333\n\nnote\n", b.String(), "aligned, no trailing spaces")
}

// TestRunVerdicts: each Always property says where a replayed run first
// breaks it; other expectations are left out.
func TestRunVerdicts(t *testing.T) {
	props := []model.Property[int]{
		model.Always("small", func(s int) bool { return s < 2 }),
		model.Always("non-negative", func(s int) bool { return s >= 0 }),
		model.Always("not zero", func(s int) bool { return s != 0 }),
		model.Sometimes("two", func(s int) bool { return s == 2 }),
	}
	got := RunVerdicts(props, []int{0, 1, 2}, []string{"inc", "inc"})
	assert.Equal(t, []string{
		`"small" fails after step 2 (inc).`,
		`"non-negative" holds in every state of this run.`,
		`"not zero" fails in the initial state.`,
	}, got)
}
