package counterexamples

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

func TestCheck(t *testing.T) {
	f, err := Parse(strings.NewReader(minimal))
	require.NoError(t, err)
	ok := &model.Trace{Path: []int{0, 1}, Steps: []model.Step{{}, {Action: " inc "}}, Loop: -1}
	assert.NoError(t, Check(f, ok), "labels match up to surrounding space")

	renamed := &model.Trace{Path: []int{0, 1}, Steps: []model.Step{{}, {Action: "increment"}}, Loop: -1}
	err = Check(f, renamed)
	require.ErrorIs(t, err, ErrReplayMismatch)
	assert.Contains(t, err.Error(), `step 1 (index 1): the file says "inc" but the model now takes "increment"`)
	assert.Contains(t, err.Error(), "ranges over a map", "explains the likely causes")

	short := &model.Trace{Path: []int{0}, Steps: []model.Step{{}}, Loop: -1}
	assert.ErrorIs(t, Check(f, short), ErrReplayMismatch)
	assert.ErrorIs(t, Check(f, nil), ErrReplayMismatch)
}
