package counterexamples

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const minimal = `# protocheck trace v1
# protocol:  demo
# property:  "safe" (always)
path 0/1
   0  (initial state)
        x=0
   1  inc
        x=1
`

func TestParseMinimal(t *testing.T) {
	f, err := Parse(strings.NewReader(minimal))
	require.NoError(t, err)
	assert.Equal(t, "demo", f.Header.Protocol)
	assert.Equal(t, "safe", f.Header.Property)
	assert.Equal(t, []int{0, 1}, f.Trace.Path)
	assert.Equal(t, -1, f.Trace.Loop)
	assert.Equal(t, "inc", f.Trace.Steps[1].Action)
}

// TestParseErrors checks that each kind of damage gives ErrSyntax with the
// line number of the damage.
func TestParseErrors(t *testing.T) {
	edit := func(old, new string) string { return strings.Replace(minimal, old, new, 1) }
	cases := []struct{ name, text, want string }{
		{"empty", "", "empty file"},
		{"no magic", "hello\n", "line 1: not a protocheck trace"},
		{"bad path", edit("path 0/1", "path 0/x"), `line 4: path element 1 is "x"`},
		{"negative path", edit("path 0/1", "path 0/-1"), `line 4: path element 1 is "-1"`},
		{"empty path", edit("path 0/1", "path"), `line 4: want "path i/j/k"`},
		{"no path", edit("path 0/1\n", ""), "line 4: want a header line"},
		{"step out of order", edit("   1  inc", "   2  inc"), "line 7: step 2 out of order: want step 1"},
		{"garbage step", edit("   1  inc", "inc"), `line 7: want a step line`},
		{"too few steps", edit("path 0/1", "path 0/1/2"), "line 8: path has 3 indices but 2 steps are listed"},
		{"no protocol", edit("# protocol:  demo\n", ""), `no "# protocol:" line`},
		{"bad property", edit(`"safe" (always)`, `safe`), `line 3: property: want a quoted name`},
		{"bad expectation", edit(`(always)`, `(often)`), `line 3: property: unknown expectation "(often)"`},
		{"bad params", edit("# property", "# params: n\n# property"), `line 3: params: invalid configuration: want key=value, got "n"`},
		{"param twice", edit("# property", "# params: n=1 n=2\n# property"), `line 3: params: invalid configuration: n given twice`},
		{"bad faults", edit("# property", "# params: faults=flood=1\n# property"), `line 3: params: actor: invalid configuration: unknown fault kind "flood"`},
		{"bad symmetry", edit("# property", "# params: symmetry=maybe\n# property"), `line 3: params: symmetry="maybe" is not true or false`},
		{"bad result", edit("# property", "# result: maybe\n# property"), `line 3: result "maybe"`},
		{"bad seed", edit("# property", "# engine: bfs seed=-1\n# property"), `line 3: engine: seed="-1"`},
		{"header after path", edit("   0  (initial", "# late: x\n   0  (initial"), "line 5: header line after the path line"},
		{"loop before steps", edit("   0  (initial", "-- loop starts here --\n   0  (initial"), "line 5: \"-- loop starts here --\" must follow a step"},
		{"bad back marker", edit("        x=1\n", "        x=1\n-- back to step 0 --\n"), `line 9: "-- back to step 0 --" does not match the loop start (step -1)`},
		{"detail first", edit("   0  (initial state)\n", ""), "line 5: detail line before the first step"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.text))
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrSyntax)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestParseFileNamesTheFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.trace")
	require.NoError(t, os.WriteFile(name, []byte("nope\n"), 0o644))
	_, err := ParseFile(name)
	require.ErrorIs(t, err, ErrSyntax)
	assert.Contains(t, err.Error(), name+": ")

	_, err = ParseFile(filepath.Join(t.TempDir(), "missing.trace"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// TestSavedTracesLiveWithTheirProtocol: every saved trace parses and lives
// under counterexamples/<protocol>/. Replaying each against its model is
// cmd/check's TestSavedTracesReproduce, which has the registry.
func TestSavedTracesLiveWithTheirProtocol(t *testing.T) {
	files, err := SavedTraces(".")
	require.NoError(t, err)
	require.NotEmpty(t, files, "the project keeps counterexamples here")
	for _, path := range files {
		f, err := ParseFile(path)
		require.NoError(t, err, path)
		assert.Equal(t, f.Header.Protocol, filepath.Base(filepath.Dir(path)),
			"a trace lives under counterexamples/<protocol>/")
	}
}
