package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

func TestCheckMergesLiveness(t *testing.T) {
	// 0 -> 0 (spin, class a), 0 -> 1 (class b) -> 2 -> 2.
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{0, "a"}, {1, "b"}}, {{2, "b"}}, {{2, "c"}}},
		props: []model.Property[int]{
			model.Always("below 3", func(s int) bool { return s < 3 }),
			model.Sometimes("reaches 2", in(2)),
			model.Eventually("done", in(2)),
			model.LeadsTo("1 leads to 2", in(1), in(2)),
		}}
	cases := []struct {
		m    model.Model[int, gAct]
		want map[string]Status
	}{
		{m, map[string]Status{"below 3": Holds, "reaches 2": Holds, "done": Violated, "1 leads to 2": Holds}},
		{fairGraph{m}, map[string]Status{"below 3": Holds, "reaches 2": Holds, "done": Holds, "1 leads to 2": Holds}},
	}
	for _, c := range cases {
		mm, w := c.m, c.want
		res, err := Check(mm, Options{Workers: 1})
		require.NoError(t, err)
		assert.True(t, res.Complete)
		assert.Equal(t, "bfs+liveness", res.Engine)
		got := map[string]Status{}
		for _, p := range res.Properties {
			got[p.Name] = p.Status
		}
		assert.Equal(t, w, got)
		assert.Len(t, res.Properties, 4, "model properties in order, no duplicates")
		assert.Equal(t, "done", res.Properties[2].Name)
	}
}

func TestCheckWithoutLivenessIsBFS(t *testing.T) {
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {}},
		props: []model.Property[int]{model.Always("small", in(0, 1))}}
	res, err := Check(m, Options{Workers: 1})
	require.NoError(t, err)
	assert.Equal(t, "bfs", res.Engine)
	assert.True(t, res.OK())
}

func TestCheckStopAtFirstSkipsLiveness(t *testing.T) {
	m := graphModel{inits: []int{0}, adj: [][]gEdge{{{1, "a"}}, {{1, "a"}}},
		props: []model.Property[int]{model.Always("zero", in(0)), model.Eventually("never", in(7))}}
	res, err := Check(m, Options{Workers: 1, StopAtFirst: true})
	require.NoError(t, err)
	pr, _ := res.Property("never")
	assert.Equal(t, Unknown, pr.Status)
	assert.Contains(t, pr.Message, "stopped at the first violation")
	res, err = Check(m, Options{Workers: 1})
	require.NoError(t, err)
	pr, _ = res.Property("never")
	assert.Equal(t, Violated, pr.Status)
}
