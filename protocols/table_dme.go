package protocols

import (
	"fmt"
	"strconv"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
)

// UnitCSEntry is the Unit of the distributed mutual exclusion specs: the
// "dme" table lists every spec that declares it.
const UnitCSEntry = "critical-section entry"

func init() {
	crossTables = append(crossTables, catalog.Table{
		Name:    "dme",
		Summary: "messages per critical-section entry of every DME algorithm, N = 2.. (-max-n, default 4), beside the text's figures",
		Compute: dmeTable,
	})
}

// dmeTable runs every DME spec's default variant, fault-free, with one
// request per process, for N = 2 up to -max-n (default 4, or the spec's
// largest N if smaller), and prints the messages per entry over the final
// states of each complete run.
func dmeTable(r catalog.Runner) (*catalog.TableData, error) {
	maxN := 4
	if v, ok := r.Args()["max-n"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > 9 {
			return nil, fmt.Errorf("-max-n %q: want 2..9", v)
		}
		maxN = n
	}
	for k := range r.Args() {
		if k != "max-n" {
			return nil, fmt.Errorf("unknown option -%s (the dme table takes -max-n)", k)
		}
	}
	t := &catalog.TableData{
		Title:   "Messages per critical-section entry (fault-free, one request per process, over the final states of a complete run)",
		Columns: []string{"algorithm", "N", "min", "mean", "max", "text", "states", "verdict"},
	}
	for _, e := range All() {
		in := e.Info()
		if in.Unit != UnitCSEntry {
			continue
		}
		np := in.Param("n")
		if np == nil {
			continue
		}
		for n := max(2, np.Min); n <= min(maxN, np.Max); n++ {
			row, complete, err := dmeRow(r, in, n)
			if err != nil {
				return nil, err
			}
			t.Rows = append(t.Rows, row)
			if !complete {
				break // larger N would not finish either
			}
		}
	}
	t.Notes = append(t.Notes, "min, mean and max are over the distinct final states of the run; text is the source's figure.")
	return t, nil
}

func dmeRow(r catalog.Runner, in *catalog.Info, n int) ([]string, bool, error) {
	c, err := in.Defaults("")
	if err != nil {
		return nil, false, err
	}
	c = c.With("n", strconv.Itoa(n))
	if c.Has("requests") {
		c = c.With("requests", "1")
	}
	if c.Has("history") { // ricart-agrawala's lock history: not needed for counting messages
		c = c.With("history", "off")
	}
	c.Faults = actor.Faults{} // fault-free
	if c, err = in.Validate(c); err != nil {
		return nil, false, fmt.Errorf("%s n=%d: %v", in.Name, n, err)
	}
	out, err := r.Run(in.Name, c)
	if err != nil {
		return nil, false, fmt.Errorf("%s n=%d: %v", in.Name, n, err)
	}
	verdict := "verified"
	switch {
	case !out.Complete:
		verdict = fmt.Sprintf("stopped at %d states (-max-states)", out.Distinct)
	case !out.OK():
		verdict = "NOT verified"
		for _, v := range out.Verdicts {
			if v.Status != "holds" {
				verdict += fmt.Sprintf(" (%q %s)", v.Name, v.Status)
				break
			}
		}
	}
	figure := ""
	if in.Figure != nil {
		figure = in.Figure(n)
	}
	row := []string{in.Name, strconv.Itoa(n), "-", "-", "-", figure, strconv.FormatInt(out.Distinct, 10), verdict}
	for _, s := range out.Measures {
		if s.Name == "messages" && s.HasPerUnit {
			row[2], row[3], row[4] = ratio(s.PerUnitMin), ratio(s.PerUnitMean), ratio(s.PerUnitMax)
		}
	}
	return row, out.Complete, nil
}

func ratio(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
