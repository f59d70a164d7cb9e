package exploretest

import (
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// Walk follows one schedule of m that rapid draws step by step (each step
// an index into the enabled steps, drawn as "step", so a failing schedule
// shrinks), from m's only initial state, and returns the state with no
// step it ends in. At every state on the way, the first included, it
// requires the model's Always properties to hold and then calls each
// (unless nil) with the number of steps taken and the state. It fails t
// when the walk has not ended after maxSteps steps. Whether the end is
// final is the caller's to check: some models may stop elsewhere.
func Walk[S, A any](t *rapid.T, m model.Model[S, A], maxSteps int, each func(step int, s S)) S {
	t.Helper()
	var inits []S
	m.Init(func(s S) { inits = append(inits, s) })
	if len(inits) != 1 {
		t.Fatalf("Walk needs one initial state, the model has %d", len(inits))
	}
	s := inits[0]
	props := m.Properties()
	for step := 0; ; step++ {
		for _, p := range props {
			if p.Expect == model.ExpectAlways && !p.Holds(s) {
				t.Fatalf("step %d: %q fails in\n%v", step, p.Name, s)
			}
		}
		if each != nil {
			each(step, s)
		}
		var next []S
		m.Next(s, func(_ A, x S) { next = append(next, x) })
		if len(next) == 0 {
			return s
		}
		if step >= maxSteps {
			t.Fatalf("no end after %d steps:\n%v", step, s)
		}
		s = next[rapid.IntRange(0, len(next)-1).Draw(t, "step")]
	}
}
