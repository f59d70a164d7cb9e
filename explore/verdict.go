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

// Stop returns why the run stopped early, "stopped" when it does not say.
func (r *Result) Stop() string {
	if r.StopReason == "" {
		return "stopped"
	}
	return r.StopReason
}
