package counterexamples

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// asMermaid writes a Sequence in Mermaid's syntax, as WriteMermaid does
// without options: the reference a Sequence is compared with.
func asMermaid(sq *Sequence) string {
	var b strings.Builder
	b.WriteString("sequenceDiagram\n")
	for _, l := range sq.Lifelines {
		if l.Name != l.ID {
			fmt.Fprintf(&b, "    participant %s as %s\n", l.ID, mermaidText(l.Name))
		} else {
			fmt.Fprintf(&b, "    participant %s\n", l.ID)
		}
	}
	over := func(e SeqEvent) string {
		if e.From == e.To {
			return e.From
		}
		return e.From + "," + e.To
	}
	for i, e := range sq.Events {
		first := i == 0 || sq.Events[i-1].Step != e.Step
		if sq.Loop >= 0 && first && e.Step == sq.Loop+1 {
			b.WriteString("    loop forever\n")
		}
		switch e.Kind {
		case SeqMessage:
			fmt.Fprintf(&b, "    %s->>%s: %s\n", e.From, e.To, mermaidText(e.Text))
		case SeqDrop:
			fmt.Fprintf(&b, "    %s--x%s: %s (dropped)\n", e.From, e.To, mermaidText(e.Text))
		default:
			fmt.Fprintf(&b, "    Note over %s: %s\n", over(e), mermaidText(e.Text))
		}
	}
	if sq.Loop >= 0 {
		b.WriteString("    end\n")
	}
	return b.String()
}

// TestSequenceIsWhatMermaidDraws checks SequenceOf against WriteMermaid on
// the actor traces of the Mermaid tests: the same lifelines, arrows and
// notes in the same order, and the same loop.
func TestSequenceIsWhatMermaidDraws(t *testing.T) {
	lasso := &model.Trace{Loop: 2, Path: []int{0, 0, 1, 0, 0}, Steps: []model.Step{
		{},
		{Action: "deliver p0->p1 Prepare [vote yes]"},
		{Action: "crash p0"},
		{Action: "timeout p1 ask"},
		{Action: "drop p1->p0 DecisionReq"},
	}}
	for name, tr := range map[string]*model.Trace{"ready-aborts": readyAborts(), "lasso": lasso, "ping": pingTrace(t)} {
		t.Run(name, func(t *testing.T) {
			sq, err := SequenceOf(tr)
			require.NoError(t, err)
			var want strings.Builder
			require.NoError(t, WriteMermaid(&want, tr))
			assert.Equal(t, want.String(), asMermaid(sq))
			assert.Equal(t, tr.Loop, sq.Loop)
			assert.Equal(t, tr.Len(), sq.Steps)
		})
	}
}

func TestSequenceEvents(t *testing.T) {
	sq, err := SequenceOf(readyAborts())
	require.NoError(t, err)
	assert.Equal(t, []Lifeline{{"p0", "p0(coordinator)"}, {"p1", "p1(participant)"}, {"p2", "p2(participant)"}}, sq.Lifelines)
	assert.Contains(t, sq.Events, SeqEvent{Step: 1, Kind: SeqMessage, From: "p0", To: "p2", Text: "1. Prepare [vote yes]"})
	assert.Contains(t, sq.Events, SeqEvent{Step: 5, Kind: SeqDrop, From: "p1", To: "p0", Text: "5. Req(e0#1)"})
	assert.Contains(t, sq.Events, SeqEvent{Step: 4, Kind: SeqState, From: "p1", To: "p1", Text: "ABORT timers=none"})

	_, err = SequenceOf(&model.Trace{Loop: -1, Path: []int{0, 0}, Steps: []model.Step{{}, {Action: "inc a"}}})
	assert.ErrorContains(t, err, "not an actor step")
}
