package counterexamples

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
)

// JSONFormat is the "format" member of every JSON trace. The JSON form
// has the same version as the text form (Magic): both carry the same File.
const JSONFormat = "protocheck trace v1"

// A JSONTrace is the JSON form of a trace file: the header's fields typed,
// the path, and every step with its label and full state, each field
// marked when it changed. It is what `check run -o x.json` writes, what
// -json output embeds for each violation and what the explorer serves.
// The path is authoritative, as in the text form; the labels are checked
// on replay and the states are for people and tools.
type JSONTrace struct {
	Format    string     `json:"format"`              // JSONFormat
	Protocol  string     `json:"protocol"`            // the protocol's name in the CLI catalogue
	Params    JSONParams `json:"params"`              // the configuration
	Property  string     `json:"property"`            // the property's stable name
	Expect    string     `json:"expectation"`         // model.Expectation.String()
	Result    string     `json:"result"`              // ResultCounterexample or ResultWitness
	Engine    string     `json:"engine,omitempty"`    // the engine that found the trace
	Seed      uint64     `json:"seed"`                // the run's seed
	Counts    JSONCounts `json:"counts"`              // the run's counts
	Reproduce string     `json:"reproduce,omitempty"` // a command that reruns the search
	Replay    string     `json:"replay,omitempty"`    // a command that replays the file
	Message   string     `json:"message,omitempty"`   // the engine's detail, one line
	Path      []int      `json:"path"`                // the replayable index path
	Loop      int        `json:"loop"`                // where a lasso's loop starts (index into Steps); -1 for a finite path
	Verdict   string     `json:"verdict,omitempty"`   // the text form's verdict line; for people, not read back
	Steps     []JSONStep `json:"steps"`               // one per path index, the initial state first
}

// JSONParams is Header.Params, typed.
type JSONParams struct {
	Variant  string    `json:"variant"`
	Args     []JSONArg `json:"args"`              // the spec's parameters, in its order
	Network  string    `json:"network,omitempty"` // "" for a model that is not an actor system
	Faults   string    `json:"faults,omitempty"`  // fault budgets as -faults takes them ("none"); only with a network
	Symmetry bool      `json:"symmetry"`
	Stutter  bool      `json:"stutter,omitempty"`
}

// A JSONArg is one parameter's value, as typed on the command line.
type JSONArg struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// JSONCounts are the run's counts, as the text header's counts line.
type JSONCounts struct {
	Generated int64 `json:"generated"` // successor states computed
	Distinct  int64 `json:"distinct"`  // distinct states stored
	Depth     int   `json:"depth"`     // deepest level reached
}

// A JSONStep is one state on the path and the step that reached it.
type JSONStep struct {
	Action string `json:"action"` // the step's label; "" for the initial state
	// State is the full state, one field a line as the text form's final
	// state prints it; a state shown as a whole has one unnamed field a
	// line. Absent in a file read from the text form.
	State []JSONField `json:"state,omitempty"`
	// Removed names the fields of the previous state that this one no
	// longer has (the text form prints them as name=<removed>).
	Removed []string `json:"removed,omitempty"`
}

// A JSONField is one named part of a state.
type JSONField struct {
	Name  string `json:"name,omitempty"` // "" for a line of a state shown as a whole
	Value string `json:"value"`
	// Changed: the value differs from the previous state's (or the
	// previous state did not have the field); false in the initial state.
	Changed bool `json:"changed,omitempty"`
}

// Line is the field as the text form prints it: name=value, or the value
// alone for a state shown as a whole.
func (f JSONField) Line() string {
	if f.Name == "" {
		return f.Value
	}
	return f.Name + "=" + f.Value
}

