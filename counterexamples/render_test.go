package counterexamples

import (
	"flag"
	"fmt"
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// role is a small enum with a String method, printed as a leaf.
type role uint8

func (r role) String() string { return [...]string{"idle", "want", "cs"}[r] }

type proc struct {
	Role  role
	Clock int
}

// gstate is a struct state like a spec's: nested structs, a slice, a map,
// a string needing quotes and a pointer.
type gstate struct {
	Procs []proc
	Net   []string
	Votes map[string]int
	Note  string
	Owner *int
	_     struct{}
}

func goldenTrace() model.Trace {
	one := 1
	s0 := gstate{Procs: []proc{{}, {}}, Votes: map[string]int{}}
	s1 := gstate{Procs: []proc{{Role: 1, Clock: 1}, {}}, Net: []string{"p1->p2 Req(1)"}, Votes: map[string]int{}}
	s2 := gstate{Procs: []proc{{Role: 1, Clock: 1}, {Clock: 2}}, Net: []string{}, Votes: map[string]int{"p2": 1}, Note: "voted once"}
	s3 := gstate{Procs: []proc{{Role: 2, Clock: 3}, {Clock: 2}}, Votes: map[string]int{"p2": 1, "p1": 1}, Note: "voted once", Owner: &one}
	return model.Trace{
		Path: []int{0, 1, 0, 2},
		Steps: []model.Step{
			{State: s0},
			{Action: "p1 Request", State: s1},
			{Action: "deliver p1->p2 Req(1)", State: s2},
			{Action: "p1 Enter", State: s3},
		},
		Loop: -1,
	}
}

func goldenHeader() Header {
	return Header{
		Protocol: "demo",
		Params: Params{Config: catalog.Config{Variant: "no-defer", Args: []catalog.Arg{{Name: "n", Value: "2"}},
			Network: "fifo", Faults: actor.Faults{Drop: 1, Dup: 2}}},
		Property:  "mutual exclusion",
		Expect:    model.ExpectAlways,
		Engine:    "bfs",
		Generated: 42,
		Distinct:  17,
		MaxDepth:  3,
		Reproduce: "go run ./cmd/check run demo -n 2 -variant no-defer",
		Replay:    "go run ./cmd/check replay counterexamples/demo/mutual-exclusion-no-defer.trace",
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err, "missing golden file; run go test ./counterexamples -update")
	assert.Equal(t, string(want), got, "rendering differs from %s (rerun with -update if intended)", file)
}

func TestGoldenStruct(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Write(&b, &File{Header: goldenHeader(), Trace: goldenTrace()}))
	checkGolden(t, "struct.golden", b.String())
}

// counter is a non-struct state with a String method: diffed as a whole.
type counter int

func (c counter) String() string { return fmt.Sprintf("count is %d", int(c)) }

// packed is an opaque struct state whose String has the form "a=1 b=2": it
// is diffed by the String's fields.
type packed struct{ w uint8 }

func (p packed) String() string { return fmt.Sprintf("lo=%d hi=%d", p.w&15, p.w>>4) }

func TestGoldenLasso(t *testing.T) {
	h := goldenHeader()
	h.Property, h.Expect, h.Message = "reaches three", model.ExpectEventually, "never holds on the loop"
	h.Params = Params{Config: catalog.Config{Variant: "default", Args: []catalog.Arg{{Name: "n", Value: "1"}}}}
	tr := model.Trace{
		Path:  []int{0, 0, 1, 0},
		Steps: []model.Step{{State: counter(0)}, {Action: "inc", State: counter(1)}, {Action: "dec", State: counter(0)}, {Action: "noop", State: counter(0)}},
		Loop:  1,
	}
	// The loop starts after step 1 (state count=1) ... NB: the states here
	// need not close the loop; rendering does not check it, replay does.
	var b strings.Builder
	require.NoError(t, Write(&b, &File{Header: h, Trace: tr}))
	out := b.String()
	assert.Contains(t, out, "-- loop starts here --")
	assert.Contains(t, out, "-- back to step 1 --")
	checkGolden(t, "lasso.golden", out)

	f, err := Parse(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, 1, f.Trace.Loop)
	assert.Equal(t, []string{"count is 0"}, f.Final)
}

