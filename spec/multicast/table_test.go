package multicast

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// loggingRunner is exploretest.Runner that logs every run: its
// configuration, distinct states and time.
type loggingRunner struct {
	*exploretest.Runner[State, Action]
	t *testing.T
}

func (r loggingRunner) Run(name string, c catalog.Config) (*catalog.Outcome, error) {
	start := time.Now()
	out, err := r.Runner.Run(name, c)
	if err == nil {
		r.t.Logf("%v: %d states, %v", c, out.Distinct, time.Since(start).Round(time.Millisecond))
	}
	return out, err
}

// computeTableFor computes the table with real runs of the checker
// (exploretest.Runner: a complete explore.Check per configuration), logs
// every run and the table as printed.
func computeTableFor(t *testing.T, args map[string]string) *catalog.TableData {
	t.Helper()
	require.Len(t, Spec.Tables, 1)
	r := loggingRunner{&exploretest.Runner[State, Action]{Entry: Spec, Options: args}, t}
	td, err := Spec.Tables[0].Compute(r)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, td.Write(&b))
	t.Logf("\n%s", b.String())
	return td
}

// cell returns the verdict of one row of the table.
func cell(t *testing.T, td *catalog.TableData, scen, rel, ord string) string {
	t.Helper()
	i := slices.IndexFunc(td.Rows, func(r []string) bool { return r[0] == scen && r[1] == rel && r[2] == ord })
	require.GreaterOrEqual(t, i, 0, "no row %s %s %s", scen, rel, ord)
	return td.Rows[i][4]
}

// TestTableSmall computes the rows of scenarios (a) and (b) and checks
// them against what each mechanism is for: best effort loses under
// drop, only at "none" does duplicate detection matter, the recovery
// levels survive a loss, only atomic survives a crash in the middle of a
// multicast, and FIFO or causal order alone fails total order in (b).
func TestTableSmall(t *testing.T) {
	td := computeTableFor(t, map[string]string{"scenario": "a,b", "pairs": "all"})
	assert.Equal(t, []string{"scenario", "reliability", "ordering", "states", "verdict"}, td.Columns)
	require.Len(t, td.Rows, 2*len(Reliabilities())*len(Orderings()))
	// Delivery on receipt over an unordered network: out of order without
	// any fault; a duplicate delivered twice; a loss never repaired.
	assert.Equal(t, "fails: no duplicate delivery (dup); fifo order (no fault); causal order (no fault); total order (no fault); "+
		"no omission (drop); all-or-none (drop, crash)", cell(t, td, "a", BestEffort, OrderNone))
	assert.NotContains(t, cell(t, td, "a", Dedup, OrderNone), PropNoDup)
	// A sequencer takes the whole multicast in one send: a crash cannot cut it.
	assert.Equal(t, "fails: no omission (drop); all-or-none (drop)", cell(t, td, "a", Dedup, OrderTotal))
	assert.Equal(t, "fails: no omission (drop); all-or-none (drop, crash)", cell(t, td, "a", BestEffort, OrderFIFO))
	assert.Equal(t, "fails: no omission (drop); all-or-none (drop, crash)", cell(t, td, "a", Dedup, OrderFIFO))
	assert.Equal(t, "fails: all-or-none (crash)", cell(t, td, "a", Recovery, OrderFIFO))
	for _, ord := range []string{OrderFIFO, OrderCausal, OrderTotal, OrderGlobal} {
		assert.Equal(t, "holds", cell(t, td, "a", Atomic, ord), "(a) atomic %s", ord)
	}
	assert.Equal(t, "fails: total order (no fault)", cell(t, td, "b", Atomic, OrderFIFO))
	assert.Equal(t, "fails: total order (no fault)", cell(t, td, "b", Atomic, OrderCausal))
	assert.Equal(t, "holds", cell(t, td, "b", Atomic, OrderTotal))
	for _, row := range td.Rows {
		assert.NotContains(t, row[4], "undecided", "%v", row)
		assert.NotContains(t, row[4], PropIntersection, "(a) and (b) have one group: %v", row)
	}
	assert.Contains(t, td.Notes, "(b) S1,S2 -> G1={r1,r2}")
	_, err := Spec.Tables[0].Compute(&exploretest.Runner[State, Action]{Entry: Spec, Options: map[string]string{"n": "3"}})
	assert.Error(t, err, "unknown option")
	_, err = Spec.Tables[0].Compute(&exploretest.Runner[State, Action]{Entry: Spec, Options: map[string]string{"scenario": "e"}})
	assert.Error(t, err, "unknown scenario")
	_, err = Spec.Tables[0].Compute(&exploretest.Runner[State, Action]{Entry: Spec, Options: map[string]string{"pairs": "dedup/total,fifo"}})
	assert.Error(t, err, "a pair without its ordering")
	td = computeTableFor(t, map[string]string{"scenario": "b", "pairs": "dedup/total, atomic/fifo"})
	assert.Equal(t, [][]string{{"b", Dedup, OrderTotal}, {"b", Atomic, OrderFIFO}}, [][]string{td.Rows[0][:3], td.Rows[1][:3]})
}

