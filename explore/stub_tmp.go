package explore

import "github.com/protocheck/protocheck/model"

func bfs[S, A any](m model.Model[S, A], opts Options) (*Result, error)    { panic("todo") }
func dfs[S, A any](m model.Model[S, A], opts Options) (*Result, error)    { panic("todo") }
func random[S, A any](m model.Model[S, A], opts Options) (*Result, error) { panic("todo") }
func replay[S, A any](m model.Model[S, A], path []int) (*model.Trace, error) {
	panic("todo")
}
