package naming

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
)

// cost is what one query costs by the text's description of each mode,
// for a name whose resolution visits k DSAs (k from the knowledge walk):
// recursive chaining goes down the chain and back (2k messages, all on the
// DUA's path), transitive chaining goes down and answers directly (k+1),
// referral makes the DUA ask each DSA in turn (2k messages, k requests).
// Only recursive chaining makes a DSA remember a request (one at a time
// without loss).
func cost(mode string, k int) (messages, hops, requests, remembered int) {
	switch mode {
	case ModeRecursive:
		return 2 * k, 2 * k, 1, min(1, k-1)
	case ModeTransitive:
		return k + 1, k + 1, 1, 0
	}
	return 2 * k, 2 * k, k, 0
}

// dsasVisited is the number of DSAs the resolution of query name q visits.
func dsasVisited(q uint8) int {
	_, path := walk(false, dsa1, queryNames[q])
	return len(path)
}

// TestCostsWithoutLoss: without faults a run is one path to one final
// state (one more state than messages), and its measures are the hand-derived costs of each query (a
// repeated name costs one DSA with caching in recursive chaining: DSA1
// answers from its cache).
func TestCostsWithoutLoss(t *testing.T) {
	for _, mode := range Modes {
		for _, queries := range QuerySets {
			for _, cache := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/cache=%v", mode, queries, cache), func(t *testing.T) {
					m := mustNew(t, Config{Mode: mode, Queries: queries, Cache: cache, Retries: 1})
					finals := exploretest.Finals(t, m)
					require.Len(t, finals, 1, "one final state without faults")
					s := finals[0]
					var msgs, hops, reqs, rem int
					qs, _ := querySet(queries)
					for i, q := range qs {
						k := dsasVisited(q)
						if cache && mode == ModeRecursive && i > 0 && q == qs[0] {
							k = 1 // DSA1 relayed the first answer and cached it
						}
						m, h, r, mem := cost(mode, k)
						msgs, hops, reqs, rem = msgs+m, hops+h, reqs+r, max(rem, mem)
					}
					assert.Equal(t, msgs, Messages(s), "messages")
					assert.Equal(t, hops, Hops(s), "hops")
					assert.Equal(t, reqs, DUARequests(s), "DUA requests")
					assert.Equal(t, rem, Remembered(s), "remembered")
					assert.Equal(t, len(qs), Answered(s), "answered")
					// Without faults and timers the only steps are the
					// deliveries, one per message: a single path.
					res, err := explore.BFS(m, explore.Options{})
					require.NoError(t, err)
					assert.EqualValues(t, msgs+1, res.Distinct, "one state per message delivered, and the initial one")
				})
			}
		}
	}
}

// newRunner runs the checker for the table as the CLI's runner does: a
// complete exploration for the verdicts, then a pass over the final states
// for the measures (measureFinals), on this package's Spec only.
func newRunner(t *testing.T, args map[string]string) *exploretest.Runner[State, Action] {
	return &exploretest.Runner[State, Action]{Entry: Spec, Options: args,
		Measure: func(m model.Model[State, Action]) ([]catalog.Stat, error) { return measureFinals(t, m), nil }}
}

// measureFinals computes each measure's statistics over the final states,
// per unit ("units": queries answered) as the catalogue defines them.
func measureFinals(t *testing.T, m model.Model[State, Action]) []catalog.Stat {
	ms := Spec.Measures
	stats := make([]catalog.Stat, len(ms))
	sums, per := make([]float64, len(ms)), make([]float64, len(ms))
	for _, s := range exploretest.Finals(t, m) {
		units := Answered(s)
		for i, mm := range ms {
			x, st := mm.Of(s), &stats[i]
			st.Name = mm.Name
			if st.Count == 0 || x < st.Min {
				st.Min = x
			}
			st.Max = max(st.Max, x)
			sums[i] += float64(x)
			if mm.Name != "units" && units > 0 {
				u := float64(x) / float64(units)
				if !st.HasPerUnit || u < st.PerUnitMin {
					st.PerUnitMin = u
				}
				st.PerUnitMax = max(st.PerUnitMax, u)
				st.HasPerUnit = true
				per[i] += u
			}
			st.Count++
		}
	}
	for i := range stats {
		if stats[i].Count > 0 {
			stats[i].Mean = sums[i] / float64(stats[i].Count)
			stats[i].PerUnitMean = per[i] / float64(stats[i].Count)
		}
	}
	return stats
}

// TestComparisonTable computes `check table naming` from real runs: six
// rows (three modes, caches off and on), whose figures are the
// hand-derived costs of TestCostsWithoutLoss for the default query set
// (cn=alice twice), and then the same under one lost message (cn=alice
// then cn=zed; cn=alice alone under -short), where every
// run still verifies and the cheapest runs cost what the loss-free ones
// do.
func TestComparisonTable(t *testing.T) {
	r := newRunner(t, nil)
	tab, err := Spec.Tables[0].Compute(r)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, tab.Write(&b))
	t.Logf("\n%s", b.String())
	require.Len(t, tab.Rows, 6)
	want := map[string][]string{
		"recursive/off":  {"6", "6", "1", "1"},
		"recursive/on":   {"4", "4", "1", "1"},
		"transitive/off": {"4", "4", "1", "0"},
		"transitive/on":  {"4", "4", "1", "0"},
		"referral/off":   {"6", "6", "3", "0"},
		"referral/on":    {"6", "6", "3", "0"},
	}
	for _, row := range tab.Rows {
		key := row[0] + "/" + row[1]
		require.Contains(t, want, key)
		assert.Equal(t, want[key], row[2:6], key)
		assert.Equal(t, "verified", row[7], key)
	}
	for _, c := range r.Runs {
		assert.Equal(t, QueriesRepeat, c.Value("queries"))
	}

	queries := QueriesBoth // cn=alice (three DSAs), then cn=zed (two)
	if testing.Short() {
		queries = QueriesFound // cn=alice alone: referral has 48,960 states with both
	}
	lossy := newRunner(t, map[string]string{"drop": "1", "queries": queries})
	tab, err = Spec.Tables[0].Compute(lossy)
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, tab.Write(&b))
	t.Logf("\n%s", b.String())
	for _, row := range tab.Rows {
		assert.Equal(t, "verified", row[7], row)
		qs, _ := querySet(queries)
		sum := 0
		for _, q := range qs {
			m, _, _, _ := cost(row[0], dsasVisited(q))
			sum += m
		}
		assert.Equal(t, num(float64(sum)/float64(len(qs))), lowest(row[2]), "%v: the cheapest run costs what a loss-free one does", row)
	}

	_, err = Spec.Tables[0].Compute(newRunner(t, map[string]string{"max-n": "3"}))
	assert.Error(t, err, "an unknown option")
	_, err = Spec.Tables[0].Compute(newRunner(t, map[string]string{"queries": "all"}))
	assert.Error(t, err, "an unknown query set")
	assert.Equal(t, []string{"drop", "queries"}, slices.Sorted(maps.Keys(lossy.Options)))
}

// lowest returns the minimum of a per-query cell: "5 (4..6)" gives "4",
// "5" gives "5".
func lowest(cell string) string {
	if _, rng, ok := strings.Cut(cell, "("); ok {
		lo, _, _ := strings.Cut(rng, "..")
		return lo
	}
	return cell
}
