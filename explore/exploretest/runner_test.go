package exploretest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
)

func TestRunner(t *testing.T) {
	spec := catalog.Spec[int, string]{
		Info:  catalog.Info{Name: "counter"},
		Build: func(catalog.Config) (model.Model[int, string], error) { return counter(10, 5), nil },
	}
	r := &Runner[int, string]{Entry: spec, Options: map[string]string{"k": "v"},
		Measure: func(m model.Model[int, string]) ([]catalog.Stat, error) {
			return []catalog.Stat{{Name: "finals", Count: len(Finals(t, m))}}, nil
		}}
	var _ catalog.Runner = r
	assert.Equal(t, "counter", r.Spec("counter").Name)
	assert.Nil(t, r.Spec("other"))
	assert.Equal(t, map[string]string{"k": "v"}, r.Args())
	out, err := r.Run("counter", catalog.Config{})
	require.NoError(t, err)
	assert.True(t, out.Complete)
	assert.EqualValues(t, 6, out.Distinct)
	require.Len(t, out.Verdicts, 2)
	assert.Equal(t, "below limit", out.Verdicts[0].Name)
	assert.Equal(t, "holds", out.Verdicts[0].Status)
	assert.Equal(t, "reaches 2", out.Verdicts[1].Name)
	assert.Equal(t, []catalog.Stat{{Name: "finals", Count: 1}}, out.Measures)
	_, err = r.Run("other", catalog.Config{})
	assert.Error(t, err)
	assert.Len(t, r.Runs, 1, "only the runs of its own spec")
}
