package counterexamples

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// word draws a non-empty token without spaces, '=' or line breaks.
func word() *rapid.Generator[string] { return rapid.StringMatching(`[a-z][a-z0-9-]{0,8}`) }

// text draws one line of printable text with no surrounding spaces.
func text() *rapid.Generator[string] {
	return rapid.StringMatching(`([!-~]([ -~]{0,20}[!-~])?)?`)
}

type rstate struct {
	A     int
	Procs []string
}

func drawFile(t *rapid.T) *File {
	n := rapid.IntRange(1, 8).Draw(t, "steps")
	tr := model.Trace{Loop: rapid.IntRange(-1, n-2).Draw(t, "loop")} // a loop has a step
	for i := 0; i < n; i++ {
		tr.Path = append(tr.Path, rapid.IntRange(0, 20).Draw(t, "index"))
		label := ""
		if i > 0 {
			label = text().Draw(t, "label")
		}
		st := rstate{A: rapid.IntRange(-3, 3).Draw(t, "a"), Procs: rapid.SliceOfN(word(), 0, 3).Draw(t, "procs")}
		tr.Steps = append(tr.Steps, model.Step{Action: label, State: st})
	}
	cfg := catalog.Config{Variant: word().Draw(t, "variant")}
	for i, name := range rapid.SliceOfNDistinct(word(), 0, 3, func(s string) string { return s }).Draw(t, "params") {
		if name == "variant" || name == "network" || name == "faults" || name == "symmetry" {
			continue
		}
		cfg.Args = append(cfg.Args, catalog.Arg{Name: name, Value: strconv.Itoa(i)})
	}
	if rapid.Bool().Draw(t, "actor") {
		cfg.Network = word().Draw(t, "network")
		cfg.Faults = actor.Faults{Drop: rapid.IntRange(0, 3).Draw(t, "drop"), Crash: rapid.IntRange(0, 3).Draw(t, "crash")}
	}
	return &File{
		Header: Header{
			Protocol:  word().Draw(t, "protocol"),
			Params:    Params{Config: cfg, Symmetry: rapid.Bool().Draw(t, "symmetry")},
			Property:  rapid.String().Filter(func(s string) bool { return s != "" }).Draw(t, "property"),
			Expect:    model.Expectation(rapid.IntRange(0, 3).Draw(t, "expect")),
			Result:    rapid.SampledFrom([]string{ResultCounterexample, ResultWitness}).Draw(t, "result"),
			Engine:    rapid.SampledFrom([]string{"", "bfs", "dfs", "random"}).Draw(t, "engine"),
			Seed:      rapid.Uint64().Draw(t, "seed"),
			Generated: rapid.Int64Range(0, 1e12).Draw(t, "generated"),
			Distinct:  rapid.Int64Range(0, 1e12).Draw(t, "distinct"),
			MaxDepth:  rapid.IntRange(0, 1e6).Draw(t, "depth"),
			Reproduce: text().Draw(t, "reproduce"),
			Replay:    text().Draw(t, "replay"),
			Message:   text().Draw(t, "message"),
		},
		Trace: tr,
	}
}

// TestRoundTrip checks that Parse(Write(f)) gives back f's header, path,
// loop and labels (states are not parsed back).
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := drawFile(t)
		var b strings.Builder
		require.NoError(t, Write(&b, f))
		g, err := Parse(strings.NewReader(b.String()))
		require.NoError(t, err, "parsing:\n%s", b.String())

		want := f.Header
		require.Equal(t, want, g.Header, "header after a round trip of:\n%s", b.String())
		require.Equal(t, f.Trace.Path, g.Trace.Path)
		require.Equal(t, f.Trace.Loop, g.Trace.Loop)
		require.Len(t, g.Trace.Steps, len(f.Trace.Steps))
		for i, s := range g.Trace.Steps {
			require.Equal(t, f.Trace.Steps[i].Action, s.Action, "label of step %d", i)
			require.Nil(t, s.State)
		}
		require.NoError(t, Check(g, &f.Trace), "a file must check against the trace it was written from")
		require.NotEmpty(t, g.Final)

		// Writing is deterministic.
		var again strings.Builder
		require.NoError(t, Write(&again, f))
		require.Equal(t, b.String(), again.String())
	})
}
