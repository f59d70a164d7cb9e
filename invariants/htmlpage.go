package invariants

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	"github.com/anishathalye/porcupine"
)

// PageInfo says what a linearizability page shows; it heads the page.
type PageInfo struct {
	Protocol string   // the protocol, e.g. "rpc"
	Params   string   // the run's parameters, e.g. "n=1 variant=at-least-once network=unordered"
	Property string   // the property checked, e.g. "linearizable"
	Verdict  string   // the run's verdict on the property, e.g. "violated after step 8"
	Clients  []string // optional: each client's name, indexed by Op.Client ("p2(client)"); "client 0" when absent
	_        struct{} // forbids positional literals
}

// WriteHTMLPage writes porcupine's view of the checked history (as
// WriteHTML does) headed by a block that says what the page shows: the
// protocol, parameters, property and verdict of p; porcupine's own
// verdict on the history; and a list of the operations. For a history that
// is not linearizable the list marks the offending operations: the longest
// linearizable prefix porcupine found, and the operations that cannot take
// effect after it (checked again here with the sequential model, so the
// page never claims what the model does not confirm).
func (l Linearization) WriteHTMLPage(w io.Writer, p PageInfo) error {
	if l.model.Init == nil {
		return fmt.Errorf("invariants: WriteHTMLPage on a zero Linearization")
	}
	var buf bytes.Buffer
	if err := porcupine.Visualize(l.model, l.info, &buf); err != nil {
		return err
	}
	page := buf.String()
	const title, body = "<title>Porcupine</title>", "<body>"
	t, b := strings.Index(page, title), strings.Index(page, body)
	if t < 0 || b < t {
		return fmt.Errorf("invariants: porcupine's page has no %s before %s: cannot add the header", title, body)
	}
	var out strings.Builder
	out.WriteString(page[:t])
	fmt.Fprintf(&out, "<title>%s</title>", esc("protocheck: "+p.Protocol+": "+p.Property))
	out.WriteString(page[t+len(title) : b+len(body)])
	l.writeHeader(&out, p)
	out.WriteString(page[b+len(body):])
	_, err := io.WriteString(w, out.String())
	return err
}

// An opMark says what the header list shows about one operation.
type opMark struct {
	pos   int    // 1-based position in the prefix shown; 0 when not in it
	state string // the object's state after it, when in the prefix
	stuck bool   // cannot take effect after the prefix
}

// analysis is what the header says about the history.
type analysis struct {
	summary string
	marks   []opMark // indexed like l.ops
}

// analyse describes the longest (partial) linearization porcupine found,
// replaying it with the model, and for a history that is not linearizable
// finds the operations that cannot follow it.
func (l Linearization) analyse(p PageInfo) analysis {
	a := analysis{marks: make([]opMark, len(l.ops))}
	prefix := l.longest()
	state := l.model.Init()
	for i, id := range prefix {
		ok, next := l.model.Step(state, l.ops[id].Input, l.ops[id].Output)
		if !ok {
			a.marks = make([]opMark, len(l.ops))
			a.summary = "porcupine's partial linearization does not replay with the model; see the view below."
			return a
		}
		state = next
		a.marks[id] = opMark{pos: i + 1, state: l.model.DescribeState(state)}
	}
	if l.OK {
		a.summary = fmt.Sprintf("The history is linearizable: all %d operations take effect in the order numbered below.", len(l.ops))
		return a
	}
	a.summary = fmt.Sprintf("The history has no linearization. The longest linearizable prefix porcupine found takes %d of the %d operations.",
		len(prefix), len(l.ops))
	first := -1 // the remaining operation that returned first
	for id, op := range l.ops {
		if a.marks[id].pos == 0 && (first < 0 || op.Return < l.ops[first].Return) {
			first = id
		}
	}
	if first < 0 {
		return a
	}
	// An operation may come next only if it was called before every
	// remaining operation returned, that is before first returned.
	var stuck []int
	for id, op := range l.ops {
		if a.marks[id].pos > 0 || op.Call > l.ops[first].Return {
			continue
		}
		if ok, _ := l.model.Step(state, op.Input, op.Output); ok {
			return a // the prefix can be extended: say no more than porcupine did
		}
		stuck = append(stuck, id)
	}
	for _, id := range stuck {
		a.marks[id].stuck = true
	}
	where := "the state after the prefix"
	if len(prefix) == 0 {
		where = "the initial state"
	}
	a.summary += fmt.Sprintf(" It ends before %s, the first remaining operation to return: in %s (%s) ",
		l.opName(first, p), where, l.model.DescribeState(state))
	switch others := len(stuck) - 1; others {
	case 0:
		a.summary += "it cannot take effect, and no other operation was called before it returned."
	case 1:
		a.summary += "neither it nor the other operation called before it returned can take effect."
	default:
		a.summary += fmt.Sprintf("neither it nor any of the %d other operations called before it returned can take effect.", others)
	}
	return a
}

