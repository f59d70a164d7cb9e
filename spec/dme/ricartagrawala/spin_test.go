package ricartagrawala

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model/actor"
)

// TestSpinStateCount runs SPIN on bench/ra.pml, a Promela model of the
// algorithm with the same semantics (per-pair FIFO channels, one atomic
// step per handler, the same variables), and checks that SPIN stores
// exactly as many states as protocheck finds distinct ones, fault-free on
// the FIFO network with one request each and no lock history (the
// catalogue's -history off, built here through Spec as `check run
// ricart-agrawala -network fifo -history off -n N` and bench/dme.sh build
// it), and that SPIN finds no assertion (mutual exclusion) violated. Not
// under -short: it compiles a verifier; skipped when spin or cc is
// missing.
func TestSpinStateCount(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles SPIN verifiers")
	}
	for _, tool := range []string{"spin", "cc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH: skipping the SPIN comparison (apt-get install -y spin gcc)", tool)
		}
	}
	pml, err := filepath.Abs("../../../bench/ra.pml")
	require.NoError(t, err)
	for _, n := range []int{3, 4} {
		stored, errors := spinCount(t, pml, n)
		c, err := Spec.Defaults(VariantCorrect)
		require.NoError(t, err)
		c.Network = actor.FIFO.String()
		c, err = Spec.Validate(c.With("n", strconv.Itoa(n)).With("requests", "1").With("history", "off"))
		require.NoError(t, err)
		m, err := Spec.Build(c)
		require.NoError(t, err)
		res, err := explore.BFS(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		require.True(t, res.Complete)
		assert.Equal(t, res.Distinct, stored, "n=%d: SPIN's states stored and protocheck's distinct states", n)
		assert.Zero(t, errors, "n=%d: SPIN finds mutual exclusion violated", n)
		t.Logf("n=%d: SPIN stored %d states, protocheck %d distinct", n, stored, res.Distinct)
	}
}

var (
	storedRE = regexp.MustCompile(`(\d+) states, stored`)
	errorsRE = regexp.MustCompile(`errors: (\d+)`)
)

// spinCount generates, compiles and runs the verifier of the Promela file
// for n processes in a temporary directory and returns SPIN's "states,
// stored" and its error count.
func spinCount(t *testing.T, pml string, n int) (stored int64, errors int) {
	t.Helper()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"spin", "-a", "-DN=" + strconv.Itoa(n), pml},
		{"cc", "-w", "-O2", "-DSAFETY", "-DNOREDUCE", "-o", "pan", "pan.c"},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%v:\n%s", args, out)
	}
	cmd := exec.Command("./pan")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "pan:\n%s", out)
	s, e := storedRE.FindSubmatch(out), errorsRE.FindSubmatch(out)
	require.NotNil(t, s, "no state count in pan's output:\n%s", out)
	require.NotNil(t, e, "no error count in pan's output:\n%s", out)
	stored, err = strconv.ParseInt(string(s[1]), 10, 64)
	require.NoError(t, err)
	errors, err = strconv.Atoi(string(e[1]))
	require.NoError(t, err)
	return stored, errors
}
