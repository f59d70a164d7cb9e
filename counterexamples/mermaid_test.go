package counterexamples

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// astate is a state like model/actor's: one field per process, named by
// id and role, and the messages in flight.
type astate struct {
	procs []string // each process's local state, as actor.State prints it
	net   string
}

var roles = []string{"p0(coordinator)", "p1(participant)", "p2(participant)"}

func (s astate) ProcNames() []string { return roles }

func (s astate) Fields() []model.Field {
	out := make([]model.Field, 0, len(s.procs)+1)
	for i, p := range s.procs {
		out = append(out, model.Field{Name: roles[i], Value: p})
	}
	return append(out, model.Field{Name: "net", Value: s.net})
}

// readyAborts is the shape of twopc's ready-aborts counterexample: a READY
// participant times out and aborts while the coordinator commits.
func readyAborts() *model.Trace {
	st := func(p0, p1, p2, net string) astate { return astate{[]string{p0, p1, p2}, net} }
	return &model.Trace{Loop: -1, Path: []int{0, 2, 2, 0, 2, 1, 0}, Steps: []model.Step{
		{State: st("WAIT timers=vote", "INIT timers=vote", "INIT timers=vote", "[p0->p1 Prepare, p0->p2 Prepare]")},
		{Action: "deliver p0->p2 Prepare [vote yes]", State: st("WAIT timers=vote", "INIT timers=vote", "READY vote=yes timers=ask", "[p0->p1 Prepare, p2->p0 VoteYes]")},
		{Action: "deliver p2->p0 VoteYes", State: st("WAIT votes={p2} timers=vote", "INIT timers=vote", "READY vote=yes timers=ask", "[p0->p1 Prepare]")},
		{Action: "deliver p0->p1 Prepare [vote yes]", State: st("WAIT votes={p2} timers=vote", "READY vote=yes timers=ask", "READY vote=yes timers=ask", "[p1->p0 VoteYes]")},
		{Action: "timeout p1 ask", State: st("WAIT votes={p2} timers=vote", "ABORT vote=yes", "READY vote=yes timers=ask", "[p1->p0 VoteYes, p1->p0 Req(e0#1)]")},
		{Action: "drop p1->p0 Req(e0#1)", State: st("WAIT votes={p2} timers=vote", "ABORT vote=yes", "READY vote=yes timers=ask", "[p1->p0 VoteYes]")},
		{Action: "deliver p1->p0 VoteYes", State: st("COMMIT", "ABORT vote=yes", "READY vote=yes timers=ask", "[p0->p1 Commit, p0->p2 Commit]")},
	}}
}

// TestMermaidShowsRolesChangesAndFailure: lifelines carry roles, every
// local change is a note over its process (the participant's abort at step
// 4 among them), '#' survives as an entity, and the diagram ends where the
// property fails.
func TestMermaidShowsRolesChangesAndFailure(t *testing.T) {
	var b strings.Builder
	require.NoError(t, WriteMermaid(&b, readyAborts(), MermaidOptions{Property: "atomicity", Expect: model.ExpectAlways}))
	out := b.String()
	assert.Contains(t, out, "participant p1 as p1(participant)\n")
	assert.Contains(t, out, "Note over p1: 4. timeout ask\n    Note over p1: ABORT timers=none\n", "the abort shows")
	assert.True(t, strings.HasSuffix(out, "    Note over p0,p2: ✗ atomicity fails here\n"), "ends at the failure:\n%s", out)
	checkGolden(t, "mermaid-ready-aborts.golden", out)
}

func TestMermaidLasso(t *testing.T) {
	tr := &model.Trace{Loop: 2, Path: []int{0, 0, 1, 0, 0}, Steps: []model.Step{
		{},
		{Action: "deliver p0->p1 Prepare [vote yes]"},
		{Action: "crash p0"},
		{Action: "timeout p1 ask"},
		{Action: "drop p1->p0 DecisionReq"},
	}}
	h := goldenHeader()
	h.Property, h.Expect, h.Message = "every participant eventually decides", model.ExpectEventually, ""
	var b strings.Builder
	require.NoError(t, WriteMermaid(&b, tr, h.MermaidOptions()))
	out := b.String()
	assert.Contains(t, out, "    end\n    Note over p0,p1: ✗ every participant eventually decides never holds: the loop repeats forever\n",
		"the failure is noted after the loop box")
	checkGolden(t, "mermaid-lasso.golden", out)

	var plain strings.Builder
	require.NoError(t, WriteMermaid(&plain, tr))
	assert.Equal(t, strings.TrimSuffix(out, "    Note over p0,p1: ✗ every participant eventually decides never holds: the loop repeats forever\n"),
		plain.String(), "without options: the same diagram, no closing note")
}

func TestMermaidClosingNotes(t *testing.T) {
	for _, c := range []struct {
		o     MermaidOptions
		lasso bool
		want  string
	}{
		{MermaidOptions{Property: "safe"}, false, "✗ safe fails here"},
		{MermaidOptions{Property: "done", Expect: model.ExpectEventually}, false, "✗ done never holds: the run ends here"},
		{MermaidOptions{Property: "p ~> q", Expect: model.ExpectLeadsTo}, true, "✗ p ~> q fails: the loop repeats forever"},
		{MermaidOptions{Property: "commit reachable", Expect: model.ExpectSometimes, Witness: true}, false, "✓ commit reachable holds here"},
		{MermaidOptions{Property: "safe", Detail: "panic: boom"}, false, "✗ safe fails here: panic: boom"},
	} {
		assert.Equal(t, c.want, closingNote(c.o, c.lasso))
	}
}

func TestValueChange(t *testing.T) {
	assert.Equal(t, "ABORT timers=none", valueChange("READY vote=yes timers=ask", "ABORT vote=yes"))
	assert.Equal(t, "votes={p1,p2}", valueChange("WAIT votes={p2} timers=vote", "WAIT votes={p1,p2} timers=vote"))
	assert.Equal(t, "(down) votes=none timers=none", valueChange("WAIT votes={p2} timers=vote", "WAIT (down)"))
	assert.Equal(t, "WAIT", valueChange("WAIT (down)", "WAIT"), "a vanished bare part: the whole new value")
	assert.Equal(t, "running=[p2:e0#0 inc]", valueChange("counter=0 running=[]", "counter=0 running=[p2:e0#0 inc]"))
	assert.Equal(t, []string{"a", "b=[x y]", `c="q r"`, "d(e f)"}, splitParts(`a  b=[x y] c="q r" d(e f)`))
}

func TestWriteMermaidRejects(t *testing.T) {
	tr := &model.Trace{Loop: -1, Path: []int{0, 0}, Steps: []model.Step{{}, {Action: "RMPrepare(rm1)"}}}
	err := WriteMermaid(&strings.Builder{}, tr)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not an actor step")

	ok := &model.Trace{Loop: -1, Path: []int{0, 0}, Steps: []model.Step{{}, {Action: "crash p0"}}}
	assert.Error(t, WriteMermaid(&strings.Builder{}, ok, MermaidOptions{}, MermaidOptions{}), "two option sets")
}
