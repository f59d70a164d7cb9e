package actor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// TestSystemDeclaresOnlyWhatItsConfigGives: a System has every optional
// method, but without Config.Final no deadlock is checked (and no "deadlock
// free" verdict is given), and without Config.Symmetry every engine refuses
// symmetry reduction; with them, both are used.
func TestSystemDeclaresOnlyWhatItsConfigGives(t *testing.T) {
	sys := echo(t, Unordered, Faults{}, 1)
	anything := []model.Property[tstate]{model.Always("anything", func(tstate) bool { return true })}
	sys.cfg.Properties = anything // something to check, so the run is complete
	assert.Equal(t, model.Capabilities{Fairness: true}, sys.Declares())
	res, err := explore.BFS(sys, explore.Options{Workers: 1})
	require.NoError(t, err)
	require.True(t, res.Complete)
	_, ok := res.Property(explore.DeadlockProperty)
	assert.False(t, ok, "no final states declared: no deadlock verdict")
	for name, run := range map[string]func(model.Model[tstate, taction], explore.Options) (*explore.Result, error){
		"bfs": explore.BFS[tstate, taction], "dfs": explore.DFS[tstate, taction],
		"random": explore.Random[tstate, taction], "liveness": explore.Liveness[tstate, taction],
		"check": explore.Check[tstate, taction],
	} {
		_, err := run(sys, explore.Options{Symmetry: true, Workers: 1})
		assert.ErrorIs(t, err, explore.ErrOptions, "%s: symmetry without a symmetry group", name)
	}

	sys.cfg.Final = func(tstate) bool { return false } // every terminal state is a deadlock
	assert.True(t, sys.Declares().Final)
	res, err = explore.BFS(sys, explore.Options{Workers: 1})
	require.NoError(t, err)
	dead, ok := res.Property(explore.DeadlockProperty)
	require.True(t, ok, "final states declared: deadlocks are checked")
	assert.Equal(t, explore.Violated, dead.Status)

	sym := clients(t, 2, Faults{})
	sym.cfg.Properties = anything
	assert.True(t, sym.Declares().Symmetry)
	full, err := explore.BFS(sym, explore.Options{Workers: 1})
	require.NoError(t, err)
	reduced, err := explore.BFS(sym, explore.Options{Workers: 1, Symmetry: true})
	require.NoError(t, err)
	assert.Less(t, reduced.Distinct, full.Distinct, "a declared symmetry reduces")
}
