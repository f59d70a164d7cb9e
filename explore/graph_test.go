package explore

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// graph is a test model: an explicit transition graph over states 0..n-1.
// State i's steps go to succ[i] in order; bad states violate "safe", and
// "reach goal" is witnessed by the goal state.
type graph struct {
	inits []int
	succ  [][]int
	bad   map[int]bool
	goal  int
	final map[int]bool // nil: no deadlock check
}

type edge struct{ from, to, i int }

func (e edge) String() string { return fmt.Sprintf("%d->%d", e.from, e.to) }

func (g *graph) Init(yield func(int)) {
	for _, s := range g.inits {
		yield(s)
	}
}

func (g *graph) Next(s int, yield func(edge, int)) {
	for i, t := range g.succ[s] {
		yield(edge{s, t, i}, t)
	}
}

func (g *graph) AppendKey(dst []byte, s int) []byte { return model.AppendInt(dst, s) }

func (g *graph) Properties() []model.Property[int] {
	return []model.Property[int]{
		model.Always("safe", func(s int) bool { return !g.bad[s] }),
		model.Sometimes("reach goal", func(s int) bool { return s == g.goal }),
	}
}

// finalGraph adds deadlock detection.
type finalGraph struct{ *graph }

func (g finalGraph) Final(s int) bool { return g.final[s] }

// reference enumerates the reachable states and their BFS depth naively.
func (g *graph) reference() (depth map[int]int) {
	depth = map[int]int{}
	var queue []int
	for _, s := range g.inits {
		if _, ok := depth[s]; !ok {
			depth[s] = 0
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, t := range g.succ[s] {
			if _, ok := depth[t]; !ok {
				depth[t] = depth[s] + 1
				queue = append(queue, t)
			}
		}
	}
	return depth
}
