package explore

import (
	"os/exec"
	"testing"
)

// TestSpinCrossCheck runs bench/liveness/run.sh, which checks <> done on two
// Promela models with SPIN (pan -a, with and without -f) and on the same
// models with protocheck (with and without model.Fair), and fails on any
// disagreement. It needs spin and gcc on PATH.
func TestSpinCrossCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: compiles SPIN verifiers")
	}
	for _, tool := range []string{"spin", "gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH: skipping the SPIN cross-check (apt-get install -y spin gcc)", tool)
		}
	}
	out, err := exec.Command("sh", "../bench/liveness/run.sh").CombinedOutput()
	t.Logf("\n%s", out)
	if err != nil {
		t.Fatalf("SPIN and protocheck disagree (or the script failed): %v", err)
	}
}
