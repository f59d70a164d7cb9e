package counterexamples

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

func TestWriteMermaid(t *testing.T) {
	tr := &model.Trace{Loop: 2, Path: []int{0, 0, 1, 0, 0}, Steps: []model.Step{
		{},
		{Action: "deliver p0->p1 Prepare [vote yes]"},
		{Action: "crash p0"},
		{Action: "timeout p1 ask"},
		{Action: "drop p1->p0 DecisionReq"},
	}}
	var b strings.Builder
	require.NoError(t, WriteMermaid(&b, tr))
	assert.Equal(t, `sequenceDiagram
    participant p0
    participant p1
    p0->>p1: 1. Prepare [vote yes]
    Note over p0: 2. crash
    loop forever
    Note over p1: 3. timeout ask
    p1--xp0: 4. DecisionReq (dropped)
    end
`, b.String())
}

func TestWriteMermaidRejectsOtherTraces(t *testing.T) {
	tr := &model.Trace{Loop: -1, Path: []int{0, 0}, Steps: []model.Step{{}, {Action: "RMPrepare(rm1)"}}}
	err := WriteMermaid(&strings.Builder{}, tr)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not an actor step")
}
