package explorer

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// DOTOptions say what a drawing of a state graph is titled and
// highlights.
type DOTOptions struct {
	Title    string       // the graph's label: the protocol and its configuration
	Trace    *model.Trace // a counterexample (or witness) to draw in red; nil for none
	Property string       // the property Trace is about, for the legend
	_        struct{}     // forbids positional literals
}

// Colours of the drawing.
const (
	pathColour     = "#d62728" // the highlighted trace
	endFill        = "#ffd6d6" // the state where the property fails
	deadlockFill   = "#ffe0a0" // a deadlock
	initialFill    = "#e3efff" // an initial state
	unexpandedNote = "not expanded"
)

// WriteDOT writes g in Graphviz's DOT language: one box per state with its
// fields, one arrow per step with its label. Initial states are drawn with
// a double border and a blue fill, deadlocks filled in amber, states not
// expanded (past a limit, or outside the state constraint) dashed, and
// self-loops as loops. When o.Trace is set, its states and steps are drawn
// in red with the step numbers, its last state filled, and a lasso's loop
// start labelled. It returns an error when the trace does not lie in g.
func WriteDOT(w io.Writer, g *protocols.Graph, o DOTOptions) error {
	onPath := map[int][]int{} // edge -> step numbers
	pathNode := map[int]bool{}
	loopNode, endNode := -1, -1
	if o.Trace != nil {
		nodes, edges, err := g.Locate(o.Trace)
		if err != nil {
			return err
		}
		for i, e := range edges {
			onPath[e] = append(onPath[e], i+1)
		}
		for _, n := range nodes {
			pathNode[n] = true
		}
		endNode = nodes[len(nodes)-1]
		if o.Trace.Lasso() {
			loopNode = nodes[o.Trace.Loop]
		}
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph protocheck {")
	fmt.Fprintf(bw, "  graph [label=%s, labelloc=t, fontname=\"Helvetica\", rankdir=TB];\n", quote(legend(g, o)))
	fmt.Fprintln(bw, `  node [shape=box, style="rounded", fontname="Courier", fontsize=10];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=9];`)
	for i, n := range g.Nodes {
		fmt.Fprintf(bw, "  n%d [%s];\n", i, nodeAttrs(i, n, pathNode[i], i == endNode, i == loopNode))
	}
	for i, e := range g.Edges {
		attrs := []string{"label=\"" + escape(e.Label) + "\""}
		if steps, ok := onPath[i]; ok {
			nums := make([]string, len(steps))
			for k, s := range steps {
				nums[k] = fmt.Sprint(s)
			}
			attrs = []string{"label=\"" + escape(strings.Join(nums, ",")+". "+e.Label) + "\"",
				"color=\"" + pathColour + "\"", "fontcolor=\"" + pathColour + "\"", "penwidth=2.5"}
		}
		fmt.Fprintf(bw, "  n%d -> n%d [%s];\n", e.From, e.To, strings.Join(attrs, ", "))
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

// legend is the graph's title line and counts.
func legend(g *protocols.Graph, o DOTOptions) string {
	s := o.Title
	if s != "" {
		s += "\n"
	}
	s += fmt.Sprintf("%d states, %d steps", len(g.Nodes), len(g.Edges))
	if !g.Complete {
		s += " (partial: " + orStopped(g.StopReason) + "; dashed states were not expanded)"
	}
	if o.Trace != nil {
		what := "counterexample"
		if o.Property != "" {
			what += " to " + fmt.Sprintf("%q", o.Property)
		}
		s += fmt.Sprintf("\nin red: the %s, %d steps", what, o.Trace.Len())
		if o.Trace.Lasso() {
			s += fmt.Sprintf(", looping back to step %d", o.Trace.Loop)
		}
	}
	return s
}

func orStopped(s string) string {
	if s == "" {
		return "stopped"
	}
	return s
}

// nodeAttrs are one state's attributes.
func nodeAttrs(i int, n protocols.GraphNode, onPath, end, loop bool) string {
	label := fmt.Sprintf("#%d\\l", i)
	for _, l := range n.Lines {
		label += escape(l) + "\\l"
	}
	style := []string{"rounded"}
	var attrs []string
	fill := ""
	switch {
	case end:
		fill = endFill
	case n.Deadlock:
		fill = deadlockFill
		label += "(deadlock)\\l"
	case n.Initial:
		fill = initialFill
	}
	if n.Initial {
		attrs = append(attrs, "peripheries=2")
	}
	if !n.Expanded {
		style = append(style, "dashed")
		if n.Boundary {
			label += "(outside the state constraint)\\l"
		} else {
			label += "(" + unexpandedNote + ")\\l"
		}
	}
	if loop {
		label += "(the loop starts here)\\l"
	}
	if fill != "" {
		style = append(style, "filled")
		attrs = append(attrs, "fillcolor=\""+fill+"\"")
	}
	if onPath {
		attrs = append(attrs, "color=\""+pathColour+"\"", "penwidth=2")
	}
	attrs = append([]string{"label=\"" + label + "\"", "style=\"" + strings.Join(style, ",") + "\""}, attrs...)
	return strings.Join(attrs, ", ")
}

// quote returns s as a DOT string of left-justified lines.
func quote(s string) string { return "\"" + escape(s) + "\\l\"" }

// escape makes s safe inside a DOT string: backslashes and quotes are
// escaped, so a state's text never ends the string or reads as an escape.
func escape(s string) string {
	return strings.NewReplacer("\\", "\\\\", "\"", "\\\"", "\r", "", "\n", "\\l").Replace(s)
}
