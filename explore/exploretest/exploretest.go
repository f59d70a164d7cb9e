// Package exploretest checks a model from `go test` in one call:
//
//	func TestMyProtocol(t *testing.T) {
//		res := exploretest.Check(t, myproto.New(3))
//		assert.EqualValues(t, 1234, res.Distinct)
//	}
//
// Check runs explore.Check (breadth-first search for safety and
// reachability, plus the liveness engine when the model has liveness
// properties) and fails the test, printing a shortest trace, for every
// property that does not hold. Violates asserts the opposite, for
// deliberately broken variants. Contract checks, on sampled states, what
// every model must satisfy (Next deterministic and pure, keys canonical),
// in place of a copy of those checks in every spec's tests:
//
//	func TestContract(t *testing.T) { exploretest.Contract(t, myproto.New(3)) }
package exploretest

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Check explores m completely and fails t for each property that is
// violated, or undecided because the run stopped at a limit. The optional
// opts configure the run (the zero Options otherwise). It returns the
// result for further assertions, such as pinned state counts.
func Check[S, A any](t testing.TB, m model.Model[S, A], opts ...explore.Options) *explore.Result {
	t.Helper()
	res := run(t, m, opts)
	if !res.Complete && len(res.Violations()) == 0 {
		t.Errorf("exploration incomplete (%s) after %d distinct states: nothing is verified", res.StopReason, res.Distinct)
	}
	for _, p := range res.Properties {
		switch p.Status {
		case explore.Violated:
			t.Errorf("property %q (%s) is violated%s\n%s", p.Name, p.Expect, detail(p.Message), Render(p.Trace))
		case explore.Unknown:
			t.Errorf("property %q (%s) is undecided%s", p.Name, p.Expect, detail(p.Message))
		}
	}
	return res
}

// Violates explores m and fails t unless the named property is violated.
// It returns the counterexample.
func Violates[S, A any](t testing.TB, m model.Model[S, A], property string, opts ...explore.Options) *model.Trace {
	t.Helper()
	res := run(t, m, opts)
	p, ok := res.Property(property)
	if !ok {
		t.Fatalf("model has no property %q", property)
	}
	if p.Status != explore.Violated {
		t.Fatalf("property %q (%s) is %s, want violated%s", property, p.Expect, p.Status, detail(p.Message))
	}
	if p.Trace == nil {
		t.Fatalf("property %q is violated but has no trace%s", property, detail(p.Message))
	}
	return p.Trace
}

func run[S, A any](t testing.TB, m model.Model[S, A], opts []explore.Options) *explore.Result {
	t.Helper()
	var o explore.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	res, err := explore.Check(m, o)
	if err != nil {
		t.Fatalf("explore: %v", err)
	}
	return res
}

// Render returns a trace as text: the index path, numbered steps with what
// changed, then the final state.
func Render(tr *model.Trace) string {
	if tr == nil {
		return "(no trace)"
	}
	var b bytes.Buffer
	if err := counterexamples.WriteTrace(&b, tr); err != nil {
		return fmt.Sprintf("(trace not printable: %v) path %v", err, tr.Path)
	}
	return b.String()
}

func detail(msg string) string {
	if msg == "" {
		return ""
	}
	return ": " + msg
}

// SameVerdicts fails t unless got reports the same properties as want, in
// the same order, each with the same status: for comparing runs that must
// agree (with and without symmetry reduction, BFS and DFS, 1 and N
// workers). what names the comparison in failure messages.
func SameVerdicts(t testing.TB, want, got *explore.Result, what string) {
	t.Helper()
	if len(got.Properties) != len(want.Properties) {
		t.Errorf("%s: %d properties, want %d", what, len(got.Properties), len(want.Properties))
		return
	}
	for i, p := range want.Properties {
		if g := got.Properties[i]; g.Name != p.Name || g.Status != p.Status {
			t.Errorf("%s: property %d is %q %s, want %q %s", what, i, g.Name, g.Status, p.Name, p.Status)
		}
	}
}
