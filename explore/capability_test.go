package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// wrapper has every optional method, as an adapter or the actor layer
// does, and declares only caps.
type wrapper struct {
	finalGraph
	caps model.Capabilities
}

func (w wrapper) Canonical(s int) int                { return s }
func (w wrapper) FairClass(edge) (string, bool)      { return "", false }
func (w wrapper) Declares() model.Capabilities       { return w.caps }
func (w wrapper) Properties() []model.Property[int]  { return w.graph.Properties() }
func (w wrapper) AppendKey(dst []byte, s int) []byte { return w.graph.AppendKey(dst, s) }

// engines lists every entry point that runs a model, Visit included.
func engines() map[string]func(model.Model[int, edge], Options) (*Result, error) {
	return map[string]func(model.Model[int, edge], Options) (*Result, error){
		"bfs": BFS[int, edge], "dfs": DFS[int, edge], "random": Random[int, edge],
		"liveness": Liveness[int, edge], "check": Check[int, edge],
		"visit": func(m model.Model[int, edge], o Options) (*Result, error) {
			return Visit(m, o, func(int, Visited) {})
		},
	}
}

// TestDeadlockOnlyWhenFinalIsDeclared: a model with a Final method that
// declares no final states gets no deadlock check and no "deadlock free"
// verdict from any safety engine; declaring them turns the check on.
func TestDeadlockOnlyWhenFinalIsDeclared(t *testing.T) {
	g := smallGraph()
	g.succ[4] = nil // 4 is a dead end
	g.final = map[int]bool{}
	for _, declare := range []bool{false, true} {
		m := wrapper{finalGraph{g}, model.Capabilities{Final: declare}}
		for _, run := range []func(model.Model[int, edge], Options) (*Result, error){BFS[int, edge], DFS[int, edge]} {
			res, err := run(m, Options{Workers: 2})
			require.NoError(t, err)
			dead, ok := res.Property(DeadlockProperty)
			require.Equal(t, declare, ok, "%s: a deadlock verdict only when final states are declared", res.Engine)
			if declare {
				assert.Equal(t, Violated, dead.Status, res.Engine)
				assert.Equal(t, 4, dead.Trace.Steps[len(dead.Trace.Steps)-1].State, res.Engine)
			}
		}
	}
}

// TestSymmetryOnlyWhenDeclared: every engine refuses Options.Symmetry for a
// model that has Canonical but declares no symmetry, and accepts it once
// the model declares one.
func TestSymmetryOnlyWhenDeclared(t *testing.T) {
	undeclared := wrapper{finalGraph{smallGraph()}, model.Capabilities{Final: true, Fairness: true}}
	declared := wrapper{finalGraph{smallGraph()}, model.Capabilities{Symmetry: true}}
	for name, run := range engines() {
		_, err := run(undeclared, Options{Symmetry: true, Walks: 1})
		require.ErrorIs(t, err, ErrOptions, name)
		assert.Contains(t, err.Error(), "declares no symmetry", name)
		_, err = run(declared, Options{Symmetry: true, Walks: 1})
		require.NoError(t, err, name)
	}
}
