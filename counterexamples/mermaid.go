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

// WriteMermaid renders an actor model's trace as a Mermaid sequence
// diagram: one lifeline per process, an arrow per delivered message (a
// crossed arrow for a dropped one), notes for timeouts, crashes, restarts
// and partitions, and a loop box around a lasso's loop. It returns an error
// for a trace whose labels are not the actor layer's.
func WriteMermaid(w io.Writer, t *model.Trace) error {
	procs, err := lifelines(t)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "sequenceDiagram")
	for _, p := range procs {
		fmt.Fprintf(bw, "    participant %s\n", p)
	}
	for i, s := range t.Steps {
		if i == 0 {
			continue
		}
		if i == t.Loop+1 && t.Lasso() {
			fmt.Fprintln(bw, "    loop forever")
		}
		fmt.Fprintf(bw, "    %s\n", mermaidLine(i, s.Action, procs))
	}
	if t.Lasso() {
		fmt.Fprintln(bw, "    end")
	}
	return bw.Flush()
}

// lifelines returns the processes a trace's labels name, in id order, or an
// error if a label is not an actor step.
func lifelines(t *model.Trace) ([]string, error) {
	seen := map[string]bool{}
	for i, s := range t.Steps[1:] {
		if mermaidLine(i+1, s.Action, nil) == "" {
			return nil, fmt.Errorf("counterexamples: step %d %q is not an actor step: no sequence diagram", i+1, s.Action)
		}
		for _, p := range procName.FindAllString(s.Action, -1) {
			seen[p] = true
		}
	}
	procs := make([]string, 0, len(seen))
	for p := range seen {
		procs = append(procs, p)
	}
	sort.Slice(procs, func(i, j int) bool {
		a, _ := strconv.Atoi(procs[i][1:])
		b, _ := strconv.Atoi(procs[j][1:])
		return a < b
	})
	return procs, nil
}

// mermaidLine renders step i, or returns "" for a label that is not an
// actor step.
func mermaidLine(i int, label string, procs []string) string {
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
	if strings.HasPrefix(label, "partition ") || label == "heal" {
		over := "p0"
		if len(procs) > 1 {
			over = procs[0] + "," + procs[len(procs)-1]
		}
		return fmt.Sprintf("Note over %s: %d. %s", over, i, mermaidText(label))
	}
	return ""
}

// mermaidText keeps a label from breaking the diagram's syntax.
func mermaidText(s string) string {
	return strings.NewReplacer(";", ",", "#", "", "\n", " ").Replace(s)
}