func TestFlatten(t *testing.T) {
	one := 1
	got := flatten(&gstate{Procs: []proc{{Role: 2}}, Votes: map[string]int{"b": 2, "a": 1}, Note: "", Owner: &one})
	assert.Equal(t, []field{
		{"Procs[0].Role", "cs"}, {"Procs[0].Clock", "0"}, {"Net", "[]"},
		{"Votes[a]", "1"}, {"Votes[b]", "2"}, {"Note", `""`}, {"Owner", "1"},
	}, got, "a pointer to a struct state is flattened like the struct; maps by sorted key")
	assert.Equal(t, []field{{"state", "7"}}, flatten(7))
	assert.Equal(t, []field{{"", "count is 3"}}, flatten(counter(3)))
	assert.Equal(t, []field{{"lo", "1"}, {"hi", "2"}}, flatten(packed{0x21}))
	assert.Equal(t, []string{"lo=1", "hi=2"}, finalLines(packed{0x21}))
	assert.Equal(t, []string{"count is 3"}, finalLines(counter(3)))
	assert.Equal(t, []field{{"state", "nil"}}, flatten(nil))
}

func TestDiff(t *testing.T) {
	prev := []field{{"a", "1"}, {"b[0]", "x"}, {"b[1]", "y"}}
	cur := []field{{"a", "2"}, {"b[0]", "x"}, {"c", "new"}}
	assert.Equal(t, []field{{"a", "2"}, {"c", "new"}, {"b[1]", "<removed>"}}, diff(prev, cur))
	assert.Equal(t, []field{{"b", "[]"}}, diff(prev[1:], []field{{"b", "[]"}}), "an emptied slice shows as []")
	assert.Equal(t, []field{{"b[0]", "x"}}, diff([]field{{"b", "[]"}}, prev[1:2]), "a filled slice shows its elements")
}

func TestWriteRejects(t *testing.T) {
	good := func() *File { return &File{Header: goldenHeader(), Trace: goldenTrace()} }
	cases := map[string]func(f *File){
		"empty path":      func(f *File) { f.Trace.Path, f.Trace.Steps = nil, nil },
		"short steps":     func(f *File) { f.Trace.Steps = f.Trace.Steps[:2] },
		"loop too large":  func(f *File) { f.Trace.Loop = 4 },
		"label newline":   func(f *File) { f.Trace.Steps[1].Action = "a\nb" },
		"no protocol":     func(f *File) { f.Header.Protocol = "" },
		"variant spaces":  func(f *File) { f.Header.Params.Variant = "a b" },
		"message newline": func(f *File) { f.Header.Message = "x\ny" },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			f := good()
			mutate(f)
			assert.Error(t, Write(&strings.Builder{}, f))
		})
	}
}

// parts is a state that lists its own fields (model.Fielder).
type parts struct{ a, b int }

func (p parts) Fields() []model.Field {
	return []model.Field{{Name: "a", Value: fmt.Sprint(p.a)}, {Name: "b", Value: fmt.Sprint(p.b)}}
}

func TestFielderStatesShowTheirOwnFields(t *testing.T) {
	tr := model.Trace{Path: []int{0, 0}, Loop: -1, Steps: []model.Step{
		{State: parts{1, 2}},
		{Action: "inc b", State: parts{1, 3}},
	}}
	var b strings.Builder
	require.NoError(t, Write(&b, &File{Header: goldenHeader(), Trace: tr}))
	out := b.String()
	assert.Contains(t, out, "   1  inc b\n        b=3\n", "only the changed field")
	assert.Contains(t, out, "final state:\n  a=1\n  b=3\n")
}

// TestGoldenActorFields: an actor state's fields are named by id and role,
// and a field whose value has spaces (a process's local state, the
// network) gets a detail line of its own.
func TestGoldenActorFields(t *testing.T) {
	var b strings.Builder
	require.NoError(t, WriteTrace(&b, readyAborts()))
	out := b.String()
	assert.Contains(t, out, "   4  timeout p1 ask\n        p1(participant)=ABORT vote=yes\n        net=[p1->p0 VoteYes, p1->p0 Req(e0#1)]\n")
	assert.Contains(t, out, "   6  deliver p1->p0 VoteYes\n        p0(coordinator)=COMMIT\n        net=")
	checkGolden(t, "actor-fields.golden", out)
}
