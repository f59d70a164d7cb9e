package protocols

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// update rewrites the saved counterexamples (Go's golden-file convention):
//
//	go test ./protocols -run TestCatalog -update
var update = flag.Bool("update", false, "rewrite the saved traces under counterexamples/")

// savedDir is where saved traces live, counterexamples/<protocol>/.
const savedDir = "../counterexamples"

// TestCatalog is the generic catalogue test. For every spec and every
// variant at its own defaults: a correct variant verifies (complete, every
// property holds); a broken one violates exactly the properties it
// declares, and the shortest counterexample to each is the trace saved
// under counterexamples/, text for text. The declared symmetry agrees with
// the model's.
func TestCatalog(t *testing.T) {
	want := map[string]bool{} // saved traces the catalogue accounts for
	for _, e := range all {
		info := e.Info()
		t.Run(info.Name, func(t *testing.T) {
			for _, v := range info.VariantList() {
				t.Run(v.Name, func(t *testing.T) {
					for _, name := range checkVariant(t, e, v) {
						want[filepath.Join(savedDir, info.Name, name)] = true
					}
				})
			}
		})
	}
	if t.Failed() {
		return
	}
	files, err := counterexamples.SavedTraces(savedDir)
	require.NoError(t, err)
	for _, f := range files {
		if !want[f] {
			if *update {
				require.NoError(t, os.Remove(f))
				continue
			}
			t.Errorf("%s: a saved trace that no variant's declared violation accounts for (rerun with -update to remove it)", f)
		}
	}
}

// checkVariant runs one variant at its defaults and returns the names of
// its saved traces.
func checkVariant(t *testing.T, e Entry, v catalog.Variant) []string {
	info := e.Info()
	cfg, err := info.Defaults(v.Name)
	require.NoError(t, err)
	inst, err := e.Build(cfg)
	require.NoError(t, err)
	assert.Equal(t, info.Symmetry != "", inst.Symmetric, "Info.Symmetry %q and the model's declaration agree", info.Symmetry)
	for _, name := range v.Violates {
		_, ok := inst.Prop(name)
		ok = ok || (name == explore.DeadlockProperty && inst.Final)
		require.True(t, ok, "variant %s declares it violates %q, which the model does not have", v.Name, name)
	}
	res, err := inst.Check("bfs", explore.Options{Workers: 2}, nil)
	require.NoError(t, err)
	var violated []string
	for _, p := range res.Properties {
		if p.Status == explore.Violated {
			violated = append(violated, p.Name)
		}
	}
	if !v.Broken() {
		assert.True(t, res.Complete, "a correct variant's run is complete at its defaults (%s)", res.StopReason)
		for _, p := range res.Properties {
			assert.Equal(t, explore.Holds, p.Status, "%q: %s", p.Name, p.Message)
		}
		return nil
	}
	assert.ElementsMatch(t, v.Violates, violated, "the properties variant %s violates at its defaults", v.Name)
	run := &Run{Info: info, Config: inst.Config, Engine: "bfs", Prog: "check"}
	var names []string
	for _, name := range v.Violates {
		pr, ok := res.Property(name)
		if ok && pr.Expect == model.ExpectSometimes {
			continue // violated by having no witness: there is no trace to save
		}
		if !ok || pr.Trace == nil {
			t.Errorf("%q: no counterexample", name)
			continue
		}
		file := run.TraceFile(res, &pr)
		base := counterexamples.TraceName(info, name, v.Name)
		path := filepath.Join(savedDir, info.Name, base)
		file.Header.Replay = "check replay " + filepath.ToSlash(filepath.Join("counterexamples", info.Name, base))
		var b bytes.Buffer
		require.NoError(t, counterexamples.Write(&b, file))
		names = append(names, base)
		if inst.HasViz() {
			writeView(t, inst, run, &pr, strings.TrimSuffix(path, ".trace")+".html")
		}
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
			continue
		}
		saved, err := os.ReadFile(path)
		if !assert.NoError(t, err, "the saved trace of %q (create it with go test ./protocols -run TestCatalog -update)", name) {
			continue
		}
		assert.Equal(t, string(saved), b.String(), "%s no longer reads the same (go test ./protocols -run TestCatalog -update rewrites it; review the diff)", path)
	}
	slices.Sort(names)
	return names
}

// writeView writes (with -update) or checks the presence of the spec's HTML
// view of a violation beside its saved trace.
func writeView(t *testing.T, inst *Instance, run *Run, pr *explore.PropertyResult, path string) {
	page := catalog.Page{Protocol: run.Info.Name, Params: run.Config.String(), Property: pr.Name, Verdict: "violated"}
	var b bytes.Buffer
	err := inst.Viz(&b, page, pr.Name, pr.Trace.Steps[len(pr.Trace.Steps)-1].State)
	if errors.Is(err, catalog.ErrNoView) {
		return
	}
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
		return
	}
	assert.FileExists(t, path, "the HTML view of %q (go test ./protocols -run TestCatalog -update writes it)", pr.Name)
}
