package counterexamples

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// Patterns of the actor layer's step labels (model/actor: "deliver p0->p1
// Prepare", "drop ...", "dup ...", "timeout p1 ask", "crash p2", "restart
// p2", "partition {p0} | {p1,p2}", "heal").
var (
	msgLabel     = regexp.MustCompile(`^(deliver|drop|dup) (p\d+)->(p\d+) (.*)$`)
	timeoutLabel = regexp.MustCompile(`^timeout (p\d+) (.*)$`)
	procLabel    = regexp.MustCompile(`^(crash|restart) (p\d+)$`)
	procName     = regexp.MustCompile(`p\d+`)
)

// MermaidOptions say what a diagram shows beyond the steps: the property
// the trace is about and how it fails, for the closing note. The zero
// value writes no closing note.
type MermaidOptions struct {
	// Property is the property's name; "" writes no closing note.
	Property string
	// Expect is how the property is checked; it words the closing note:
	// an Always property "fails here" after the last step, an Eventually
	// property "never holds" on the loop of a lasso or at the end of a
	// finite run.
	Expect model.Expectation
	// Witness: the trace witnesses the property (a Sometimes property
	// holds at its end) rather than violating it.
	Witness bool
	// Detail is the engine's message (Header.Message), appended to the
	// closing note; may be empty.
	Detail string
	_      struct{} // forbids positional literals
}

// MermaidOptions returns the options that describe h's property and
// result, for WriteMermaid.
func (h Header) MermaidOptions() MermaidOptions {
	return MermaidOptions{Property: h.Property, Expect: h.Expect, Witness: h.Result == ResultWitness, Detail: h.Message}
}

// A procNamer is a state that names its processes for people, in id
// order: model/actor's State gives "p0(coordinator)", the name of the
// process's field in the state's Fields.
type procNamer interface{ ProcNames() []string }

// An eventLister is a state with a history of client-visible events
// (model/actor's State): each event's client ("p2") and what happened
// ("call inc()").
type eventLister interface{ HistoryEvents() [][2]string }

// lifelineOf returns id when it is a lifeline, else the span of them all.
func lifelineOf(id string, ids []string) string {
	for _, x := range ids {
		if x == id {
			return id
		}
	}
	return span(ids)
}

// A lifeline is one process of the diagram: its id as labels write it
// ("p1") and its name as the state's fields write it ("p1(participant)").
type lifeline struct{ id, name string }

// WriteMermaid renders an actor model's trace as a Mermaid sequence
// diagram: one lifeline per process, named by id and role when the states
// know the roles; an arrow per delivered message (a crossed arrow for a
// dropped one); notes for timeouts, crashes, restarts and partitions;
// notes with each process's initial state, and after each step a note over
// every process whose local state changed, with what changed ("ABORT
// timers=none"; a part that disappeared shows as "name=none"); a note over
// the client for every event added to the history ("history: return ok
// 2"); a loop box around a lasso's loop; and, given the options
// (at most one), a closing note that says where the property fails. It
// returns an error for a trace whose labels are not the actor layer's.
func WriteMermaid(w io.Writer, t *model.Trace, opts ...MermaidOptions) error {
	var o MermaidOptions
	if len(opts) > 1 {
		return fmt.Errorf("counterexamples: WriteMermaid takes at most one MermaidOptions, got %d", len(opts))
	}
	if len(opts) == 1 {
		o = opts[0]
	}
	procs, err := lifelines(t)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "sequenceDiagram")
	for _, p := range procs {
		if p.name != p.id {
			fmt.Fprintf(bw, "    participant %s as %s\n", p.id, mermaidText(p.name))
		} else {
			fmt.Fprintf(bw, "    participant %s\n", p.id)
		}
	}
	ids := make([]string, len(procs))
	for i, p := range procs {
		ids[i] = p.id
	}
	var prev []field
	var prevEvents int
	for i, s := range t.Steps {
		if i == t.Loop+1 && t.Lasso() {
			fmt.Fprintln(bw, "    loop forever")
		}
		if i > 0 {
			fmt.Fprintf(bw, "    %s\n", mermaidLine(i, s.Action, ids))
		}
		cur := flatten(s.State)
		for _, p := range procs {
			if change := procChange(prev, cur, p.name, i == 0); change != "" {
				fmt.Fprintf(bw, "    Note over %s: %s\n", p.id, mermaidText(change))
			}
		}
		prev = cur
		if el, ok := s.State.(eventLister); ok {
			events := el.HistoryEvents()
			for _, e := range events[min(prevEvents, len(events)):] {
				fmt.Fprintf(bw, "    Note over %s: %s\n", lifelineOf(e[0], ids), mermaidText("history: "+e[1]))
			}
			prevEvents = len(events)
		}
	}
	if t.Lasso() {
		fmt.Fprintln(bw, "    end")
	}
	if o.Property != "" && len(ids) > 0 {
		fmt.Fprintf(bw, "    Note over %s: %s\n", span(ids), mermaidText(closingNote(o, t.Lasso())))
	}
	return bw.Flush()
}

