package ring

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
)

// newRunner runs the checker itself, as package protocols does:
// explore.Check for the verdicts, explore.Visit for the measures over the
// final states.
func newRunner(args map[string]string) *exploretest.Runner[State, Action] {
	return &exploretest.Runner[State, Action]{Entry: Spec, Options: args, Measure: measures}
}

// measures returns each of Spec's measures over the final states of m.
func measures(m model.Model[State, Action]) ([]catalog.Stat, error) {
	stats := make([]catalog.Stat, len(Spec.Measures))
	sums := make([]float64, len(Spec.Measures))
	_, err := explore.Visit(m, explore.Options{Workers: 1}, func(s State, v explore.Visited) {
		if !v.Final {
			return
		}
		for i, ms := range Spec.Measures {
			x, st := ms.Of(s), &stats[i]
			if st.Count == 0 || x < st.Min {
				st.Min = x
			}
			if st.Count == 0 || x > st.Max {
				st.Max = x
			}
			sums[i] += float64(x)
			st.Count++
		}
	})
	if err != nil {
		return nil, err
	}
	for i, ms := range Spec.Measures {
		stats[i].Name = ms.Name
		if stats[i].Count > 0 {
			stats[i].Mean = sums[i] / float64(stats[i].Count)
		}
	}
	return stats, nil
}

// row is a parsed table row.
type row struct {
	n              int
	init, variant  string
	runs, lo, hi   int
	mean           float64
	withAnnounce   string
	bookLo, bookHi int
	bookMean       float64
}

func parseRows(t *testing.T, td *catalog.TableData) []row {
	t.Helper()
	atoi := func(s string) int {
		v, err := strconv.Atoi(s)
		require.NoError(t, err)
		return v
	}
	atof := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err)
		return v
	}
	var out []row
	for _, r := range td.Rows {
		require.Len(t, r, len(td.Columns))
		out = append(out, row{n: atoi(r[0]), init: r[1], variant: r[2], runs: atoi(r[3]),
			lo: atoi(r[4]), mean: atof(r[5]), hi: atoi(r[6]),
			bookLo: atoi(r[7]), bookMean: atof(r[8]), bookHi: atoi(r[9]), withAnnounce: r[10]})
	}
	return out
}

// TestTable computes the table for N=3 and 4 through a runner that runs the
// checker, and checks it against Chang and Roberts' figures, derived by
// hand in the package doc: one initiator, N..2N-1 election messages with
// mean (3N-1)/2; all initiators, 2N-1..N(N+1)/2 with mean N*H(N). Without
// the participating flag the counts are higher with all initiators.
func TestTable(t *testing.T) {
	r := newRunner(map[string]string{"max-n": "4"})
	td, err := Spec.Tables[0].Compute(r)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, td.Write(&b))
	t.Logf("\n%s", b.String())
	rows := parseRows(t, td)
	require.Len(t, rows, 8, "N=3,4 x one,all x correct,no-flag")
	assert.Equal(t, 2*(6+24)+2*(2+6), len(r.Runs), "one run per arrangement (per rotation with all initiators) and variant")
	correct := map[string]row{}
	for _, x := range rows {
		key := fmt.Sprint(x.n, x.init)
		if x.variant == VariantCorrect {
			correct[key] = x
		}
	}
	for _, x := range rows {
		n := x.n
		if x.init == InitOne {
			assert.Equal(t, map[int]int{3: 6, 4: 24}[n], x.runs, "N! arrangements")
		} else {
			assert.Equal(t, map[int]int{3: 2, 4: 6}[n], x.runs, "(N-1)! arrangements")
		}
		if x.variant == VariantNoFlag {
			// With one initiator a single message goes round and the flag
			// never matters; with all, every node's id turns into the
			// largest and goes round.
			c := correct[fmt.Sprint(x.n, x.init)]
			if x.init == InitOne {
				assert.Equal(t, []float64{float64(c.lo), c.mean, float64(c.hi)}, []float64{float64(x.lo), x.mean, float64(x.hi)}, "%+v", x)
			} else {
				assert.Greater(t, x.lo, c.hi, "without the flag more messages than the worst case: %+v", x)
			}
			continue
		}
		switch x.init {
		case InitOne:
			assert.Equal(t, []int{n, 2*n - 1}, []int{x.lo, x.hi}, "one initiator: %+v", x)
			assert.InDelta(t, float64(3*n-1)/2, x.mean, 1e-9)
		case InitAll:
			assert.Equal(t, []int{2*n - 1, n * (n + 1) / 2}, []int{x.lo, x.hi}, "all initiators: %+v", x)
			assert.InDelta(t, map[int]float64{3: 5.5, 4: 4 * (1 + 0.5 + 1/3.0 + 0.25)}[n], x.mean, 0.005)
		}
		assert.Equal(t, []int{x.lo, x.hi}, []int{x.bookLo, x.bookHi}, "measured extremes are the textbook's")
		assert.InDelta(t, x.bookMean, x.mean, 0.005, "measured mean is the textbook's")
		assert.Equal(t, fmt.Sprintf("%d..%d", x.lo+n, x.hi+n), x.withAnnounce, "the announcement adds N")
	}
}

// TestRotationsKeepCounts: with all initiators, one arrangement per
// rotation gives the figures of all N! of them.
func TestRotationsKeepCounts(t *testing.T) {
	for _, v := range []string{VariantCorrect, VariantNoFlag} {
		full, err := tableRow(newRunner(nil), &Spec.Info, 4, InitAll, v, permutations(4))
		require.NoError(t, err)
		reduced, err := tableRow(newRunner(nil), &Spec.Info, 4, InitAll, v, arrangements(4, InitAll))
		require.NoError(t, err)
		assert.Equal(t, "24", full[3])
		assert.Equal(t, "6", reduced[3])
		assert.Equal(t, full[4:], reduced[4:], v)
	}
	assert.Len(t, permutations(5), 120)
	assert.Len(t, arrangements(5, InitOne), 120)
	assert.Len(t, arrangements(5, InitAll), 24)
}

// TestTableFull prints the table up to N=6 (outside -short).
func TestTableFull(t *testing.T) {
	if testing.Short() {
		t.Skip("up to N=6: 1,908 runs, about 10 s")
	}
	td, err := Spec.Tables[0].Compute(newRunner(map[string]string{"max-n": "6"}))
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, td.Write(&b))
	t.Logf("\n%s", b.String())
	assert.Len(t, td.Rows, 16)
}

func TestTableRejectsBadMaxN(t *testing.T) {
	for _, v := range []string{"2", "9", "x"} {
		_, err := Spec.Tables[0].Compute(newRunner(map[string]string{"max-n": v}))
		assert.ErrorIs(t, err, catalog.ErrConfig, v)
	}
}
