package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
)

// progress draws the live progress line on stderr.
type progress struct {
	w       io.Writer
	tty     bool // redraw one line with \r
	lastLen int  // length of the last line drawn (tty only)
}

// newProgress returns nil when no progress should be shown: -quiet, or
// stderr is not a terminal and -progress was not given.
func newProgress(w io.Writer, force, quiet bool) *progress {
	if quiet {
		return nil
	}
	tty := isTerminal(w)
	if !tty && !force {
		return nil
	}
	return &progress{w: w, tty: tty}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// report is the explore.Options.Progress callback (called from one
// goroutine at a time).
func (p *progress) report(s explore.Progress) {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Distinct) / s.Elapsed.Seconds()
	}
	line := fmt.Sprintf("states %s  distinct %s  queue %s  depth %d  %s/s  %s",
		human(float64(s.Generated)), human(float64(s.Distinct)), human(float64(s.Queue)),
		s.Depth, human(rate), s.Elapsed.Round(time.Second))
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	pad := ""
	if n := p.lastLen - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.lastLen = len(line)
}

// done clears the progress line.
func (p *progress) done() {
	if p == nil || !p.tty || p.lastLen == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.lastLen))
}

// human prints a count with a k/M/G suffix.
func human(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.2fG", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%.1fk", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}

// humanBytes prints a size in binary units.
func humanBytes(n int64) string {
	if n <= 0 {
		return "unknown"
	}
	v, units := float64(n), []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}

// writeSummary prints the human-readable report of a run.
func writeSummary(w io.Writer, j *job, res *explore.Result, shown *explore.PropertyResult) {
	fmt.Fprintf(w, "protocol:   %s %s\n", j.info.Name, j.cfg)
	status := "complete"
	if !res.Complete {
		status = "INCOMPLETE (" + res.Stop() + ")"
	}
	opts := ""
	if j.opts.Symmetry {
		opts = ", symmetry reduction"
	}
	if j.opts.POR {
		opts += ", partial-order reduction"
	}
	fmt.Fprintf(w, "engine:     %s, %d workers%s, %s", res.Engine, res.Workers, opts, status)
	if res.Engine == "random" {
		fmt.Fprintf(w, ", seed %d", res.Seed)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "states:     %d distinct, %d successors generated, %d BFS levels (longest shortest path %d steps)\n",
		res.Distinct, res.Generated, res.MaxDepth+1, res.MaxDepth)
	fmt.Fprintf(w, "speed:      %s states/s, elapsed %v, peak RSS %s, collision probability %.3g\n",
		human(res.StatesPerSecond()), res.Elapsed.Round(time.Millisecond), humanBytes(res.PeakRSS), res.Collision)
	if tip := expectTip(j.opts, res); tip != "" {
		fmt.Fprintf(w, "tip:        %s\n", tip)
	}
	fmt.Fprintln(w, "properties:")
	for _, p := range res.Properties {
		fmt.Fprintln(w, p.Line(shown == nil || p.Name != shown.Name)) // the trace below prints shown's message
	}
}

// tipStates is the count from which a run without -expect is told about
// it: its visited set grew from 196,608 entries at least three times.
const tipStates = 1_000_000

// expectTip suggests -expect for the next run of a large, complete,
// in-memory exploration that had to grow its visited set, and returns ""
// otherwise.
func expectTip(opts explore.Options, res *explore.Result) string {
	sized := res.Engine == "bfs" || res.Engine == "bfs+liveness" || res.Engine == "dfs" || res.Engine == "liveness" // the engines Expect sizes for
	if !sized || opts.Expect > 0 || !res.Complete || res.Distinct < tipStates {
		return ""
	}
	return fmt.Sprintf("-expect %d sizes the visited set for this count up front next time (no pauses to grow it)", res.Distinct)
}

// verdict is the last line of the summary (see explore.Result.Verdict).
func verdict(res *explore.Result, engine string) string { return "\n" + res.Verdict(engine) }

