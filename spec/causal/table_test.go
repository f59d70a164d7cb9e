package causal

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

// TestTextTable checks the table of the text's example, row by row,
// against the rule applied by hand: the receive events, the actions and
// the clocks after each.
func TestTextTable(t *testing.T) {
	td := table(t, nil)
	assert.Equal(t, []string{"Message", "Tx timestamp", "Rx event", "Action(s)", "VLC after Rx"}, td.Columns)
	assert.Equal(t, [][]string{
		{"M1_1", "(1,0,0)", "R2_1", "accept", "(1,0,0)"},
		{"M2_1", "(1,1,0)", "R3_1", "delay", "(0,0,1)"},
		{"M1_1", "(1,0,0)", "R3_2", "accept; accept delayed M2_1 (from R3_1)", "(1,1,1)"},
		{"M3_2", "(1,1,2)", "R1_1", "delay", "(2,0,0)"},
		{"M3_1", "(0,0,1)", "R1_2", "accept; M3_2 examined again: delay", "(2,0,1)"},
		{"M2_1", "(1,1,0)", "R1_3", "accept; accept delayed M3_2 (from R1_1)", "(2,1,2)"},
		{"M3_3", "(1,1,3)", "R1_4", "accept", "(2,1,3)"},
		{"M3_3", "(1,1,3)", "R2_2", "delay", "(1,1,0)"},
		{"M3_1", "(0,0,1)", "R2_3", "accept; M3_3 examined again: delay", "(1,1,1)"},
		{"M3_2", "(1,1,2)", "R2_4", "accept; accept delayed M3_3 (from R2_2)", "(1,1,3)"},
		{"M1_2", "(2,0,0)", "R2_5", "accept", "(2,1,3)"},
		{"M1_2", "(2,0,0)", "R3_3", "accept", "(2,1,3)"},
		{"M1_2", "(2,0,0)", "R3_4", "reject", "(2,1,3)"},
	}, td.Rows)
	assert.Contains(t, td.Notes, `"causal delivery" holds in every state of this run.`)
	last := td.Notes[len(td.Notes)-1]
	assert.Contains(t, last, "explored completely: 5374 distinct states")
	assert.Contains(t, last, `"causal delivery" holds`)
}

// TestTableVariant: without the dependency check P3 accepts M2_1 before
// M1_1 (R3_1), and the table's notes say causal delivery fails there.
func TestTableVariant(t *testing.T) {
	td := table(t, map[string]string{"variant": VariantNoDependencyCheck})
	assert.Equal(t, []string{"M2_1", "(1,1,0)", "R3_1", "accept", "(0,1,1)"}, td.Rows[1])
	assert.Contains(t, td.Notes, `"causal delivery" fails after step 5 (deliver p1->p2 M2_1(1,1,0)).`)
	assert.Contains(t, td.Notes[len(td.Notes)-1], `"causal delivery" violated`)
	td = table(t, map[string]string{"variant": VariantDeliverOnReceipt})
	assert.Equal(t, "accept", td.Rows[len(td.Rows)-1][3], "the duplicate is delivered again")
	_, err := Spec.Tables[0].Compute(runner(map[string]string{"n": "4"}))
	assert.Error(t, err, "unknown option")
}

// TestScriptMismatch: a script step the model cannot take is an error,
// not a silent skip.
func TestScriptMismatch(t *testing.T) {
	m, err := New(Config{Sends: TextSends})
	require.NoError(t, err)
	_, _, err = replay(m, []scriptStep{{Proc: 1, Msg: "M1_1"}})
	assert.Error(t, err)
}
