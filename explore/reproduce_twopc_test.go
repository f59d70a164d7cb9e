package explore_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/twopc"
)

// neverRecovers is the saved lasso of the blocking twopc variant: from
// step 5 (coordinator down, network empty) the participants' timeouts ask
// for the decision and their requests are lost, forever.
const neverRecovers = "../counterexamples/twopc/every-participant-eventually-decides-coordinator-never-recovers.trace"

// savedLasso parses the saved trace, builds its model (n=2, the variant,
// an unordered network, the crash the variant needs) and replays its path,
// checking every label.
func savedLasso(t *testing.T) (*twopc.Model, *counterexamples.File, *model.Trace) {
	t.Helper()
	raw, err := os.ReadFile(neverRecovers)
	require.NoError(t, err)
	f, err := counterexamples.Parse(strings.NewReader(string(raw)))
	require.NoError(t, err)
	require.Equal(t, "twopc", f.Header.Protocol)
	require.Contains(t, string(raw), "n=2 ", "the model below is built for the file's params")
	require.Contains(t, string(raw), "variant="+twopc.VariantNeverRecovers)
	require.Contains(t, string(raw), "network=unordered")
	m, err := twopc.New(twopc.Config{N: 2, Variant: twopc.VariantNeverRecovers, Network: actor.Unordered,
		Faults: actor.Faults{Crash: 1}})
	require.NoError(t, err)
	tr, err := explore.Replay(m, f.Trace.Path)
	require.NoError(t, err)
	require.NoError(t, counterexamples.Check(f, tr))
	tr.Loop = f.Trace.Loop
	return m, f, tr
}

func claimOf(f *counterexamples.File) explore.Claim {
	return explore.Claim{Property: f.Header.Property, Expect: f.Header.Expect,
		Witness: f.Header.Result == counterexamples.ResultWitness}
}

// cut returns the first n states of tr (n-1 steps) with the loop at loop.
func cut(tr *model.Trace, n, loop int) *model.Trace {
	return &model.Trace{Path: tr.Path[:n], Steps: tr.Steps[:n], Loop: loop}
}

// TestReproduceSavedTwoPCLasso: the saved lasso reproduces, and moving its
// loop to steps along which a fair class stays enabled and is never taken
// does not, although the moved loop still closes (issue 7, item 2).
func TestReproduceSavedTwoPCLasso(t *testing.T) {
	m, f, tr := savedLasso(t)
	c := claimOf(f)
	require.Equal(t, 5, tr.Loop)
	require.Len(t, tr.Steps, 10)

	got, err := explore.Reproduce(m, c, tr)
	require.NoError(t, err)
	assert.True(t, got.Reproduces, got.Reason)
	assert.Contains(t, got.Reason, "the loop back to step 5 closes and is weakly fair, and the predicate never holds")

	cases := []struct {
		name  string
		tr    *model.Trace
		class string // the fair class enabled all along and never taken
	}{
		// Steps 6-7: p1 asks and loses its request; p2's timer stays set.
		{"only p1 asks", cut(tr, 8, 5), "timeout p2 ask"},
		// Steps 8-9: p2 asks; p1's timer stays set.
		{"only p2 asks", cut(tr, 10, 7), "timeout p1 ask"},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			last := cs.tr.Steps[len(cs.tr.Steps)-1].State.(twopc.State)
			require.Equal(t, m.AppendKey(nil, cs.tr.Steps[cs.tr.Loop].State.(twopc.State)), m.AppendKey(nil, last),
				"the moved loop still closes")
			got, err := explore.Reproduce(m, c, cs.tr)
			require.NoError(t, err)
			assert.False(t, got.Reproduces, got.Reason)
			assert.Contains(t, got.Reason, "is not weakly fair")
			assert.Contains(t, got.Reason, cs.class)
		})
	}
}

// TestReproduceHandWrittenTwoPC: issue 7's hand-written lasso, the
// correct twopc's initial state with an empty loop, is malformed; as a
// finite trace it does not reproduce (the initial state is not terminal).
func TestReproduceHandWrittenTwoPC(t *testing.T) {
	m, err := twopc.New(twopc.Config{N: 2, Network: actor.Unordered})
	require.NoError(t, err)
	c := explore.Claim{Property: twopc.PropDecides, Expect: model.ExpectEventually}
	tr, err := explore.Replay(m, []int{0})
	require.NoError(t, err)

	tr.Loop = 0
	_, err = explore.Reproduce(m, c, tr)
	require.ErrorIs(t, err, explore.ErrClaim)
	assert.Contains(t, err.Error(), "empty loop")

	tr.Loop = -1
	got, err := explore.Reproduce(m, c, tr)
	require.NoError(t, err)
	assert.False(t, got.Reproduces, got.Reason)
	assert.Contains(t, got.Reason, "enabled steps")
}
