package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

// traceFile builds the file for a violation, header filled in.
func (j *job) traceFile(res *explore.Result, pr *explore.PropertyResult) *counterexamples.File {
	return j.run().TraceFile(res, pr)
}

// reproduceCommand is the command line that reruns this search.
func (j *job) reproduceCommand() string { return j.run().Reproduce() }

func (j *job) run() *protocols.Run {
	return &protocols.Run{Info: j.info, Config: j.cfg, Engine: j.flags.engine, Opts: j.opts, Prog: progName}
}

// outName resolves -o: "auto" gives the default name under
// counterexamples/.
func (j *job) outName(prop string) string {
	if j.flags.out == "auto" {
		return defaultTraceName(j.info, prop, j.cfg.Variant)
	}
	return j.flags.out
}

// defaultTraceName is counterexamples/<protocol>/<property-slug>[-<variant>].trace;
// the variant is left out when it is the protocol's default.
func defaultTraceName(info *catalog.Info, prop, variant string) string {
	return filepath.Join("counterexamples", info.Name, counterexamples.TraceName(info, prop, variant))
}

// writeViz asks the protocol for an HTML view of the violation.
func (j *job) writeViz(stderr io.Writer, pr *explore.PropertyResult) {
	if !j.inst.HasViz() {
		fmt.Fprintf(stderr, "%s: %s has no HTML view: -viz wrote nothing\n", progName, j.info.Name)
		return
	}
	page := catalog.Page{Protocol: j.info.Name, Params: j.cfg.String(), Property: pr.Name,
		Verdict: strings.TrimSpace("violated " + pr.MessageLine())}
	var b bytes.Buffer
	last := pr.Trace.Steps[len(pr.Trace.Steps)-1].State
	if err := j.inst.Viz(&b, page, pr.Name, last); err != nil {
		fmt.Fprintf(stderr, "%s: -viz: no view of %q: %v (nothing written)\n", progName, pr.Name, err)
		return
	}
	if err := os.WriteFile(j.flags.viz, b.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "%s: -viz: %v\n", progName, err)
		return
	}
	fmt.Fprintf(stderr, "%s: wrote %s\n", progName, j.flags.viz)
}

// writeMermaid writes a trace's sequence diagram in a Markdown file.
func writeMermaid(stderr io.Writer, file *counterexamples.File, name string) {
	var b strings.Builder
	b.WriteString("```mermaid\n")
	if err := counterexamples.WriteMermaid(&b, &file.Trace, file.Header.MermaidOptions()); err != nil {
		fmt.Fprintf(stderr, "%s: -mermaid: %v\n", progName, err)
		return
	}
	b.WriteString("```\n")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		fmt.Fprintf(stderr, "%s: -mermaid: %v\n", progName, err)
		return
	}
	fmt.Fprintf(stderr, "%s: wrote %s\n", progName, name)
}
