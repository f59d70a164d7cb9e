package explorer

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/protocheck/protocheck/explore"
)

// Check states reported by GET /api/status.
const (
	checkIdle    = "idle"    // no check started
	checkRunning = "running" // the background check is running
	checkDone    = "done"    // it ended; see the verdicts
	checkFailed  = "error"   // it could not run (bad options)
)

// statusView is GET /api/status.
type statusView struct {
	State      string       `json:"state"`
	Engine     string       `json:"engine"`
	Distinct   int64        `json:"distinct"`
	Generated  int64        `json:"generated"`
	Depth      int          `json:"depth"`
	Elapsed    float64      `json:"elapsed_seconds"`
	Complete   bool         `json:"complete"`
	StopReason string       `json:"stop_reason,omitempty"`
	Summary    string       `json:"summary"` // one line; "verified" only for a complete run where everything holds
	Error      string       `json:"error,omitempty"`
	Props      []propStatus `json:"props"`
}

// propStatus is one property's verdict.
type propStatus struct {
	Name    string `json:"name"`
	Expect  string `json:"expectation"`
	Status  string `json:"status"` // "running", "holds", "violated", "unknown"
	Message string `json:"message,omitempty"`
	// Trace names what the trace shows: "counterexample" or "witness";
	// "" when there is none. GET /api/trace/run?prop=NAME returns it.
	Trace    string `json:"trace,omitempty"`
	TraceLen int    `json:"trace_len,omitempty"`
	Loop     int    `json:"loop"` // a lasso's loop start, -1 otherwise
}

func (s *Server) handleStatus(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	v := s.status()
	s.mu.Unlock()
	writeJSON(w, v)
}

// status builds the status view; s.mu is held.
func (s *Server) status() statusView {
	v := statusView{State: checkIdle, Engine: s.cfg.Run.Engine, Props: []propStatus{}}
	c := s.check
	if c == nil {
		for _, p := range s.cfg.Instance.Props {
			v.Props = append(v.Props, propStatus{Name: p.Name, Expect: p.Expect.String(), Status: "not checked", Loop: -1})
		}
		v.Summary = "no check started"
		return v
	}
	if !isDone(c) || (c.res == nil && c.err == nil) {
		v.State = checkRunning
		v.Distinct, v.Generated, v.Depth = c.progress.Distinct, c.progress.Generated, c.progress.Depth
		v.Elapsed = time.Since(c.started).Seconds()
		for _, p := range s.cfg.Instance.Props {
			if s.cfg.Props == nil || slices.Contains(s.cfg.Props, p.Name) {
				v.Props = append(v.Props, propStatus{Name: p.Name, Expect: p.Expect.String(), Status: checkRunning, Loop: -1})
			}
		}
		v.Summary = fmt.Sprintf("running: %d distinct states so far", v.Distinct)
		return v
	}
	if c.err != nil {
		v.State, v.Error, v.Summary = checkFailed, c.err.Error(), "the check could not run: "+c.err.Error()
		return v
	}
	res := c.res
	v.State, v.Engine = checkDone, res.Engine
	v.Distinct, v.Generated, v.Depth = res.Distinct, res.Generated, res.MaxDepth
	v.Elapsed, v.Complete, v.StopReason = res.Elapsed.Seconds(), res.Complete, res.StopReason
	for _, p := range res.Properties {
		ps := propStatus{Name: p.Name, Expect: p.Expect.String(), Status: p.Status.String(), Message: p.MessageLine(), Loop: -1}
		if p.Trace != nil && len(p.Trace.Steps) > 0 && p.Status != explore.Unknown {
			ps.Trace, ps.TraceLen, ps.Loop = "counterexample", p.Trace.Len(), p.Trace.Loop
			if p.Status == explore.Holds {
				ps.Trace = "witness"
			}
		}
		v.Props = append(v.Props, ps)
	}
	v.Summary = summary(res)
	return v
}

// summary is the run's verdict in one line, worded as `check run` words
// it: "verified" only when the run was complete and every property was
// decided and holds.
func summary(res *explore.Result) string {
	var unknown []string
	for _, p := range res.Properties {
		if p.Status == explore.Unknown {
			unknown = append(unknown, fmt.Sprintf("%q", p.Name))
		}
	}
	states := fmt.Sprintf("%d distinct states", res.Distinct)
	switch v := res.Violations(); {
	case len(v) > 0:
		return fmt.Sprintf("VIOLATED: %d of %d properties failed (%s)", len(v), len(res.Properties), states)
	case !res.Complete && len(unknown) == 0:
		return fmt.Sprintf("all %d properties hold (decided before the space was exhausted: %s; %s)", len(res.Properties), orStopped(res.StopReason), states)
	case !res.Complete:
		return fmt.Sprintf("INCOMPLETE (%s): no violation found, but %s not decided (%s)", orStopped(res.StopReason), strings.Join(unknown, ", "), states)
	case len(unknown) > 0:
		return fmt.Sprintf("NOT CHECKED by %s: %s (no violation among the rest; %s)", res.Engine, strings.Join(unknown, ", "), states)
	}
	return fmt.Sprintf("verified: all %d properties hold over the complete state space (%s)", len(res.Properties), states)
}
