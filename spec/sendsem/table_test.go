package sendsem

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore/exploretest"
)

// newRunner runs this package's Spec alone: every Run is a real
// explore.Check of the configuration (the CLI's runner, in package
// protocols, cannot be imported here).
func newRunner(args map[string]string) *exploretest.Runner[State, Action] {
	return &exploretest.Runner[State, Action]{Entry: Spec, Options: args}
}

// TestGuaranteeTable computes the table from real runs and compares every
// cell with the text: a primitive gives a guarantee exactly when its step
// list contains the step that establishes it (Primitive.Gives, derived
// from the text's step lists), so a cell holds exactly then. Each failing
// cell names its property in the notes, with the command that saves its
// trace.
func TestGuaranteeTable(t *testing.T) {
	r := newRunner(nil)
	td, err := Spec.Tables[0].Compute(r)
	require.NoError(t, err)
	assert.Equal(t, len(Primitives())*len(Guarantees()), len(r.Runs), "one run per cell")
	var b bytes.Buffer
	require.NoError(t, td.Write(&b))
	t.Logf("check table %s:\n%s", Name, b.String())
	require.Len(t, td.Rows, len(Primitives()))
	failing := 0
	for i, p := range Primitives() {
		row := td.Rows[i]
		assert.Equal(t, p.String(), row[0])
		assert.Equal(t, p.Text(), row[1])
		for j, g := range Guarantees() {
			want := CellFails
			if slices.Contains(p.Gives(), g) {
				want = CellHolds
			} else {
				failing++
				note := fmt.Sprintf("  %s, %s: %q (check run %s -primitive %s -claim %s -o auto)", p, g.Column(), g.Prop(), Name, p, g.Claim())
				assert.Contains(t, td.Notes, note)
			}
			assert.Equal(t, want, row[2+j], "%s x %s", p, g.Column())
		}
	}
	assert.Equal(t, 13, failing, "the text's lists leave 13 of the 30 cells failing")
	_, err = Spec.Tables[0].Compute(newRunner(map[string]string{"max-n": "3"}))
	assert.ErrorContains(t, err, "unknown option -max-n")
}

// TestFailingCellsTraces: a failing safety cell's counterexample ends in
// the state where the sender was released without the guarantee, the
// release being its last step.
func TestFailingCellsTraces(t *testing.T) {
	r := newRunner(nil)
	in := &Spec.Info
	base, err := in.Defaults(VariantHonest)
	require.NoError(t, err)
	for _, p := range Primitives() {
		for _, g := range Guarantees() {
			if g == NoBlock || slices.Contains(p.Gives(), g) {
				continue
			}
			c, err := in.Validate(base.With("primitive", p.String()).With("claim", g.Claim()))
			require.NoError(t, err)
			out, err := r.Run(Name, c)
			require.NoError(t, err)
			v, ok := out.Verdict(g.Prop())
			require.True(t, ok)
			require.Equal(t, "violated", v.Status, "%s x %s", p, g.Column())
			last := v.Trace.Steps[len(v.Trace.Steps)-1]
			s := last.State.(State)
			assert.True(t, released(s), "%s x %s", p, g.Column())
			assert.False(t, g.holds(s), "%s x %s", p, g.Column())
			assert.Equal(t, "timeout p0 8-release", last.Action, "%s x %s: found at the release", p, g.Column())
		}
	}
}