// TestTableFull computes the default table: the must-fail combinations
// fail where the issue list says, every scenario loses without recovery,
// and one global sequencer at the atomic level holds in every scenario.
func TestTableFull(t *testing.T) {
	if testing.Short() {
		t.Skip("54 cells, four runs each")
	}
	td := computeTableFor(t, nil)
	require.Len(t, td.Rows, len(scenarios)*len(DefaultPairs()))
	assert.Contains(t, cell(t, td, "c-L", Dedup, OrderTotal), PropIntersection+" (no fault)")
	assert.Contains(t, cell(t, td, "d-R", Dedup, OrderTotal), PropIntersection+" (no fault)")
	assert.Contains(t, cell(t, td, "d-L", Dedup, OrderTotal), PropTotal+" (no fault)", "(d-L): G1 and G2 order differently")
	assert.Contains(t, cell(t, td, "b", Dedup, OrderFIFO), PropTotal+" (no fault)")
	for _, sc := range ScenarioNames() {
		assert.Equal(t, "holds", cell(t, td, sc, Atomic, OrderGlobal), "(%s) atomic global", sc)
		assert.Contains(t, cell(t, td, sc, Dedup, OrderFIFO), PropNoOmission+" (drop", "(%s) no recovery: a loss is final", sc)
	}
	for _, row := range td.Rows {
		assert.NotContains(t, row[4], "undecided", "%v", row)
	}
}

// TestOneFaultAtATime backs the table's method: for scenarios (a) and (b),
// the properties violated with drop=1 and crash=1 together are exactly
// those violated with drop=1 or with crash=1 alone.
func TestOneFaultAtATime(t *testing.T) {
	if testing.Short() {
		t.Skip("80 runs")
	}
	violated := func(cfg Config) map[string]bool {
		res, err := explore.Check(mustNew(t, cfg), explore.Options{Workers: 2})
		require.NoError(t, err)
		out := map[string]bool{}
		for _, p := range res.Violations() {
			out[p.Name] = true
		}
		return out
	}
	for _, sc := range []string{"a", "b"} {
		for _, rel := range Reliabilities() {
			for _, ord := range Orderings() {
				cfg := Config{Scenario: sc, Reliability: rel, Ordering: ord, Msgs: TableMsgs(sc)}
				cfg.Faults = actor.Faults{Drop: 1, Crash: 1}
				both := violated(cfg)
				cfg.Faults = actor.Faults{Drop: 1}
				union := violated(cfg)
				cfg.Faults = actor.Faults{Crash: 1}
				for p := range violated(cfg) {
					union[p] = true
				}
				assert.Equal(t, both, union, "(%s) %s %s", sc, rel, ord)
			}
		}
	}
}

// TestVerdictText: the cell format, and that nothing undecided is called
// holds.
func TestVerdictText(t *testing.T) {
	assert.Equal(t, "holds", verdictText(nil, nil))
	assert.Equal(t, "fails: total order (no fault)",
		verdictText(map[string][]string{PropTotal: {"no fault", "dup", "drop", "crash"}}, nil))
	assert.Equal(t, "fails: no omission (drop); all-or-none (drop, crash); undecided: fifo order",
		verdictText(map[string][]string{PropAllOrNone: {"drop", "crash"}, PropNoOmission: {"drop"}}, map[string]bool{PropFIFO: true}))
	assert.True(t, strings.HasPrefix(verdictText(nil, map[string]bool{PropNoDup: true}), "undecided"))
}
