package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explorer"
	"github.com/protocheck/protocheck/protocols"
)

// buildGraph builds the state graph for -dot before the run, so a graph
// too large to draw (more than protocols.MaxGraphStates states) is refused
// at once, as bad usage, rather than after a long check.
func (j *job) buildGraph() error {
	if j.flags.dot == "" {
		return nil
	}
	g, err := j.inst.Graph(j.opts, protocols.MaxGraphStates)
	if err != nil {
		return fmt.Errorf("-dot: %w", err)
	}
	j.graph = g
	return nil
}

// writeDot writes -dot: the state graph, with the counterexample shown in
// red when the run found one.
func (j *job) writeDot(stderr io.Writer, shown *explore.PropertyResult) {
	if j.graph == nil {
		return
	}
	o := explorer.DOTOptions{Title: j.info.Name + " " + j.cfg.String()}
	if shown != nil {
		o.Trace, o.Property = shown.Trace, shown.Name
	}
	var b bytes.Buffer
	err := explorer.WriteDOT(&b, j.graph, o)
	if err != nil && shown != nil {
		// NB: a trace the graph does not hold (one the engine found past
		// the graph's limits) is left out rather than losing the graph.
		fmt.Fprintf(stderr, "%s: -dot: the counterexample is not drawn: %v\n", progName, err)
		b.Reset()
		o.Trace = nil
		err = explorer.WriteDOT(&b, j.graph, o)
	}
	if err == nil {
		err = os.WriteFile(j.flags.dot, b.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: -dot: %v\n", progName, err)
		return
	}
	fmt.Fprintf(stderr, "%s: wrote %s (%d states, %d steps)\n", progName, j.flags.dot, len(j.graph.Nodes), len(j.graph.Edges))
}
