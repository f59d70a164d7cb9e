package counterexamples

import (
	"bufio"
	"fmt"
	"github.com/protocheck/protocheck/catalog"
	"io"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// Magic is the first line of every trace file; it names the format version.
const Magic = "# protocheck trace v1"

// Results written in the header: a counterexample to an Always or liveness
// property (or an engine check), or a witness of a Sometimes property.
const (
	ResultCounterexample = "counterexample"
	ResultWitness        = "witness"
)

// A File is one saved trace: its header and the trace itself.
type File struct {
	Header Header
	// Trace is the path. For Write, every step needs its Action and State
	// (states are flattened to print what changed). After Parse, Path, Loop
	// and each step's Action are filled in and every State is nil.
	Trace model.Trace
	// Final holds the lines of the "final state:" section (without their
	// indentation), filled in by Parse and ignored by Write. It is for
	// people and tools that show a trace; replay never reads it.
	Final []string
}

// A Header says what a trace is a trace of and how to reproduce it.
type Header struct {
	Protocol  string            // the protocol's name in the CLI catalogue, e.g. "twopc"
	Params    Params            // the configuration the model was built with
	Property  string            // the property's stable name, e.g. "consistent"
	Expect    model.Expectation // how the property is checked
	Result    string            // ResultCounterexample or ResultWitness; "" means counterexample
	Engine    string            // the engine that found the trace: "bfs", "dfs", "random"
	Seed      uint64            // the seed of the run (random simulation)
	Generated int64             // successor states computed by the run
	Distinct  int64             // distinct states stored by the run
	MaxDepth  int               // deepest level the run reached
	Reproduce string            // a command that reruns the search, e.g. "go run ./cmd/check run ..."
	Replay    string            // a command that replays this file; may be empty
	Message   string            // detail from the engine (a panic value, a reason); one line, may be empty
	_         struct{}          // forbids positional literals
}

// Params is a run's configuration: the spec's (variant, parameters,
// network and fault budgets, as package catalog describes them) and the
// engine's symmetry reduction.
type Params struct {
	catalog.Config
	Symmetry bool // symmetry reduction was on
	Stutter  bool // liveness under TLA+'s stuttering semantics (explore.Options.Stutter); printed only when on
}

// String renders p as space-separated key=value pairs, in the form the
// header's params line uses: "variant=bug n=3 network=fifo faults=drop=2,dup=1 symmetry=false".
func (p Params) String() string {
	s := p.Config.String() + " symmetry=" + strconv.FormatBool(p.Symmetry)
	if p.Stutter {
		s += " stutter=true"
	}
	return s
}

// Write renders f as text to w. It returns an error when the trace cannot be
// written faithfully: no path, a path and steps of different lengths, a
// loop out of range or with no step, or a label or header value spanning
// lines.
func Write(w io.Writer, f *File) error {
	if err := validate(f); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	writeHeader(bw, &f.Header)
	fmt.Fprintf(bw, "path %s\n\n", FormatPath(f.Trace.Path))
	writeSteps(bw, &f.Trace)
	fmt.Fprintf(bw, "\n%s\n", verdictLine(&f.Header, &f.Trace))
	writeFinal(bw, &f.Trace)
	return bw.Flush()
}

// WriteTrace renders a bare trace as text to w: the path, the numbered
// steps with what changed, and the final state; no header. It is what tests
// print on a failure (explore/exploretest).
func WriteTrace(w io.Writer, t *model.Trace) error {
	if err := validate(&File{Trace: *t, Header: Header{Protocol: "-", Property: "-"}}); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "path %s\n\n", FormatPath(t.Path))
	writeSteps(bw, t)
	writeFinal(bw, t)
	return bw.Flush()
}

func writeFinal(w io.Writer, t *model.Trace) {
	fmt.Fprint(w, "\nfinal state:\n")
	for _, line := range finalLines(t.Steps[len(t.Steps)-1].State) {
		fmt.Fprintf(w, "  %s\n", line)
	}
}

func validate(f *File) error {
	t := &f.Trace
	switch {
	case len(t.Path) == 0:
		return fmt.Errorf("counterexamples: trace has an empty path")
	case len(t.Steps) != len(t.Path):
		return fmt.Errorf("counterexamples: trace has %d steps for a path of %d indices", len(t.Steps), len(t.Path))
	case t.Loop >= len(t.Steps) || t.Loop < -1:
		return fmt.Errorf("counterexamples: loop start %d out of range [-1, %d)", t.Loop, len(t.Steps))
	case t.Loop == len(t.Steps)-1:
		return fmt.Errorf("counterexamples: empty loop: the loop starts at the last step (%d); a loop needs at least one step", t.Loop)
	case f.Header.Protocol == "" || f.Header.Property == "":
		return fmt.Errorf("counterexamples: header needs a protocol and a property")
	}
	for i, s := range t.Steps {
		if strings.ContainsAny(s.Action, "\r\n") {
			return fmt.Errorf("counterexamples: label of step %d spans lines: %q", i, s.Action)
		}
	}
	h := &f.Header
	for _, v := range []string{h.Protocol, h.Params.Variant, h.Params.Network, h.Engine, h.Result, h.Reproduce, h.Replay, h.Message} {
		if strings.ContainsAny(v, "\r\n") {
			return fmt.Errorf("counterexamples: header value spans lines: %q", v)
		}
	}
	if strings.ContainsAny(h.Params.Variant+h.Params.Network, " \t=") {
		return fmt.Errorf("counterexamples: variant %q or network %q contains a space or '='", h.Params.Variant, h.Params.Network)
	}
	return nil
}

func writeHeader(w io.Writer, h *Header) {
	result := h.Result
	if result == "" {
		result = ResultCounterexample
	}
	fmt.Fprintln(w, Magic)
	fmt.Fprintf(w, "# protocol:  %s\n", h.Protocol)
	fmt.Fprintf(w, "# params:    %s\n", h.Params)
	fmt.Fprintf(w, "# property:  %s (%s)\n", strconv.Quote(h.Property), h.Expect)
	fmt.Fprintf(w, "# result:    %s\n", result)
	fmt.Fprintf(w, "# engine:    %s seed=%d\n", orDash(h.Engine), h.Seed)
	fmt.Fprintf(w, "# counts:    generated=%d distinct=%d depth=%d\n", h.Generated, h.Distinct, h.MaxDepth)
	if h.Reproduce != "" {
		fmt.Fprintf(w, "# reproduce: %s\n", h.Reproduce)
	}
	if h.Replay != "" {
		fmt.Fprintf(w, "# replay:    %s\n", h.Replay)
	}
	if h.Message != "" {
		fmt.Fprintf(w, "# message:   %s\n", h.Message)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// FormatPath renders an index path as "0/1/0/4".
func FormatPath(path []int) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = strconv.Itoa(p)
	}
	return strings.Join(parts, "/")
}

// verdictLine is the line between the steps and the final state.
func verdictLine(h *Header, t *model.Trace) string {
	name := strconv.Quote(h.Property)
	var s string
	switch {
	case h.Result == ResultWitness:
		s = fmt.Sprintf("witnessed after step %d: %s (%s)", t.Len(), name, h.Expect)
	case t.Lasso():
		s = fmt.Sprintf("violated by a loop from step %d: %s (%s)", t.Loop, name, h.Expect)
	default:
		s = fmt.Sprintf("violated after step %d: %s (%s)", t.Len(), name, h.Expect)
	}
	return s // the engine's message is in the header, printed once
}
