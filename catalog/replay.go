package catalog

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// RunVerdicts checks the Always properties among props in every state of a
// replayed run (states[i] is reached by acts[i-1]) and says, for each, that
// it holds in every state or after which step it first fails: the lines a
// table that replays a scenario prints under it.
func RunVerdicts[S, A any](props []model.Property[S], states []S, acts []A) []string {
	var out []string
	for _, p := range props {
		if p.Expect != model.ExpectAlways {
			continue
		}
		verdict := "holds in every state of this run"
		for i, s := range states {
			if p.Holds(s) {
				continue
			}
			verdict = "fails in the initial state"
			if i > 0 {
				verdict = fmt.Sprintf("fails after step %d (%v)", i, acts[i-1])
			}
			break
		}
		out = append(out, fmt.Sprintf("%q %s.", p.Name, verdict))
	}
	return out
}

// CheckedAtDefaults explores a variant at its own defaults with the runner
// (a complete run of the checker) and says in one sentence what it found:
// the configuration, whether the space was explored completely, the
// distinct states and every verdict.
func CheckedAtDefaults(r Runner, in *Info, variant string) (string, error) {
	c, err := in.Defaults(variant)
	if err != nil {
		return "", err
	}
	out, err := r.Run(in.Name, c)
	if err != nil {
		return "", err
	}
	parts := make([]string, len(out.Verdicts))
	for i, v := range out.Verdicts {
		parts[i] = fmt.Sprintf("%q %s", v.Name, v.Status)
	}
	done := "explored completely"
	if !out.Complete {
		done = "NOT explored completely"
	}
	return fmt.Sprintf("At the variant's defaults (%v), %s: %d distinct states; %s.", c, done, out.Distinct, strings.Join(parts, ", ")), nil
}
