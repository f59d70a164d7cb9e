package explorer

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/counterexamples"
)

// svgTexts parses an SVG document (failing on malformed XML) and returns
// the content of its <text> elements, and the data-step of each event.
func svgTexts(t *testing.T, svg string) (texts []string, steps []string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return texts, steps
		}
		require.NoError(t, err, "well-formed SVG:\n%s", svg)
		switch el := tok.(type) {
		case xml.StartElement:
			inText = el.Name.Local == "text"
			for _, a := range el.Attr {
				if a.Name.Local == "data-step" {
					steps = append(steps, a.Value)
				}
			}
		case xml.CharData:
			if inText {
				texts = append(texts, string(el))
			}
		case xml.EndElement:
			inText = false
		}
	}
}

func TestSequenceSVG(t *testing.T) {
	sq := &counterexamples.Sequence{
		Lifelines: []counterexamples.Lifeline{{ID: "p0", Name: "p0(coordinator)"}, {ID: "p1", Name: "p1<&>"}},
		Events: []counterexamples.SeqEvent{
			{Step: 0, Kind: counterexamples.SeqState, From: "p0", To: "p0", Text: "WAIT timers=vote"},
			{Step: 1, Kind: counterexamples.SeqMessage, From: "p0", To: "p1", Text: "1. Prepare"},
			{Step: 2, Kind: counterexamples.SeqNote, From: "p0", To: "p0", Text: "2. crash"},
			{Step: 3, Kind: counterexamples.SeqDrop, From: "p1", To: "p0", Text: "3. Vote<yes>"},
			{Step: 4, Kind: counterexamples.SeqMessage, From: "p1", To: "p1", Text: "4. Ping"},
		},
		Loop: 2, Steps: 4,
	}
	var b strings.Builder
	require.NoError(t, WriteSequenceSVG(&b, sq))
	texts, steps := svgTexts(t, b.String())
	for _, want := range []string{"p0(coordinator)", "p1<&>", "WAIT timers=vote", "1. Prepare", "2. crash", "3. Vote<yes> (lost)", "4. Ping",
		"loop forever (back to step 2)"} {
		assert.Contains(t, texts, want, "a <text> element says %q", want)
	}
	assert.Equal(t, []string{"0", "1", "2", "3", "4"}, steps, "every event carries its step")
	assert.Contains(t, b.String(), `stroke-dasharray="5 3"`, "a lost message is dashed")

	// A note wider than the room left of its lifeline stays on the page.
	sq.Events[0].Text = strings.Repeat("x", 60)
	b.Reset()
	require.NoError(t, WriteSequenceSVG(&b, sq))
	assert.NotContains(t, b.String(), `<rect x="-`)
}
