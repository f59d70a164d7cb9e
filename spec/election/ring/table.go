package ring

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/catalog"
)

// Table sizes: N from tableMinN to the -max-n option (default
// tableDefaultMaxN).
const (
	tableMinN        = 3
	tableDefaultMaxN = 5 // -max-n 6 takes about 10 s more
)

// computeTable runs the checker on every arrangement of the ids 1..N in
// ring order, for one initiator and for all, for the correct protocol and
// the one without the participating flag, and prints the election messages
// per election beside the textbook figures.
func computeTable(r catalog.Runner) (*catalog.TableData, error) {
	info := r.Spec(specName)
	if info == nil {
		return nil, errors.New("ring: the runner does not know the ring spec")
	}
	maxN, err := tableMaxN(r.Args())
	if err != nil {
		return nil, err
	}
	t := &catalog.TableData{
		Title: "Chang and Roberts ring election: messages per election over every arrangement of the ids 1..N",
		Columns: []string{"N", "initiators", "variant", "arrangements", "min", "mean", "max",
			"textbook min", "textbook mean", "textbook max", "with announcements"},
		Notes: tableNotes,
	}
	for n := tableMinN; n <= maxN; n++ {
		for _, init := range []string{InitOne, InitAll} {
			for _, variant := range []string{VariantCorrect, VariantNoFlag} {
				row, err := tableRow(r, info, n, init, variant, arrangements(n, init))
				if err != nil {
					return nil, err
				}
				t.Rows = append(t.Rows, row)
			}
		}
	}
	return t, nil
}

var tableNotes = []string{
	"min, mean, max: election messages (Election(v) until the leader receives its own id) over the final states of",
	"  exhaustive runs, one run per arrangement of the ids in ring order; mean: over arrangements, of each run's mean.",
	"arrangements: N! with one initiator (the node at position 0); (N-1)! with all, one per rotation (the largest id",
	"  first: rotating the ring rotates every run and keeps its counts).",
	"with announcements: all messages, the Elected ones too: N in the correct protocol; without the flag the leader",
	"  announces once for every copy of its id that comes back.",
	"textbook (Chang and Roberts 1979): one initiator: best N, mean (3N-1)/2, worst 2N-1 (3N-1 with the announcement);",
	"  all initiators: best 2N-1, mean N*H(N) ~ N ln N, worst N(N+1)/2 = O(N^2).",
}

// tableMaxN reads the -max-n option.
func tableMaxN(args map[string]string) (int, error) {
	v, ok := args["max-n"]
	if !ok {
		return tableDefaultMaxN, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < tableMinN || n > MaxN {
		return 0, fmt.Errorf("%w: ring table: -max-n %q (want %d..%d)", catalog.ErrConfig, v, tableMinN, MaxN)
	}
	return n, nil
}

// arrangements returns the orders of the ids 1..n to run: all n! of them
// with one initiator; with all initiators one per rotation class (the
// largest id first), since rotating the ring rotates every run and keeps
// every count, so the mean over the classes is the mean over all n!.
func arrangements(n int, init string) [][]int {
	all := permutations(n)
	if init != InitAll {
		return all
	}
	var out [][]int
	for _, p := range all {
		if p[0] == n {
			out = append(out, p)
		}
	}
	return out
}

// tableRow runs the given arrangements of the ids with the given
// initiators and variant.
func tableRow(r catalog.Runner, info *catalog.Info, n int, init, variant string, perms [][]int) ([]string, error) {
	base, err := info.Defaults(variant)
	if err != nil {
		return nil, err
	}
	base = base.With("initiators", init)
	var elect, all span
	runs := 0
	for _, ids := range perms {
		c, err := info.Validate(base.With("ids", joinInts(ids)))
		if err != nil {
			return nil, err
		}
		o, err := r.Run(specName, c)
		if err != nil {
			return nil, err
		}
		if !o.OK() {
			return nil, fmt.Errorf("ring table: %v: not every property holds, or the run is incomplete", c)
		}
		e, okE := stat(o, MeasureElection)
		m, okM := stat(o, "messages")
		if !okE || !okM {
			return nil, fmt.Errorf("ring table: %v: no final state measured", c)
		}
		elect.add(e)
		all.add(m)
		runs++
	}
	bestT, meanT, worstT := textbook(n, init)
	return []string{strconv.Itoa(n), init, variant, strconv.Itoa(runs),
		strconv.Itoa(elect.min), fmt.Sprintf("%.2f", elect.sum/float64(runs)), strconv.Itoa(elect.max),
		strconv.Itoa(bestT), fmt.Sprintf("%.2f", meanT), strconv.Itoa(worstT),
		fmt.Sprintf("%d..%d", all.min, all.max)}, nil
}

// textbook returns Chang and Roberts' best, mean and worst election
// message counts for n nodes with one initiator or all.
func textbook(n int, init string) (best int, mean float64, worst int) {
	if init == InitOne {
		// The initiator's id travels to the largest id, at distance d
		// (0..n-1, each equally likely), which then goes round: n + d.
		return n, float64(3*n-1) / 2, 2*n - 1
	}
	h := 0.0
	for k := 1; k <= n; k++ {
		h += 1 / float64(k)
	}
	return 2*n - 1, float64(n) * h, n * (n + 1) / 2
}

// span accumulates min, max and the sum of means over runs.
type span struct {
	min, max int
	sum      float64
	n        int
}

func (s *span) add(st catalog.Stat) {
	if s.n == 0 || st.Min < s.min {
		s.min = st.Min
	}
	if s.n == 0 || st.Max > s.max {
		s.max = st.Max
	}
	s.sum += st.Mean
	s.n++
}

// stat returns the named measure's statistics of a run, false when no
// final state was measured.
func stat(o *catalog.Outcome, name string) (catalog.Stat, bool) {
	for _, st := range o.Measures {
		if st.Name == name {
			return st, st.Count > 0
		}
	}
	return catalog.Stat{}, false
}

// permutations returns every ordering of 1..n in lexicographic order.
func permutations(n int) [][]int {
	var out [][]int
	var rec func(prefix []int, used uint)
	rec = func(prefix []int, used uint) {
		if len(prefix) == n {
			out = append(out, append([]int(nil), prefix...))
			return
		}
		for v := 1; v <= n; v++ {
			if used&(1<<v) == 0 {
				rec(append(prefix, v), used|1<<v)
			}
		}
	}
	rec(make([]int, 0, n), 0)
	return out
}

func joinInts(vs []int) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}
