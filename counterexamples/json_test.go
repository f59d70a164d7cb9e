package counterexamples

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// wstate is a state shown as a whole: its String, possibly over several
// lines.
type wstate struct{ s string }

func (w wstate) String() string { return w.s }

// drawAnyFile draws a file whose states are structs (drawFile) or shown
// as a whole.
func drawAnyFile(t *rapid.T) *File {
	f := drawFile(t)
	if rapid.Bool().Draw(t, "whole") {
		line := rapid.StringMatching(`[a-z][a-z=]{0,6}( [a-z]{1,4})?`)
		for i := range f.Trace.Steps {
			lines := rapid.SliceOfN(line, 1, 3).Draw(t, "lines")
			f.Trace.Steps[i].State = wstate{strings.Join(lines, "\n")}
		}
	}
	return f
}

// TestJSONRoundTrip checks that the two forms carry the same file: parsing
// the text form and parsing the JSON form of any file give equal headers,
// paths, loops, labels and final states, equal to the file's own; and each
// form, written again from what the other parsed (states restored, as
// replay restores them), is byte for byte what was written first.
func TestJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := drawAnyFile(t)
		var text, js bytes.Buffer
		require.NoError(t, Write(&text, f))
		require.NoError(t, WriteJSON(&js, f))

		fromText, err := ParseAny(bytes.NewReader(text.Bytes()))
		require.NoError(t, err, "text:\n%s", text.String())
		fromJSON, err := ParseAny(bytes.NewReader(js.Bytes()))
		require.NoError(t, err, "JSON:\n%s", js.String())

		require.Equal(t, fromText.Header, fromJSON.Header, "headers of the two forms")
		require.Equal(t, fromText.Trace, fromJSON.Trace, "path, loop and labels of the two forms")
		require.Equal(t, fromText.Final, fromJSON.Final, "final states of the two forms")
		require.Equal(t, f.Trace.Path, fromJSON.Trace.Path)
		require.Equal(t, f.Trace.Loop, fromJSON.Trace.Loop)
		require.NoError(t, Check(fromJSON, &f.Trace))

		// text -> JSON and JSON -> text, with the states a replay would restore.
		restore := func(g *File) *File {
			out := *g
			out.Trace.Steps = append([]model.Step(nil), g.Trace.Steps...)
			for i := range out.Trace.Steps {
				out.Trace.Steps[i].State = f.Trace.Steps[i].State
			}
			return &out
		}
		var js2, text2 bytes.Buffer
		require.NoError(t, WriteJSON(&js2, restore(fromText)))
		require.NoError(t, Write(&text2, restore(fromJSON)))
		require.Equal(t, js.String(), js2.String(), "JSON written from the parsed text form")
		require.Equal(t, text.String(), text2.String(), "text written from the parsed JSON form")
	})
}

// TestJSONChangesMatchText checks the JSON form's change marks against the
// text form's step lines: at every step the fields marked changed, plus the
// removed ones, are exactly the fields the text prints.
func TestJSONChangesMatchText(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := drawFile(t)
		jt, err := JSONOf(f)
		require.NoError(t, err)
		for i := 1; i < len(f.Trace.Steps); i++ {
			var want []string
			for _, fl := range diff(flatten(f.Trace.Steps[i-1].State), flatten(f.Trace.Steps[i].State)) {
				want = append(want, fl.name+"="+fl.value)
			}
			var got []string
			for _, fl := range jt.Steps[i].State {
				if fl.Changed {
					got = append(got, fl.Line())
				}
			}
			for _, name := range jt.Steps[i].Removed {
				got = append(got, name+"=<removed>")
			}
			require.Equal(t, want, got, "step %d", i)
		}
		for _, fl := range jt.Steps[0].State {
			require.False(t, fl.Changed, "nothing is marked changed in the initial state")
		}
	})
}