// closingNote says whether and where the property fails.
func closingNote(o MermaidOptions, lasso bool) string {
	var s string
	switch {
	case o.Witness:
		s = "✓ " + o.Property + " holds here"
	case o.Expect == model.ExpectEventually && lasso:
		s = "✗ " + o.Property + " never holds: the loop repeats forever"
	case o.Expect == model.ExpectEventually:
		s = "✗ " + o.Property + " never holds: the run ends here"
	case o.Expect.Liveness() && lasso:
		s = "✗ " + o.Property + " fails: the loop repeats forever"
	case o.Expect.Liveness():
		s = "✗ " + o.Property + " fails: the run ends here"
	default:
		s = "✗ " + o.Property + " fails here"
	}
	if o.Detail != "" {
		s += ": " + o.Detail
	}
	return s
}

// span returns the Note target that covers every lifeline: "p0,p2", or
// the only one.
func span(ids []string) string {
	if len(ids) == 1 {
		return ids[0]
	}
	return ids[0] + "," + ids[len(ids)-1]
}

// lifelines returns the processes of a trace, in id order: every process
// its initial state names (see procNamer), and every process its labels
// name. It returns an error if a label is not an actor step.
func lifelines(t *model.Trace) ([]lifeline, error) {
	seen := map[string]string{}
	for i, s := range t.Steps[1:] {
		if mermaidLine(i+1, s.Action, nil) == "" {
			return nil, fmt.Errorf("counterexamples: step %d %q is not an actor step: no sequence diagram", i+1, s.Action)
		}
		for _, p := range procName.FindAllString(s.Action, -1) {
			seen[p] = p
		}
	}
	if len(t.Steps) > 0 {
		if pn, ok := t.Steps[0].State.(procNamer); ok {
			for i, name := range pn.ProcNames() {
				seen["p"+strconv.Itoa(i)] = name
			}
		}
	}
	procs := make([]lifeline, 0, len(seen))
	for id, name := range seen {
		procs = append(procs, lifeline{id, name})
	}
	sort.Slice(procs, func(i, j int) bool {
		a, _ := strconv.Atoi(procs[i].id[1:])
		b, _ := strconv.Atoi(procs[j].id[1:])
		return a < b
	})
	return procs, nil
}

// mermaidLine renders step i, or returns "" for a label that is not an
// actor step. ids are the lifelines, in id order.
func mermaidLine(i int, label string, ids []string) string {
	if m := msgLabel.FindStringSubmatch(label); m != nil {
		text := fmt.Sprintf("%d. %s", i, mermaidText(m[4]))
		switch m[1] {
		case "drop":
			return fmt.Sprintf("%s--x%s: %s (dropped)", m[2], m[3], text)
		case "dup":
			return fmt.Sprintf("Note over %s,%s: %s duplicated", m[2], m[3], text)
		}
		return fmt.Sprintf("%s->>%s: %s", m[2], m[3], text)
	}
	if m := timeoutLabel.FindStringSubmatch(label); m != nil {
		return fmt.Sprintf("Note over %s: %d. timeout %s", m[1], i, mermaidText(m[2]))
	}
	if m := procLabel.FindStringSubmatch(label); m != nil {
		return fmt.Sprintf("Note over %s: %d. %s", m[2], i, m[1])
	}
	if strings.HasPrefix(label, "partition ") || label == "heal" || label == "tick" {
		over := "p0"
		if len(ids) > 0 {
			over = span(ids)
		}
		return fmt.Sprintf("Note over %s: %d. %s", over, i, mermaidText(label))
	}
	return ""
}

// mermaidText keeps a text from breaking the diagram's syntax: '#' and ';'
// become Mermaid's entity codes (so "e0#1" still reads "e0#1"), a line
// break a space.
func mermaidText(s string) string {
	return strings.NewReplacer("#", "#35;", ";", "#59;", "\n", " ", "\r", " ").Replace(s)
}
