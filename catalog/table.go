package catalog

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/protocheck/protocheck/model"
)

// A Table is one table `check table <name>` prints, computed from real runs
// of the checker (never typed in).
type Table struct {
	Name    string // what users type: "dme", "ring", "sendsem"
	Summary string // one line
	// Compute runs the checker through r and returns the table. Its
	// options (sizes) come from flags the CLI parses as for `check run`.
	Compute func(r Runner) (*TableData, error)
	_       struct{}
}

// A Runner runs the checker on the configurations a table asks for. The
// CLI and the catalogue test supply it (package protocols), so a spec that
// computes a table never imports an engine.
type Runner interface {
	// Spec returns the description of the named spec, nil if unknown.
	Spec(name string) *Info
	// Run explores one configuration of the named spec exhaustively
	// (breadth first, liveness in the same pass) and returns its verdicts, counts, and
	// the measures over its final states.
	Run(spec string, c Config) (*Outcome, error)
	// Args are the table's own options as given on the command line (for
	// example "-max-n 4"), by name; nil when none were given.
	Args() map[string]string
}

// An Outcome is what a table needs of one run.
type Outcome struct {
	Config   Config
	Complete bool  // the whole reachable space was explored
	Distinct int64 // distinct states
	Verdicts []Verdict
	// Measures hold, for each of the spec's measures, its statistics over
	// the run's final states (reachable states with no enabled step that
	// the model accepts as final).
	Measures []Stat
}

// Verdict returns the verdict on the named property, and false if the run
// has none.
func (o *Outcome) Verdict(name string) (Verdict, bool) {
	for _, v := range o.Verdicts {
		if v.Name == name {
			return v, true
		}
	}
	return Verdict{}, false
}

// OK reports whether the run was complete and no property failed or was
// left undecided.
func (o *Outcome) OK() bool {
	if !o.Complete {
		return false
	}
	for _, v := range o.Verdicts {
		if v.Status != "holds" {
			return false
		}
	}
	return true
}

// A Verdict is the outcome of one property in a run.
type Verdict struct {
	Name   string
	Expect model.Expectation
	Status string       // "holds", "violated" or "unknown"
	Trace  *model.Trace // the counterexample or witness, states as the spec's S
}

// A Stat summarises a measure over the final states of a run.
type Stat struct {
	Name        string
	Count       int     // final states measured
	Min, Max    int     // over those states
	Mean        float64 // the mean over distinct final states
	PerUnitMin  float64 // when the spec has a Unit and a measure named "units": Min of value/units
	PerUnitMean float64
	PerUnitMax  float64
	HasPerUnit  bool
	_           struct{}
}

// TableData is a computed table: a title, column headers, rows of cells and
// notes printed under it.
type TableData struct {
	Title   string     `json:"title"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
	Notes   []string   `json:"notes,omitempty"`
}

// Write prints t with aligned columns.
func (t *TableData) Write(w io.Writer) error {
	width := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		width[i] = utf8.RuneCountInString(c)
	}
	for _, r := range t.Rows {
		for i, c := range r {
			if i < len(width) {
				width[i] = max(width[i], utf8.RuneCountInString(c))
			}
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n\n")
	}
	line := func(cells []string) {
		var l strings.Builder
		for i, c := range cells {
			if i > 0 {
				l.WriteString("  ")
			}
			l.WriteString(c)
			if i < len(cells)-1 && i < len(width) {
				l.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(t.Columns)
	sep := make([]string, len(t.Columns))
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
	}
	line(sep)
	for _, r := range t.Rows {
		line(r)
	}
	for _, n := range t.Notes {
		b.WriteString("\n" + n)
	}
	if len(t.Notes) > 0 {
		b.WriteByte('\n')
	}
	_, err := fmt.Fprint(w, b.String())
	return err
}