// longest returns the longest partial linearization porcupine found (the
// complete one for a linearizable history), the first in order of ids
// among equally long ones, so that the page is deterministic.
func (l Linearization) longest() []int {
	parts := l.info.PartialLinearizations()
	if len(parts) == 0 || len(parts[0]) == 0 {
		return nil
	}
	cands := slices.Clone(parts[0])
	slices.SortFunc(cands, func(a, b []int) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return slices.Compare(a, b)
	})
	return cands[0]
}

func opNumber(id int) string { return fmt.Sprintf("op %d", id+1) }

// opName formats an operation as "op 3 (p2(client): inc() -> 2)".
func (l Linearization) opName(id int, p PageInfo) string {
	op := l.ops[id]
	return fmt.Sprintf("%s (%s: %s)", opNumber(id), clientName(op.ClientId, p), l.model.DescribeOperation(op.Input, op.Output))
}

func clientName(c int, p PageInfo) string {
	if c >= 0 && c < len(p.Clients) {
		return p.Clients[c]
	}
	return fmt.Sprintf("client %d", c)
}

// writeHeader writes the header block. The fixed legend of porcupine's
// view sits over the top of the page, hence the top margin.
func (l Linearization) writeHeader(w *strings.Builder, p PageInfo) {
	a := l.analyse(p)
	verdict := "not linearizable"
	if l.OK {
		verdict = "linearizable"
	}
	w.WriteString("\n<div id=\"protocheck\" style=\"margin:55px 10px 10px 10px;padding:4px 12px;border:1px solid #999;border-radius:4px\">\n")
	fmt.Fprintf(w, "<h1 style=\"font-size:1.2rem\">protocheck: %s</h1>\n<table>\n", esc(p.Protocol+": "+p.Property))
	for _, row := range [][2]string{
		{"protocol", p.Protocol}, {"parameters", p.Params}, {"property", p.Property},
		{"verdict", p.Verdict}, {"this history", verdict + " (porcupine)"},
	} {
		fmt.Fprintf(w, "<tr><th style=\"text-align:left;padding-right:1em\">%s</th><td>%s</td></tr>\n", row[0], esc(row[1]))
	}
	fmt.Fprintf(w, "</table>\n<p id=\"summary\">%s</p>\n", esc(a.summary))
	w.WriteString("<ul id=\"operations\">\n")
	for id, op := range l.ops {
		when := fmt.Sprintf("called at %d, returned at %d", op.Call, op.Return)
		if _, pending := op.Output.(pendingOut); pending {
			when = fmt.Sprintf("called at %d, no response seen", op.Call)
		}
		m := a.marks[id]
		mark := "not in the prefix"
		switch {
		case m.pos > 0:
			mark = fmt.Sprintf("✓ linearized %d of %d; the state is then %s", m.pos, len(l.ops), m.state)
		case m.stuck:
			mark = "✗ cannot take effect after the prefix"
		}
		style := ""
		if m.stuck {
			style = ` style="color:#b00000;font-weight:bold"`
		}
		fmt.Fprintf(w, "<li%s>%s, %s: %s</li>\n", style, esc(l.opName(id, p)), esc(when), esc(mark))
	}
	w.WriteString("</ul>\n<p>Below, porcupine's view: one row per client, time flowing right (logical times: positions in the history); click an operation to see the partial linearizations through it.</p>\n</div>\n")
}

func esc(s string) string { return html.EscapeString(s) }
