package explorer

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// maxPath bounds the paths the server replays: a longer one is refused
// rather than replayed on every click.
const maxPath = 10_000

// stateView is GET /api/state?path=0/1/1: the path replayed and what can
// be done next. With an empty path, Steps is empty and Next lists the
// initial states.
type stateView struct {
	Path  []int                      `json:"path"`
	Steps []counterexamples.JSONStep `json:"steps"` // the path's states, each field marked when it changed
	Props []propHere                 `json:"props"` // the state properties on the last state
	Next  []nextStep                 `json:"next"`  // the steps enabled in the last state (or the initial states)
	// Boundary: outside the state constraint (the engines do not expand it).
	Boundary bool `json:"boundary,omitempty"`
	// Deadlock: no step enabled and not a final state.
	Deadlock bool   `json:"deadlock,omitempty"`
	Diagram  string `json:"diagram,omitempty"` // the path's sequence diagram (SVG), for actor models
	// DiagramError says why an actor model's path has no diagram.
	DiagramError string `json:"diagram_error,omitempty"`
}

// propHere is a state property evaluated on the current state.
type propHere struct {
	Name   string `json:"name"`
	Expect string `json:"expectation"`
	Holds  bool   `json:"holds"`          // the predicate (P of P ~> Q)
	Then   *bool  `json:"then,omitempty"` // Q of P ~> Q
}

// nextStep is one step enabled in the current state: its label, what it
// changes, whether it loops back, and which properties it breaks.
type nextStep struct {
	Index    int                         `json:"index"` // its index in the path
	Action   string                      `json:"action"`
	Self     bool                        `json:"self,omitempty"` // leads back to the same state
	Violates []string                    `json:"violates,omitempty"`
	Changed  []counterexamples.JSONField `json:"changed"` // the fields it changes, with their new values
	Removed  []string                    `json:"removed,omitempty"`
}

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	path, err := parsePath(r.URL.Query().Get("path"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	v, err := s.stateAt(path)
	switch {
	case errors.Is(err, explore.ErrReplay):
		writeError(w, http.StatusNotFound, fmt.Errorf("path %s: %w", counterexamples.FormatPath(path), err))
	case err != nil:
		writeError(w, http.StatusInternalServerError, err)
	default:
		writeJSON(w, v)
	}
}

// parsePath reads "0/1/1" (or "" for the empty path).
func parsePath(s string) ([]int, error) {
	s = strings.Trim(s, "/")
	if s == "" {
		return []int{}, nil
	}
	parts := strings.Split(s, "/")
	if len(parts) > maxPath {
		return nil, fmt.Errorf("path of %d steps: the explorer replays at most %d", len(parts), maxPath)
	}
	out := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("path element %d is %q: want a non-negative integer", i, p)
		}
		out[i] = v
	}
	return out, nil
}

// stateAt replays path and describes where it leads. A panic in model
// code is returned as an error.
func (s *Server) stateAt(path []int) (v *stateView, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, fmt.Errorf("the model panicked: %v", p)
		}
	}()
	v = &stateView{Path: path, Steps: []counterexamples.JSONStep{}, Props: []propHere{}, Next: []nextStep{}}
	if len(path) == 0 {
		for i, st := range s.cfg.Instance.Inits() {
			view := counterexamples.StepView("", nil, st, false)
			v.Next = append(v.Next, nextStep{Index: i, Action: fmt.Sprintf("initial state %d", i), Changed: view.State})
		}
		return v, nil
	}
	pos, err := s.cfg.Instance.At(path)
	if err != nil {
		return nil, err
	}
	v.Steps = stepViews(pos.Trace)
	last := pos.Trace.Steps[len(pos.Trace.Steps)-1].State
	for _, p := range pos.Props {
		h := propHere{Name: p.Name, Expect: p.Expect.String(), Holds: p.Holds}
		if p.Expect == model.ExpectLeadsTo {
			h.Then = &p.Then
		}
		v.Props = append(v.Props, h)
	}
	for i, n := range pos.Next {
		view := counterexamples.StepView(n.Action, last, n.State, true)
		ns := nextStep{Index: i, Action: n.Action, Self: n.Self, Violates: n.Violates, Changed: []counterexamples.JSONField{}, Removed: view.Removed}
		for _, f := range view.State {
			if f.Changed {
				ns.Changed = append(ns.Changed, f)
			}
		}
		v.Next = append(v.Next, ns)
	}
	v.Boundary, v.Deadlock = pos.Boundary, pos.Deadlock
	if s.actor {
		v.Diagram, v.DiagramError = diagram(pos.Trace)
	}
	return v, nil
}

// stepViews renders every state of a trace with what changed.
func stepViews(tr *model.Trace) []counterexamples.JSONStep {
	out := make([]counterexamples.JSONStep, len(tr.Steps))
	var prev any
	for i, st := range tr.Steps {
		out[i] = counterexamples.StepView(st.Action, prev, st.State, i > 0)
		prev = st.State
	}
	return out
}

// diagram draws a trace's sequence diagram, or says why there is none.
func diagram(tr *model.Trace) (string, string) {
	sq, err := counterexamples.SequenceOf(tr)
	if err != nil {
		return "", err.Error()
	}
	var b strings.Builder
	if err := WriteSequenceSVG(&b, sq); err != nil {
		return "", err.Error()
	}
	return b.String(), ""
}
