package explore

import (
	"time"

	"github.com/protocheck/protocheck/model"
)

// A Status is the verdict on one property: three-valued, like porcupine's
// CheckResult.
type Status uint8

const (
	// Unknown: the run ended (at a limit) before the property was decided.
	Unknown Status = iota
	// Holds: an Always or liveness property holds on the whole reachable
	// space (the run was complete), or a Sometimes property was witnessed.
	Holds
	// Violated: an Always or liveness property has a counterexample, or a
	// Sometimes property has no witness in the complete reachable space.
	Violated
)

// String returns "unknown", "holds" or "violated".
func (s Status) String() string {
	switch s {
	case Holds:
		return "holds"
	case Violated:
		return "violated"
	}
	return "unknown"
}

// Names of the checks the engines add to a model's own properties.
const (
	DeadlockProperty = "deadlock free" // a non-final state with no step, inside the state constraint (only for a model that declares final states: model.HasFinal)
	PanicProperty    = "no panic"      // model code panicked
)

// A PropertyResult is the verdict on one property.
type PropertyResult struct {
	Name    string            // the property's name
	Expect  model.Expectation // how it was checked
	Status  Status            // the verdict
	Trace   *model.Trace      // the counterexample (Violated) or witness (Sometimes, Holds); may be nil
	Message string            // detail: the panic value, the reason a verdict is unknown
}

// A Result is the report of one run.
type Result struct {
	Engine     string           // "bfs", "dfs", "random" or "liveness"
	Workers    int              // goroutines used
	Seed       uint64           // random simulation: the seed of the run
	Complete   bool             // the whole reachable space was explored
	StopReason string           // why the run ended early ("max states", "time", "interrupted", ...); "" when complete
	Generated  int64            // successor states computed (edges explored)
	Distinct   int64            // distinct states stored (with symmetry: distinct canonical states)
	MaxDepth   int              // the deepest level reached
	Elapsed    time.Duration    // wall time of the run
	PeakRSS    int64            // peak resident set size of the process in bytes, 0 if unknown
	Collision  float64          // estimated probability that a fingerprint collision hid a state
	Properties []PropertyResult // model properties in model order, then the engine's own checks
}

// StatesPerSecond returns distinct states stored per second of wall time.
func (r *Result) StatesPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Distinct) / r.Elapsed.Seconds()
}

// Violations returns the properties that failed, in report order.
func (r *Result) Violations() []PropertyResult {
	var out []PropertyResult
	for _, p := range r.Properties {
		if p.Status == Violated {
			out = append(out, p)
		}
	}
	return out
}

// Property returns the result for the named property, and false if there is
// none.
func (r *Result) Property(name string) (PropertyResult, bool) {
	for _, p := range r.Properties {
		if p.Name == name {
			return p, true
		}
	}
	return PropertyResult{}, false
}

// OK reports whether the run was complete and no property failed: the only
// outcome that may be called "verified".
func (r *Result) OK() bool { return r.Complete && len(r.Violations()) == 0 }

// Shortest returns the violated property with the shortest trace (the
// first in report order among equals), or nil when no violation has a
// trace: the counterexample a summary shows.
func (r *Result) Shortest() *PropertyResult {
	var best *PropertyResult
	for i := range r.Properties {
		p := &r.Properties[i]
		if p.Status != Violated || p.Trace == nil || len(p.Trace.Steps) == 0 {
			continue
		}
		if best == nil || p.Trace.Len() < best.Trace.Len() {
			best = p
		}
	}
	return best
}

// Decided reports whether every property was decided and holds: the
// result a CLI may call verified (with a run that stopped early, only when
// it had properties to decide, and decided them all).
func (r *Result) Decided() bool {
	if len(r.Violations()) > 0 {
		return false
	}
	for _, p := range r.Properties {
		if p.Status != Holds {
			return false
		}
	}
	return r.Complete || len(r.Properties) > 0
}
