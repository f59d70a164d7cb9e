package explorer

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/protocheck/protocheck/counterexamples"
)

// Layout of a sequence diagram, in SVG user units (pixels).
const (
	svgMargin  = 12
	svgColumn  = 170 // distance between lifelines
	svgHeader  = 30  // height of a lifeline's name box
	svgRow     = 26  // height of one event
	svgCharW   = 7   // approximate width of a character at the diagram's font size
	svgMinNote = 110 // narrowest note
)

// WriteSequenceSVG draws a sequence diagram as a standalone SVG element:
// lifelines with their names, an arrow per message (labelled in a <text>
// element: "3. Prepare"), a crossed dashed arrow per lost one, notes for
// the other steps and for what each step changed in a process, and a box
// labelled "loop forever" around a lasso's loop. Every event is a <g>
// with data-step="N", so a page can highlight one step.
func WriteSequenceSVG(w io.Writer, sq *counterexamples.Sequence) error {
	col := map[string]int{}
	for i, l := range sq.Lifelines {
		col[l.ID] = i
	}
	x := func(id string) int { return svgMargin + svgColumn/2 + col[id]*svgColumn }
	// Each event's row; a lasso's loop starts one row lower, under its label.
	top := svgMargin + svgHeader + 10
	ys := make([]int, len(sq.Events))
	y, loopTop, loopEnd := top, 0, 0
	for i, e := range sq.Events {
		if sq.Loop >= 0 && e.Step > sq.Loop && loopTop == 0 {
			loopTop = y
			y += svgRow * 2 / 3
		}
		ys[i] = y + svgRow/2
		y += svgRow
		if loopTop > 0 {
			loopEnd = y
		}
	}
	height := y + svgMargin + 8
	width := 2*svgMargin + max(1, len(sq.Lifelines))*svgColumn

	var body strings.Builder
	if loopTop > 0 {
		fmt.Fprintf(&body, `<g class="loop" data-loop="%d"><rect x="%d" y="%d" width="%d" height="%d" fill="#fff7e0" fill-opacity="0.5" stroke="#c77c02" stroke-width="1.5"/>`,
			sq.Loop, svgMargin/2, loopTop, width-svgMargin, loopEnd-loopTop+2)
		fmt.Fprintf(&body, `<text class="loop-label" x="%d" y="%d" fill="#c77c02" font-weight="bold">loop forever (back to step %d)</text></g>`+"\n",
			svgMargin/2+4, loopTop+13, sq.Loop)
	}
	right := width
	for i, e := range sq.Events {
		fmt.Fprintf(&body, `<g class="ev ev-%s" data-step="%d">`, e.Kind, e.Step)
		switch e.Kind {
		case counterexamples.SeqMessage, counterexamples.SeqDrop:
			writeArrow(&body, e, x(e.From), x(e.To), ys[i])
		default:
			right = max(right, writeNote(&body, e, x(e.From), x(e.To), ys[i])+svgMargin)
		}
		body.WriteString("</g>\n")
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="seq" width="%d" height="%d" viewBox="0 0 %d %d" font-family="monospace" font-size="12">`+"\n",
		right, height, right, height)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>` + "\n")
	for _, l := range sq.Lifelines {
		cx := x(l.ID)
		fmt.Fprintf(&b, `<g class="lifeline"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999" stroke-dasharray="4 3"/>`, cx, svgMargin+svgHeader, cx, height-svgMargin)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="#eef3fb" stroke="#5b7fb5"/>`, cx-svgColumn/2+8, svgMargin, svgColumn-16, svgHeader)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text></g>`+"\n", cx, svgMargin+svgHeader/2+4, esc(l.Name))
	}
	b.WriteString(body.String())
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeArrow draws a message: delivered (solid, arrowhead) or lost
// (dashed, a cross at the receiver); a message to oneself is a small loop.
func writeArrow(b *strings.Builder, e counterexamples.SeqEvent, x1, x2, y int) {
	colour, dash, head := "#222", "", ` marker-end="url(#arrow)"`
	label := e.Text
	if e.Kind == counterexamples.SeqDrop {
		colour, dash, head = "#c0392b", ` stroke-dasharray="5 3"`, ""
		label += " (lost)"
	}
	if x1 == x2 {
		fmt.Fprintf(b, `<path d="M%d,%d h30 v8 h-30" fill="none" stroke="%s"%s%s/>`, x1, y-4, colour, dash, head)
		fmt.Fprintf(b, `<text x="%d" y="%d" fill="%s">%s</text>`, x1+36, y+4, colour, esc(label))
		return
	}
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1.4"%s%s/>`, x1, y+4, x2, y+4, colour, dash, head)
	if e.Kind == counterexamples.SeqDrop {
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="%s" font-weight="bold">✕</text>`, x2, y+8, colour)
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="%s">%s</text>`, (x1+x2)/2, y, colour, esc(label))
}

// writeNote draws a note over one lifeline or a span of them.
// It returns the note's right edge. A note wider than the room left of
// its lifeline is moved right rather than cut off.
func writeNote(b *strings.Builder, e counterexamples.SeqEvent, x1, x2, y int) int {
	if x2 < x1 {
		x1, x2 = x2, x1
	}
	w := max(svgMinNote, len([]rune(e.Text))*svgCharW+12, x2-x1+svgMinNote)
	cx := max((x1+x2)/2, w/2+2)
	fill, stroke := "#fffbe6", "#d4b106"
	switch e.Kind {
	case counterexamples.SeqState:
		fill, stroke = "#f3f3f3", "#aaa"
	case counterexamples.SeqHistory:
		fill, stroke = "#e8f6ec", "#4a9a5f"
	}
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s" stroke="%s"/>`, cx-w/2, y-9, w, 20, fill, stroke)
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, cx, y+5, esc(e.Text))
	return cx + w/2
}

// esc escapes text for SVG (XML) content and attributes.
func esc(s string) string { return html.EscapeString(s) }