func TestJSONGolden(t *testing.T) {
	f := &File{Header: goldenHeader(), Trace: goldenTrace()}
	jt, err := JSONOf(f)
	require.NoError(t, err)
	assert.Equal(t, JSONFormat, jt.Format)
	assert.Equal(t, "always", jt.Expect)
	assert.Equal(t, `violated after step 3: "mutual exclusion" (always)`, jt.Verdict)
	assert.Equal(t, []JSONArg{{"n", "2"}}, jt.Params.Args)
	assert.Equal(t, "drop=1,dup=2", jt.Params.Faults)
	step := jt.Steps[2] // deliver p1->p2 Req(1)
	assert.Equal(t, "deliver p1->p2 Req(1)", step.Action)
	assert.Contains(t, step.State, JSONField{Name: "Note", Value: `"voted once"`, Changed: true})
	assert.Contains(t, step.State, JSONField{Name: "Procs[0].Clock", Value: "1"}, "an unchanged field is not marked")
	assert.Equal(t, []string{"Procs[0].Role=cs", "Procs[0].Clock=3"}, StateLines(f.Trace.Steps[3].State)[:2])
}

func TestParseJSONStrict(t *testing.T) {
	f := &File{Header: goldenHeader(), Trace: goldenTrace()}
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, f))
	good := b.String()
	_, err := ParseJSON(strings.NewReader(good))
	require.NoError(t, err)
	cases := []struct{ name, old, new, err string }{
		{"unknown member", `"property":`, `"proprety": "x", "property":`, `unknown field "proprety"`},
		{"format", `"format": "protocheck trace v1"`, `"format": "v2"`, `want format "protocheck trace v1"`},
		{"expectation", `"expectation": "always"`, `"expectation": "forever"`, `unknown expectation "forever"`},
		{"result", `"result": "counterexample"`, `"result": "oops"`, `result "oops"`},
		{"no protocol", `"protocol": "demo"`, `"protocol": ""`, "needs a protocol and a property"},
		{"empty loop", `"loop": -1`, `"loop": 3`, "empty loop"},
		{"loop range", `"loop": -1`, `"loop": 9`, "out of range"},
		{"short path", `"path": [`, `"path": [7,`, "5 indices"},
		{"negative index", `"path": [`, `"path": [-1,`, "non-negative"},
		{"initial label", `"action": ""`, `"action": "start"`, "action must be empty"},
		{"label lines", `"action": "p1 Enter"`, `"action": "p1\nEnter"`, "spans lines"},
		{"faults", `"faults": "drop=1,dup=2"`, `"faults": "lose=1"`, "faults"},
		{"args twice", `"args": [`, `"args": [{"name":"n","value":"3"},`, "n given twice"},
		{"trailing", "\n}\n", "\n}\n{}", "text after the trace object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, 1, strings.Count(good, c.old), "%q in:\n%s", c.old, good)
			_, err := ParseAny(strings.NewReader(strings.Replace(good, c.old, c.new, 1)))
			require.ErrorIs(t, err, ErrSyntax)
			assert.Contains(t, err.Error(), c.err)
		})
	}
}

func TestSaveLoadByExtension(t *testing.T) {
	dir := t.TempDir()
	f := &File{Header: goldenHeader(), Trace: goldenTrace()}
	for _, name := range []string{"a/x.trace", "b/x.json", "c/x.JSON"} {
		p := filepath.Join(dir, name)
		require.NoError(t, Save(p, f))
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		isJSON := strings.HasSuffix(strings.ToLower(name), ".json")
		assert.Equal(t, isJSON, IsJSON(data), "%s is written in the form its extension names", name)
		assert.Equal(t, !isJSON, strings.HasPrefix(string(data), Magic+"\n"))
		g, err := Load(p)
		require.NoError(t, err)
		assert.Equal(t, f.Trace.Path, g.Trace.Path)
		assert.Equal(t, goldenHeader().Property, g.Header.Property)
	}
	_, err := Load(filepath.Join(dir, "none.json"))
	require.Error(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.json"), []byte("  {\"format\": 1}"), 0o644))
	_, err = Load(filepath.Join(dir, "bad.json"))
	require.ErrorIs(t, err, ErrSyntax)
	assert.Contains(t, err.Error(), "bad.json")
}
