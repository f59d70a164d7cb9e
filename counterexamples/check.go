package counterexamples

import (
	"errors"
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// ErrReplayMismatch is wrapped by Check when a model, replaying a saved
// path, takes steps whose labels differ from those in the file.
var ErrReplayMismatch = errors.New("counterexamples: replay diverged")

// likelyCauses explains a replay mismatch; it copies the spirit of the
// long note in stateright's checker/path.rs.
const likelyCauses = `The path in a trace file is authoritative: it stores indices into the order in
which the model's Next yields its steps, and each label is checked on replay.
Likely causes:
  - the model changed since the trace was saved (new steps, a renamed action, a
    different order): if the change is intended, regenerate the trace with the
    command on its "# reproduce:" line plus -o <file>;
  - Next (or Init) is not deterministic: it ranges over a map, iterates an
    unsorted set, or uses randomness or the clock, so indices mean different
    steps from one run to the next. Sort before yielding.`

// Check compares a file with the trace a model produced by replaying the
// file's path (replayed.Steps[i].Action is the label of step i). It
// returns nil when every label matches, and otherwise an error wrapping
// ErrReplayMismatch that names the first diverging step and explains the
// likely causes.
func Check(f *File, replayed *model.Trace) error {
	if replayed == nil || len(replayed.Steps) != len(f.Trace.Path) {
		n := 0
		if replayed != nil {
			n = len(replayed.Steps)
		}
		return fmt.Errorf("%w: the path has %d indices but the replay produced %d states\n%s",
			ErrReplayMismatch, len(f.Trace.Path), n, likelyCauses)
	}
	for i := 1; i < len(f.Trace.Steps); i++ {
		want := strings.TrimSpace(f.Trace.Steps[i].Action)
		got := strings.TrimSpace(replayed.Steps[i].Action)
		if want != got {
			return fmt.Errorf("%w: step %d (index %d): the file says %q but the model now takes %q\n%s",
				ErrReplayMismatch, i, f.Trace.Path[i], want, got, likelyCauses)
		}
	}
	return nil
}
