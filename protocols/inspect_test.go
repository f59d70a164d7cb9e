package protocols

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
)

func TestAtListsTheEnabledSteps(t *testing.T) {
	inst := gridInstance(t, 3, 0)
	require.Equal(t, []any{pt{}}, inst.Inits())

	pos, err := inst.At([]int{0})
	require.NoError(t, err)
	require.Len(t, pos.Next, 2, "right and stay from (0,0)")
	assert.Equal(t, Successor{Action: "right", State: pt{1, 0}}, pos.Next[0])
	assert.Equal(t, Successor{Action: "stay", State: pt{}, Self: true}, pos.Next[1], "a self-loop is marked")
	assert.Equal(t, []PropHere{{Name: "below 3", Holds: true}}, pos.Props)

	// (0,0) right (1,0) up (1,1) right (2,1): the next right breaks "below 3".
	pos, err = inst.At([]int{0, 0, 1, 0})
	require.NoError(t, err)
	require.Len(t, pos.Trace.Steps, 4)
	assert.Equal(t, "up", pos.Trace.Steps[2].Action)
	assert.Equal(t, pt{2, 1}, pos.Trace.Steps[3].State)
	require.Len(t, pos.Next, 2)
	assert.Equal(t, []string{"below 3"}, pos.Next[0].Violates, "right to (3,1)")
	assert.Equal(t, []string{"below 3"}, pos.Next[1].Violates, "up to (2,2)")
	assert.False(t, pos.Deadlock)

	// (3,3) has no step, and no state is final: a deadlock.
	pos, err = inst.At([]int{0, 0, 0, 0, 0, 0, 0})
	require.NoError(t, err)
	assert.Equal(t, pt{3, 3}, pos.Trace.Steps[len(pos.Trace.Steps)-1].State)
	assert.Empty(t, pos.Next)
	assert.True(t, pos.Deadlock)
	assert.False(t, pos.Props[0].Holds)

	_, err = inst.At([]int{0, 5})
	require.ErrorIs(t, err, explore.ErrReplay)
	_, err = inst.At([]int{1})
	require.ErrorIs(t, err, explore.ErrReplay)
}

func TestAtMarksTheConstraint(t *testing.T) {
	pos, err := gridInstance(t, 5, 2).At([]int{0, 0, 0, 0})
	require.NoError(t, err)
	assert.True(t, pos.Boundary, "(3,0) is outside x+y <= 2")
	assert.NotEmpty(t, pos.Next, "its steps are still listed")
	assert.False(t, pos.Deadlock)
}
