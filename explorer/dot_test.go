package explorer

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// note is a state whose printed form has quotes and a backslash.
type note struct{ Text string }

func noteInstance(t *testing.T) *protocols.Instance {
	t.Helper()
	inst, err := protocols.Of(catalog.Spec[note, string]{
		Info: catalog.Info{Name: "note", Summary: "test only"},
		Build: func(catalog.Config) (model.Model[note, string], error) {
			return model.Func[note, string]{
				InitFn: func(yield func(note)) { yield(note{`say "hi"`}) },
				NextFn: func(s note, yield func(string, note)) {
					if len(s.Text) < 12 {
						yield(`append \`, note{s.Text + `\`})
					}
					yield(`keep "it"`, s)
				},
				KeyFn: func(dst []byte, s note) []byte { return append(dst, s.Text...) },
				Props: []model.Property[note]{model.Always("short", func(s note) bool { return len(s.Text) < 11 })},
			}, nil
		},
	}).Build(catalog.Config{})
	require.NoError(t, err)
	return inst
}

// dotString matches a DOT string: quotes inside are escaped.
var dotString = `"(?:[^"\\]|\\.)*"`

func TestWriteDOTEscapes(t *testing.T) {
	inst := noteInstance(t)
	res, err := inst.Check("bfs", explore.Options{Workers: 1}, nil)
	require.NoError(t, err)
	p, ok := res.Property("short")
	require.True(t, ok)
	require.Equal(t, explore.Violated, p.Status)
	g, err := inst.Graph(explore.Options{}, protocols.MaxGraphStates)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, WriteDOT(&b, g, DOTOptions{Title: `note "x"`, Trace: p.Trace, Property: p.Name}))
	out := b.String()

	node := regexp.MustCompile(`^  n\d+ \[label=` + dotString + `(, [a-z]+=(?:` + dotString + `|[\d.]+))*\];$`)
	edge := regexp.MustCompile(`^  n\d+ -> n\d+ \[label=` + dotString + `(, [a-z]+=(?:` + dotString + `|[\d.]+))*\];$`)
	nodes, edges := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[4:] {
		switch {
		case node.MatchString(line):
			nodes++
		case edge.MatchString(line):
			edges++
		case line == "}":
		default:
			t.Errorf("not a well-formed node or edge: %s", line)
		}
	}
	assert.Equal(t, len(g.Nodes), nodes)
	assert.Equal(t, len(g.Edges), edges)
	assert.Contains(t, out, `Text=\"say \\\"hi\\\"\"\l`, "the state's quotes and the value's quoting survive")
	assert.Contains(t, out, `label="keep \"it\""`)
	assert.Contains(t, out, `label="1. append \\"`, "a backslash is escaped, not an escape")
	assert.Equal(t, p.Trace.Len(), strings.Count(out, "penwidth=2.5"))

	if dot, err := exec.LookPath("dot"); err == nil {
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = strings.NewReader(out)
		svg, err := cmd.CombinedOutput()
		require.NoError(t, err, "Graphviz reads the file: %s", svg)
		assert.Contains(t, string(svg), "<svg")
	} else {
		t.Log("Graphviz's dot is not installed: the layout check was not run (the syntax checks above were)")
	}
}

func TestWriteDOTRefusesATraceOutsideTheGraph(t *testing.T) {
	g, err := noteInstance(t).Graph(explore.Options{}, protocols.MaxGraphStates)
	require.NoError(t, err)
	tr := &model.Trace{Path: []int{0}, Loop: -1, Steps: []model.Step{{State: note{"elsewhere"}}}}
	err = WriteDOT(&bytes.Buffer{}, g, DOTOptions{Trace: tr})
	assert.ErrorContains(t, err, "not in the graph")
}
