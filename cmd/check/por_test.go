package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPORFlag: -por runs BFS over the reduced graph of a protocol that
// declares a reduction (the summary says so, the liveness property is not
// checked: exit 3, never "verified"), a broken variant still fails, and
// -por is refused for a protocol that declares none and for the other
// engines.
func TestPORFlag(t *testing.T) {
	code, out, errs := runCLI(t, "run", "twopc", "-n", "2", "-por", "-quiet")
	assert.Equal(t, exitIncomplete, code, "stdout:\n%s\nstderr:\n%s", out, errs)
	assert.Contains(t, out, "engine:     bfs+por, ")
	assert.Contains(t, out, "partial-order reduction")
	assert.Contains(t, out, "not checked under -por")
	assert.NotContains(t, out, "verified")

	code, out, _ = runCLI(t, "run", "twopc", "-variant", "ready-aborts", "-por", "-quiet")
	assert.Equal(t, exitViolation, code)
	assert.Contains(t, out, `VIOLATED  "atomicity"`)

	code, _, errs = runCLI(t, "run", "twophase", "-por")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "declares none")

	code, _, errs = runCLI(t, "run", "twopc", "-por", "-engine", "dfs")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "-por is for -engine bfs")
}