// jsonReport is the shape of -json output. Counts are named so they are
// not compared with the wrong ones: TLC's "states generated" counts the
// initial states too (tlc_states_generated here), and TLC's "depth" is
// the number of BFS levels (bfs_levels), one more than the longest
// shortest path in steps (max_depth_steps).
type jsonReport struct {
	Protocol             string          `json:"protocol"`
	Params               jsonParams      `json:"params"`
	Engine               string          `json:"engine"`
	Workers              int             `json:"workers"`
	Seed                 uint64          `json:"seed"`
	Complete             bool            `json:"complete"`
	StopReason           string          `json:"stop_reason,omitempty"`
	DistinctStates       int64           `json:"distinct_states"`
	InitialStates        int64           `json:"initial_states"`
	GeneratedSuccessors  int64           `json:"generated_successors"`
	TLCStatesGenerated   int64           `json:"tlc_states_generated"`
	MaxDepthSteps        int             `json:"max_depth_steps"`
	BFSLevels            int             `json:"bfs_levels"`
	ElapsedSeconds       float64         `json:"elapsed_seconds"`
	PeakRSSBytes         int64           `json:"peak_rss_bytes"`
	StatesPerSecond      float64         `json:"states_per_second"`
	CollisionProbability float64         `json:"collision_probability"`
	Properties           []jsonProperty  `json:"properties"`
	Violations           []jsonViolation `json:"violations"`
	ExitCode             int             `json:"exit_code"`
}

// jsonParams is the run's configuration: the same values as a trace
// header's params line, typed.
type jsonParams struct {
	Variant  string            `json:"variant"`
	Args     map[string]string `json:"args"`
	Network  string            `json:"network,omitempty"`
	Faults   string            `json:"faults,omitempty"`
	Symmetry bool              `json:"symmetry"`
	Stutter  bool              `json:"stutter"`
	Props    []string          `json:"props,omitempty"`
	Line     string            `json:"line"`
}

type jsonProperty struct {
	Name        string `json:"name"`
	Expectation string `json:"expectation"`
	Status      string `json:"status"`
	Message     string `json:"message,omitempty"`
}

type jsonViolation struct {
	Property    string   `json:"property"`
	Expectation string   `json:"expectation"`
	TraceLength int      `json:"trace_length"`
	Path        []int    `json:"path"`
	Loop        int      `json:"loop"`
	Actions     []string `json:"actions"`
	Message     string   `json:"message,omitempty"`
	Reproduce   string   `json:"reproduce"`
	// Trace is the violation's trace in the JSON form of a trace file
	// (what -o x.json writes): every step with its state.
	Trace *counterexamples.JSONTrace `json:"trace,omitempty"`
}

// writeJSON prints the report as one JSON object.
func writeJSON(w io.Writer, j *job, res *explore.Result) error {
	args := map[string]string{}
	for _, a := range j.cfg.Args {
		args[a.Name] = a.Value
	}
	params := jsonParams{Variant: j.cfg.Variant, Args: args, Network: j.cfg.Network, Symmetry: j.opts.Symmetry,
		Props: j.props, Stutter: j.opts.Stutter,
		Line: counterexamples.Params{Config: j.cfg, Symmetry: j.opts.Symmetry, Stutter: j.opts.Stutter}.String()}
	if j.cfg.Network != "" {
		params.Faults = j.cfg.Faults.String()
	}
	initial := j.inst.InitialStates()
	rep := jsonReport{
		Protocol: j.info.Name, Params: params,
		Engine: res.Engine, Workers: res.Workers, Seed: res.Seed,
		Complete: res.Complete, StopReason: res.StopReason,
		DistinctStates: res.Distinct, InitialStates: initial,
		GeneratedSuccessors: res.Generated, TLCStatesGenerated: res.Generated + initial,
		MaxDepthSteps: res.MaxDepth, BFSLevels: res.MaxDepth + 1,
		ElapsedSeconds: res.Elapsed.Seconds(), PeakRSSBytes: res.PeakRSS,
		StatesPerSecond: res.StatesPerSecond(), CollisionProbability: res.Collision,
		Properties: []jsonProperty{}, Violations: []jsonViolation{}, ExitCode: res.ExitCode(),
	}
	for _, p := range res.Properties {
		rep.Properties = append(rep.Properties, jsonProperty{
			Name: p.Name, Expectation: p.Expect.String(), Status: p.Status.String(), Message: p.Message})
		if p.Status != explore.Violated {
			continue
		}
		v := jsonViolation{Property: p.Name, Expectation: p.Expect.String(), Path: []int{}, Loop: -1,
			Actions: []string{}, Message: p.Message, Reproduce: j.reproduceCommand()}
		if p.Trace != nil {
			v.TraceLength, v.Path, v.Loop = p.Trace.Len(), p.Trace.Path, p.Trace.Loop
			for _, s := range p.Trace.Steps[min(1, len(p.Trace.Steps)):] {
				v.Actions = append(v.Actions, s.Action)
			}
			if len(p.Trace.Steps) > 0 {
				jt, err := counterexamples.JSONOf(j.traceFile(res, &p))
				if err != nil {
					return err
				}
				v.Trace = jt
			}
		}
		rep.Violations = append(rep.Violations, v)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
