package naming

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
)

// comparisonTable runs the correct variant in every mode with caches off
// and on, on the query set -queries (default repeat: cn=alice twice, so a
// cache can answer the second) with -drop lost messages (default 0), and
// prints the text's points of comparison measured over the final states of
// each complete run.
func comparisonTable(r catalog.Runner) (*catalog.TableData, error) {
	queries, drop := QueriesRepeat, 0
	args := r.Args()
	for _, k := range slices.Sorted(maps.Keys(args)) {
		v := args[k]
		switch k {
		case "queries":
			if _, ok := querySet(v); !ok || v == "" {
				return nil, fmt.Errorf("-queries %q: want one of %v", v, QuerySets)
			}
			queries = v
		case "drop":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 2 {
				return nil, fmt.Errorf("-drop %q: want 0..2", v)
			}
			drop = n
		default:
			return nil, fmt.Errorf("unknown option -%s (the naming table takes -queries and -drop)", k)
		}
	}
	in := r.Spec(specName)
	if in == nil {
		return nil, fmt.Errorf("no spec %q", specName)
	}
	t := &catalog.TableData{
		Title: fmt.Sprintf("Name resolution, the text's points of comparison (queries=%s, drop=%d; "+
			"per query over the final states of each complete run: mean, or mean (min..max))", queries, drop),
		Columns: []string{"mode", "cache", "messages/query", "hops/query", "DUA requests/query", "DSA remembers", "states", "verdict"},
	}
	for _, mode := range Modes {
		for _, cache := range []string{"off", "on"} {
			row, err := comparisonRow(r, in, mode, cache, queries, drop)
			if err != nil {
				return nil, err
			}
			t.Rows = append(t.Rows, row)
		}
	}
	t.Notes = []string{
		"message efficiency: messages/query, every message sent (late copies and retransmissions included);",
		"response time at the DUA: hops/query, the messages on the path of the attempt whose answer the DUA takes;",
		"simplicity at the DUA: DUA requests/query; stateless DSA: DSA remembers, the most requests one DSA held at once while",
		"they were outstanding, over every reachable state (each run's running maximum, read in its final state);",
		"ability of a DSA to cache: cache off against on; only recursive chaining brings answers back through the DSAs.",
		"Under loss (-drop) a DSA in recursive chaining never forgets a request whose answer was lost: it has no timeout.",
	}
	return t, nil
}

// comparisonRow runs one mode and cache setting.
func comparisonRow(r catalog.Runner, in *catalog.Info, mode, cache, queries string, drop int) ([]string, error) {
	c, err := in.Defaults(VariantCorrect)
	if err != nil {
		return nil, err
	}
	c = c.With("mode", mode).With("cache", cache).With("queries", queries)
	c.Faults = actor.Faults{Drop: drop}
	if c, err = in.Validate(c); err != nil {
		return nil, err
	}
	out, err := r.Run(in.Name, c)
	if err != nil {
		return nil, fmt.Errorf("%s %v: %w", in.Name, c, err)
	}
	verdict := "verified"
	if !out.OK() {
		verdict = "NOT verified"
		if !out.Complete {
			verdict += " (incomplete)"
		}
		for _, v := range out.Verdicts {
			if v.Status != "holds" {
				verdict += fmt.Sprintf(" (%q %s)", v.Name, v.Status)
				break
			}
		}
	}
	row := []string{mode, cache, "-", "-", "-", "-", strconv.FormatInt(out.Distinct, 10), verdict}
	for _, s := range out.Measures {
		switch s.Name {
		case MeasureMessages:
			row[2] = perQuery(s)
		case MeasureHops:
			row[3] = perQuery(s)
		case MeasureRequests:
			row[4] = perQuery(s)
		case MeasureRemembered:
			if s.Count > 0 {
				row[5] = strconv.Itoa(s.Max)
			}
		}
	}
	return row, nil
}

// perQuery formats a measure per query: the mean, with the range when the
// runs differ.
func perQuery(s catalog.Stat) string {
	if !s.HasPerUnit {
		return "-"
	}
	if s.PerUnitMin == s.PerUnitMax {
		return num(s.PerUnitMean)
	}
	return num(s.PerUnitMean) + " (" + num(s.PerUnitMin) + ".." + num(s.PerUnitMax) + ")"
}

// num prints v with at most two decimals: "4", "5.5", "4.33".
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}
