package protocols

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// MaxGraphStates is the largest state graph Graph builds: past a couple of
// thousand states a drawing of it is a blot no one can read (Graphviz
// still lays it out, slowly), so a larger one is refused rather than drawn.
const MaxGraphStates = 2000

// ErrGraphTooLarge is wrapped by Graph's error when the reachable graph has
// more states than asked for.
var ErrGraphTooLarge = errors.New("protocols: state graph too large to draw")

// A Graph is the reachable state graph of a small configuration: one node
// per distinct state (per orbit, with symmetry reduction) and one edge per
// enabled step. Nodes are numbered breadth first from the initial states
// in Init's order, following steps in Next's order, so the numbering does
// not depend on the engine's workers.
type Graph struct {
	Nodes []GraphNode
	Edges []GraphEdge // grouped by source node, each group in Next's order
	// Complete: every reachable state was expanded. A graph cut short by a
	// limit (-max-depth, -time) has nodes with Expanded false.
	Complete   bool
	StopReason string // why the exploration stopped early; "" when complete
	Final      bool   // the model declares final states (Deadlock is meaningful)

	index map[string]int         // node by key
	key   func(state any) string // a state's node key; "" for a state of another type
}

// A GraphNode is one state of a Graph.
type GraphNode struct {
	Lines    []string // the state, one field a line, as a trace's final state prints it
	Initial  bool     // an initial state
	Expanded bool     // its steps were computed (false past a limit)
	Boundary bool     // outside the state constraint: not expanded, not a deadlock
	Terminal bool     // expanded, and no step is enabled
	Deadlock bool     // terminal and not final, in a model that declares final states
}

// A GraphEdge is one step of a Graph.
type GraphEdge struct {
	From, To int    // node indices
	Label    string // the step's label
}

// Graph explores the configuration with explore.Visit (one worker, so its
// MaxStates bound is exact) and builds its state graph; opts gives the
// limits and symmetry reduction. It returns an error wrapping
// ErrGraphTooLarge when the graph has more than max states.
func (in *Instance) Graph(opts explore.Options, max int) (*Graph, error) {
	return in.inspect.graph(opts, max)
}

// Locate returns the nodes a trace's states are, and the edges its steps
// take (one fewer), or an error when a state or step is not in the graph.
func (g *Graph) Locate(tr *model.Trace) (nodes, edges []int, err error) {
	for i, st := range tr.Steps {
		n, ok := g.index[g.key(st.State)]
		if !ok {
			return nil, nil, fmt.Errorf("protocols: state %d of the trace is not in the graph", i)
		}
		nodes = append(nodes, n)
		if i == 0 {
			continue
		}
		e := -1
		for j, ed := range g.Edges {
			if ed.From == nodes[i-1] && ed.To == n && ed.Label == st.Action {
				e = j
				break
			}
		}
		if e < 0 {
			return nil, nil, fmt.Errorf("protocols: step %d %q of the trace is not in the graph", i, st.Action)
		}
		edges = append(edges, e)
	}
	return nodes, edges, nil
}

// gnode is what Visit records of a state: it may not keep the state.
type gnode struct {
	lines   []string
	visited bool
	v       explore.Visited
	succ    []string // successor keys, in Next's order
	labels  []string
}

func (ti *typed[S, A]) graph(opts explore.Options, max int) (*Graph, error) {
	opts.Workers = 1
	if opts.MaxStates == 0 || opts.MaxStates > int64(max)+1 {
		opts.MaxStates = int64(max) + 1
	}
	sym, _ := ti.m.(model.Symmetric[S])
	if !opts.Symmetry {
		sym = nil
	}
	keyOf := func(s S) string {
		if sym != nil {
			s = sym.Canonical(s)
		}
		return string(ti.m.AppendKey(nil, s))
	}
	seen := map[string]*gnode{}
	res, err := explore.Visit(ti.m, opts, func(s S, v explore.Visited) {
		k := keyOf(s)
		n := seen[k]
		if n == nil {
			n = &gnode{}
			seen[k] = n
		}
		n.lines, n.visited, n.v = counterexamples.StateLines(s), true, v
		if v.Boundary {
			return
		}
		ti.m.Next(s, func(a A, t S) {
			tk := keyOf(t)
			if seen[tk] == nil {
				seen[tk] = &gnode{lines: counterexamples.StateLines(t)} // until Visit reaches it, if it does
			}
			n.succ, n.labels = append(n.succ, tk), append(n.labels, fmt.Sprint(a))
		})
	})
	if err != nil {
		return nil, err
	}
	if res.Distinct > int64(max) {
		return nil, fmt.Errorf("%w: more than %d states (stopped at %d); choose a smaller configuration or bound the depth with -max-depth",
			ErrGraphTooLarge, max, res.Distinct)
	}
	g := &Graph{Complete: res.Complete, StopReason: res.StopReason, Final: model.HasFinal(ti.m), index: map[string]int{},
		key: func(state any) string {
			s, ok := state.(S)
			if !ok {
				return ""
			}
			return keyOf(s)
		}}
	ti.number(g, seen, keyOf)
	return g, nil
}

// number lays the recorded states out as g's nodes and edges, breadth
// first from the initial states.
func (ti *typed[S, A]) number(g *Graph, seen map[string]*gnode, keyOf func(S) string) {
	var queue []string
	add := func(k string) int {
		if i, ok := g.index[k]; ok {
			return i
		}
		n := seen[k]
		i := len(g.Nodes)
		g.index[k] = i
		node := GraphNode{Lines: n.lines, Expanded: n.visited && !n.v.Boundary, Boundary: n.v.Boundary}
		node.Terminal = node.Expanded && len(n.succ) == 0
		node.Deadlock = node.Terminal && g.Final && !n.v.Final
		g.Nodes = append(g.Nodes, node)
		queue = append(queue, k)
		return i
	}
	ti.m.Init(func(s S) {
		k := keyOf(s)
		if seen[k] == nil {
			return // not stored: the run stopped first
		}
		g.Nodes[add(k)].Initial = true
	})
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		from := g.index[k]
		n := seen[k]
		for i, to := range n.succ {
			g.Edges = append(g.Edges, GraphEdge{From: from, To: add(to), Label: n.labels[i]})
		}
	}
}
