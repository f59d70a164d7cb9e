package explore

import (
	"fmt"
	"strings"
)

// Verdict is the one-line verdict a CLI ends its summary with, for a run
// of the named engine. It says "verified" only for a complete run in which
// every property was decided and holds; a property the engine left
// undecided is "NOT CHECKED by <engine>".
func (r *Result) Verdict(engine string) string {
	var unknown []string
	for _, p := range r.Properties {
		if p.Status == Unknown {
			unknown = append(unknown, fmt.Sprintf("%q", p.Name))
		}
	}
	switch v := r.Violations(); {
	case len(v) > 0:
		return fmt.Sprintf("VIOLATED: %d of %d properties failed", len(v), len(r.Properties))
	case !r.Complete && len(unknown) == 0:
		return fmt.Sprintf("all %d properties hold (decided before the space was exhausted: %s)", len(r.Properties), r.Stop())
	case !r.Complete:
		return fmt.Sprintf("INCOMPLETE (%s): no violation found, but %s not decided", r.Stop(), strings.Join(unknown, ", "))
	case len(unknown) > 0:
		return fmt.Sprintf("NOT CHECKED by %s: %s (no violation among the rest; exit 3)", engine, strings.Join(unknown, ", "))
	}
	return fmt.Sprintf("verified: all %d properties hold over the complete state space", len(r.Properties))
}

// The exit codes of the CLIs (check, beamcheck), which both end a run
// with Result.ExitCode.
const (
	ExitOK         = 0 // every property holds over a complete exploration
	ExitViolation  = 1 // a property failed
	ExitUsage      = 2 // bad usage or input
	ExitIncomplete = 3 // stopped at a limit, or a property left undecided
)

// ExitCode is the exit code a CLI ends the run with: ExitViolation when a
// property failed; ExitIncomplete when the run stopped early or left a
// property undecided; ExitOK only when every property was decided and
// holds.
func (r *Result) ExitCode() int {
	switch {
	case len(r.Violations()) > 0:
		return ExitViolation
	case !r.Decided():
		return ExitIncomplete
	}
	return ExitOK
}

// Line is the line a CLI lists the property on: its status, name and
// expectation, the length of its trace and, when message is true, its
// message on one line.
func (p PropertyResult) Line(message bool) string {
	st := p.Status.String()
	switch p.Status {
	case Violated:
		st = "VIOLATED"
	case Unknown:
		st = "undecided"
	}
	line := fmt.Sprintf("  %-9s %q (%s)", st, p.Name, p.Expect)
	if p.Trace != nil && p.Status != Unknown {
		line += fmt.Sprintf(" [trace: %d steps]", p.Trace.Len())
	}
	if message && p.Message != "" {
		line += ": " + p.MessageLine()
	}
	return line
}

// MessageLine returns the message on one line: every run of white space,
// newlines included, as one space.
func (p PropertyResult) MessageLine() string { return strings.Join(strings.Fields(p.Message), " ") }

// Stop returns why the run stopped early, "stopped" when it does not say.
func (r *Result) Stop() string {
	if r.StopReason == "" {
		return "stopped"
	}
	return r.StopReason
}
