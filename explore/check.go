package explore

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// Check runs every check a model asks for: the safety (Always) and
// reachability (Sometimes) properties, deadlocks and step properties, as
// BFS checks them, and the liveness properties (Eventually, LeadsTo), as
// the liveness engine checks them. It is what the CLI and the test helper
// call.
//
// A model without liveness properties runs BFS. Otherwise one breadth-first
// pass on opts.Workers goroutines checks the safety properties and records
// the state graph that the liveness analysis then runs on (engine
// "bfs+liveness"): the verdicts, counts and traces are those of BFS and of
// Liveness, with one exploration instead of two. When that pass stops at a
// first violation (opts.StopAtFirst) the liveness properties stay Unknown.
//
// With opts.Symmetry on a model that declares fairness, Check keeps two
// passes: BFS reduces by symmetry, then the liveness engine explores the
// full graph (fairness classes name processes and are not permuted with
// states; see Liveness).
//
// With opts.Disk set, Check runs the disk engine (see Disk), which checks
// safety only: the liveness properties stay Unknown. So does opts.POR:
// Check then runs BFS alone, over the reduced graph (engine "bfs+por").
func Check[S, A any](m model.Model[S, A], opts Options) (*Result, error) {
	if opts.Disk != nil {
		return diskBFS(m, opts) // safety only: see Disk
	}
	return check(m, opts, nil)
}

// CheckVisit is Check whose breadth-first pass also calls visit on every
// state it expands, as Visit does (and so does not stop early once every
// property is decided): one exploration gives the verdicts and, say, the
// statistics over the final states that tables print.
func CheckVisit[S, A any](m model.Model[S, A], opts Options, visit func(s S, v Visited)) (*Result, error) {
	if visit == nil || opts.Disk != nil {
		return nil, fmt.Errorf("%w: CheckVisit needs a visit function, and runs in memory", ErrOptions)
	}
	return check(m, opts, visit)
}

func check[S, A any](m model.Model[S, A], opts Options, visit func(s S, v Visited)) (*Result, error) {
	if opts.POR {
		return porCheck(m, opts, visit) // safety only: see por.go
	}
	if hasLiveness(m.Properties()) && !(opts.Symmetry && hasFairness(m)) {
		return onePass(m, opts, visit)
	}
	res, err := bfs(m, opts, visit)
	if err != nil || !hasLiveness(m.Properties()) {
		return res, err
	}
	reason := ""
	switch {
	case opts.StopAtFirst && len(res.Violations()) > 0:
		reason = "not checked: BFS stopped at the first violation"
	case opts.Time > 0 && res.Elapsed >= opts.Time:
		reason = "not checked: BFS used up the time budget"
	case opts.Context != nil && opts.Context.Err() != nil:
		reason = "not checked: interrupted"
	}
	if reason != "" {
		for i := range res.Properties {
			if res.Properties[i].Expect.Liveness() {
				res.Properties[i].Message = reason
			}
		}
		return res, nil
	}
	if opts.Time > 0 {
		opts.Time -= res.Elapsed
	}
	live, err := Liveness(m, opts)
	if err != nil {
		return nil, err
	}
	merge(res, live)
	return res, nil
}

// hasFairness reports whether m declares weak fairness (model.Fair).
func hasFairness[S, A any](m model.Model[S, A]) bool {
	_, ok := m.(model.Fair[A])
	return ok && model.HasFairness(m)
}

// hasLiveness reports whether any property is a liveness property.
func hasLiveness[S any](props []model.Property[S]) bool {
	for _, p := range props {
		if p.Expect.Liveness() {
			return true
		}
	}
	return false
}

// merge folds a liveness run into a BFS result: liveness verdicts replace
// the BFS entries of the same name (or are appended), a panic the liveness
// run hit is added if BFS did not report one, and completeness, stop
// reason, time and memory combine.
func merge(res, live *Result) {
	for _, lp := range live.Properties {
		if !lp.Expect.Liveness() && lp.Name != PanicProperty {
			continue
		}
		replaced := false
		for i := range res.Properties {
			if res.Properties[i].Name == lp.Name {
				if lp.Name != PanicProperty {
					res.Properties[i] = lp
				}
				replaced = true
			}
		}
		if !replaced {
			res.Properties = append(res.Properties, lp)
		}
	}
	res.Engine += "+liveness"
	if !live.Complete {
		res.Complete = false
		if res.StopReason == "" {
			res.StopReason = "liveness: " + live.StopReason
		}
	}
	res.Elapsed += live.Elapsed
	res.PeakRSS = max(res.PeakRSS, peakRSS())
	res.Collision = max(res.Collision, live.Collision)
}
