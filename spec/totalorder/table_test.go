package totalorder

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore/exploretest"
)

// runner runs this package's Spec alone, with real runs of the checker.
func runner(args map[string]string) catalog.Runner {
	return &exploretest.Runner[State, Action]{Entry: Spec, Options: args}
}

func table(t *testing.T, args map[string]string) *catalog.TableData {
	require.Len(t, Spec.Tables, 1)
	td, err := Spec.Tables[0].Compute(runner(args))
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, td.Write(&b))
	t.Logf("\n%s", b.String())
	return td
}

// TestBufferTable checks p0's buffer along the script against the
// protocol worked by hand: m0 commits at 2 (p1 proposed 2) and goes at
// once; m1 commits at 4 but waits behind m2, pending at 3 (step 11),
// which commits at 3 and goes first (step 12).
func TestBufferTable(t *testing.T) {
	td := table(t, nil)
	assert.Equal(t, []string{"step", "event", "message", "acknowledge time", "commit time", "delivered"}, td.Columns)
	assert.Equal(t, [][]string{
		{"1", "timeout p0 send", "m0", "1", "pending", ""},
		{"4", "deliver p1->p0 Ack(m0,2)", "m0", "1", "2", "#1"},
		{"5", "deliver p1->p0 Data(m2)", "m0", "1", "2", "#1"},
		{"", "", "m2", "3", "pending", ""},
		{"6", "timeout p0 send", "m0", "1", "2", "#1"},
		{"", "", "m2", "3", "pending", ""},
		{"", "", "m1", "4", "pending", ""},
		{"11", "deliver p1->p0 Ack(m1,4)", "m0", "1", "2", "#1"},
		{"", "", "m2", "3", "pending", ""},
		{"", "", "m1", "4", "4", ""},
		{"12", "deliver p1->p0 Commit(m2,3)", "m0", "1", "2", "#1"},
		{"", "", "m2", "3", "3", "#2"},
		{"", "", "m1", "4", "4", "#3"},
		{"13", "deliver p1->p0 Data(m3)", "m0", "1", "2", "#1"},
		{"", "", "m2", "3", "3", "#2"},
		{"", "", "m1", "4", "4", "#3"},
		{"", "", "m3", "5", "pending", ""},
		{"16", "deliver p1->p0 Commit(m3,5)", "m0", "1", "2", "#1"},
		{"", "", "m2", "3", "3", "#2"},
		{"", "", "m1", "4", "4", "#3"},
		{"", "", "m3", "5", "5", "#4"},
	}, td.Rows)
	assert.Contains(t, td.Notes, "p1 delivered [m0 m2 m1 m3].")
	assert.Contains(t, td.Notes, `"same delivery order" holds in every state of this run.`)
	assert.Contains(t, td.Notes[len(td.Notes)-1], `explored completely: 394 distinct states; "same delivery order" holds`)

	// p1 holds m0, committed at 2, behind its own m2, pending at 1 (step 7).
	td = table(t, map[string]string{"proc": "1"})
	assert.Equal(t, []string{"7", "deliver p0->p1 Commit(m0,2)", "m2", "1", "pending", ""}, td.Rows[3])
	assert.Equal(t, []string{"", "", "m0", "2", "2", ""}, td.Rows[4])

	// The early variant delivers m1 at step 11, ahead of m2.
	td = table(t, map[string]string{"variant": VariantEarlyDelivery})
	assert.Equal(t, []string{"", "", "m1", "4", "4", "#2"}, td.Rows[8])
	assert.Contains(t, td.Notes, `"same delivery order" fails after step 11 (deliver p1->p0 Ack(m1,4)).`)
	assert.Contains(t, td.Notes, `"deliveries linearizable as a log" fails after step 11 (deliver p1->p0 Ack(m1,4)).`)
	assert.Contains(t, td.Notes[len(td.Notes)-1], `"same delivery order" violated`)

	for _, args := range []map[string]string{{"proc": "2"}, {"n": "3"}, {"variant": "nope"}} {
		_, err := Spec.Tables[0].Compute(runner(args))
		assert.Error(t, err, "%v", args)
	}
}