// JSONOf builds the JSON form of f. Like Write it needs every step's
// state, and it refuses what Write refuses.
func JSONOf(f *File) (*JSONTrace, error) {
	if err := validate(f); err != nil {
		return nil, err
	}
	h, t := &f.Header, &f.Trace
	result := h.Result
	if result == "" {
		result = ResultCounterexample
	}
	jt := &JSONTrace{
		Format: JSONFormat, Protocol: h.Protocol, Params: jsonParams(h.Params),
		Property: h.Property, Expect: h.Expect.String(), Result: result, Engine: h.Engine, Seed: h.Seed,
		Counts:    JSONCounts{Generated: h.Generated, Distinct: h.Distinct, Depth: h.MaxDepth},
		Reproduce: h.Reproduce, Replay: h.Replay, Message: h.Message,
		Path: append([]int{}, t.Path...), Loop: t.Loop, Verdict: verdictLine(h, t),
	}
	var prev any
	for i, s := range t.Steps {
		jt.Steps = append(jt.Steps, StepView(s.Action, prev, s.State, i > 0))
		prev = s.State
	}
	return jt, nil
}

func jsonParams(p Params) JSONParams {
	jp := JSONParams{Variant: p.Variant, Args: []JSONArg{}, Network: p.Network, Symmetry: p.Symmetry, Stutter: p.Stutter}
	for _, a := range p.Args {
		jp.Args = append(jp.Args, JSONArg{Name: a.Name, Value: a.Value})
	}
	if p.Network != "" {
		jp.Faults = p.Faults.String()
	}
	return jp
}

// StepView renders one step as the JSON form shows it: its label, the
// full state reached, and, when diff is set, the fields that changed since
// prev and those prev had and state lacks. It is what the explorer shows
// of a state and of the steps enabled in it.
func StepView(action string, prev, state any, diff bool) JSONStep {
	cur := viewFields(state)
	st := JSONStep{Action: action, State: make([]JSONField, len(cur))}
	if !diff {
		for i, f := range cur {
			st.State[i] = JSONField{Name: f.name, Value: f.value}
		}
		return st
	}
	old := viewFields(prev)
	named := make(map[string]string, len(old))
	lines := map[string]int{} // a whole state's lines, counted
	for _, f := range old {
		if f.name == "" {
			lines[f.value]++
		} else {
			named[f.name] = f.value
		}
	}
	now := make(map[string]bool, len(cur))
	for i, f := range cur {
		changed := false
		if f.name == "" {
			changed = lines[f.value] == 0
			lines[f.value]--
		} else {
			v, ok := named[f.name]
			changed = !ok || v != f.value
			now[f.name] = true
		}
		st.State[i] = JSONField{Name: f.name, Value: f.value, Changed: changed}
	}
	for _, f := range old {
		if f.name != "" && !now[f.name] && !related(f.name, now) {
			st.Removed = append(st.Removed, f.name)
		}
	}
	return st
}

// StateLines renders a state as a trace's final state prints it, one
// field a line.
func StateLines(state any) []string { return finalLines(state) }

// viewFields is finalLines as fields: a state shown as a whole gives one
// unnamed field a line.
func viewFields(state any) []field {
	if s, ok := wholeString(state); ok && len(stringFields(s)) == 0 {
		var out []field
		for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			out = append(out, field{"", line})
		}
		return out
	}
	return flatten(state)
}

// WriteJSON writes the JSON form of f to w, indented, ending in a newline.
func WriteJSON(w io.Writer, f *File) error {
	jt, err := JSONOf(f)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jt)
}

