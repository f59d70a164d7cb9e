package protocols

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
)

// traces returns each property's status, message and trace (its path
// and loop) by name.
func traces(res *explore.Result) map[string][3]string {
	out := map[string][3]string{}
	for _, p := range res.Properties {
		tr := ""
		if p.Trace != nil {
			tr = fmt.Sprint(p.Trace.Path, p.Trace.Loop)
		}
		out[p.Name] = [3]string{p.Status.String(), p.Message, tr}
	}
	return out
}

// TestOnePassEverySpec: for every spec and variant with liveness
// properties, Check's single pass gives the same states, verdicts and
// traces with 1 and 3 workers, its safety verdicts and traces are the BFS
// engine's, and its liveness verdicts and traces the liveness engine's.
func TestOnePassEverySpec(t *testing.T) {
	for _, e := range all {
		info := e.Info()
		for _, v := range info.VariantList() {
			cfg, err := info.Defaults(v.Name)
			require.NoError(t, err)
			in, err := e.Build(cfg)
			require.NoError(t, err)
			if !slices.ContainsFunc(in.Props, func(p PropInfo) bool { return p.Expect.Liveness() }) {
				continue
			}
			t.Run(info.Name+"/"+v.Name, func(t *testing.T) {
				one, err := in.Check("bfs", explore.Options{Workers: 1}, nil)
				require.NoError(t, err)
				if testing.Short() && one.Distinct > 100_000 {
					t.Skipf("%d states: run without -short", one.Distinct)
				}
				three, err := in.Check("bfs", explore.Options{Workers: 3}, nil)
				require.NoError(t, err)
				assert.Equal(t, one.Distinct, three.Distinct)
				assert.Equal(t, one.Generated, three.Generated)
				assert.Equal(t, traces(one), traces(three))

				safe, err := in.Check("bfs-safety", explore.Options{Workers: 2}, nil)
				require.NoError(t, err)
				live, err := in.Check("liveness", explore.Options{Workers: 2}, nil)
				require.NoError(t, err)
				assert.Equal(t, live.Distinct, one.Distinct)
				got := traces(one)
				for name, want := range traces(safe) {
					if p, ok := in.Prop(name); ok && p.Expect.Liveness() {
						continue
					}
					assert.Equal(t, want[0], got[name][0], name)
					assert.Equal(t, want[2], got[name][2], name)
				}
				for name, want := range traces(live) {
					if p, ok := in.Prop(name); ok && p.Expect.Liveness() {
						assert.Equal(t, want, got[name], name)
					}
				}
			})
		}
	}
}