// ParseJSON reads the JSON form. As Parse does for the text form, it
// returns the header, the path, the loop start and each step's label
// (State is nil), with Final holding the last state's lines; and it is as
// strict: an unknown member, a missing protocol or property, a path and
// steps of different lengths, an empty loop or anything after the object
// is an error wrapping ErrSyntax.
func ParseJSON(r io.Reader) (*File, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var jt JSONTrace
	if err := dec.Decode(&jt); err != nil {
		return nil, fmt.Errorf("%w: JSON: %v", ErrSyntax, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: JSON: text after the trace object", ErrSyntax)
	}
	f, err := jt.File()
	if err != nil {
		return nil, fmt.Errorf("%w: JSON: %v", ErrSyntax, err)
	}
	return f, nil
}

// File converts the JSON form back into a File, as ParseJSON returns it.
func (jt *JSONTrace) File() (*File, error) {
	switch {
	case jt.Format != JSONFormat:
		return nil, fmt.Errorf("not a protocheck trace: want format %q, got %q", JSONFormat, jt.Format)
	case jt.Protocol == "" || jt.Property == "":
		return nil, errors.New("a trace needs a protocol and a property")
	case jt.Result != "" && jt.Result != ResultCounterexample && jt.Result != ResultWitness:
		return nil, fmt.Errorf("result %q: want %q or %q", jt.Result, ResultCounterexample, ResultWitness)
	case jt.Path == nil:
		return nil, errors.New("no path")
	}
	expect, ok := ParseExpectation(jt.Expect)
	if !ok {
		return nil, fmt.Errorf("unknown expectation %q", jt.Expect)
	}
	params, err := jt.Params.params()
	if err != nil {
		return nil, err
	}
	f := &File{Header: Header{
		Protocol: jt.Protocol, Params: params, Property: jt.Property, Expect: expect, Result: jt.Result,
		Engine: jt.Engine, Seed: jt.Seed, Generated: jt.Counts.Generated, Distinct: jt.Counts.Distinct,
		MaxDepth: jt.Counts.Depth, Reproduce: jt.Reproduce, Replay: jt.Replay, Message: jt.Message,
	}}
	f.Trace.Path, f.Trace.Loop = append([]int(nil), jt.Path...), jt.Loop
	for i, p := range jt.Path {
		if p < 0 {
			return nil, fmt.Errorf("path element %d is %d: want a non-negative integer", i, p)
		}
	}
	for i, s := range jt.Steps {
		if i == 0 && s.Action != "" {
			return nil, fmt.Errorf("step 0 is the initial state: its action must be empty, got %q", s.Action)
		}
		f.Trace.Steps = append(f.Trace.Steps, stepOf(s))
	}
	if err := validate(f); err != nil {
		return nil, err
	}
	if last := jt.Steps[len(jt.Steps)-1]; len(last.State) > 0 {
		for _, fl := range last.State {
			f.Final = append(f.Final, fl.Line())
		}
	}
	return f, nil
}

// stepOf is a step as the parsers return it: the label, no state.
func stepOf(s JSONStep) model.Step { return model.Step{Action: s.Action} }

func (p JSONParams) params() (Params, error) {
	out := Params{Config: catalog.Config{Variant: p.Variant, Network: p.Network}, Symmetry: p.Symmetry, Stutter: p.Stutter}
	for _, a := range p.Args {
		switch {
		case a.Name == "" || strings.ContainsAny(a.Name+a.Value, " \t\r\n="):
			return out, fmt.Errorf("params: argument %q=%q: want a name and a value without spaces or '='", a.Name, a.Value)
		case out.Config.Has(a.Name):
			return out, fmt.Errorf("params: %s given twice", a.Name)
		}
		out.Args = append(out.Args, catalog.Arg{Name: a.Name, Value: a.Value})
	}
	if p.Faults != "" {
		faults, err := catalog.ParseFaults(p.Faults)
		if err != nil {
			return out, fmt.Errorf("params: faults %q: %v", p.Faults, err)
		}
		out.Faults = faults
	}
	return out, nil
}

// ParseAny reads a trace in either form, told apart by content: the JSON
// form is an object (its first non-blank character is '{'), the text form
// starts with Magic.
func ParseAny(r io.Reader) (*File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if IsJSON(data) {
		return ParseJSON(bytes.NewReader(data))
	}
	return Parse(bytes.NewReader(data))
}

// IsJSON reports whether data holds a trace's JSON form rather than its
// text form: its first non-blank character is '{'.
func IsJSON(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

// Load reads and parses the trace file at name, in either form; errors
// name the file.
func Load(name string) (*File, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f, err := ParseAny(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// Save writes f to name in the form its extension names: JSON for
// ".json", the text form otherwise. It creates parent directories.
func Save(name string, f *File) error {
	if !strings.EqualFold(filepath.Ext(name), ".json") {
		return WriteFile(name, f)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, f); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b.Bytes(), 0o644)
}
