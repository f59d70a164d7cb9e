package ssl

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// TestCorrectHolds checks every property of the correct handshake and
// pins the counts for budgets 0..2: BFS, DFS and the naive enumerator
// (exploretest.Enumerate, a brute-force reference) agree.
func TestCorrectHolds(t *testing.T) {
	for budget, want := range []int64{47, 1070, 16845} {
		exploretest.CrossCheck(t, mustNew(t, Config{Attacker: budget}), want)
	}
}

// TestBrokenCounts pins the broken variants' counts (BFS, DFS and the
// enumerator agree) and what fails at each budget: nothing without an
// attacker, and from one injection the declared properties.
func TestBrokenCounts(t *testing.T) {
	for _, tc := range []struct {
		variant  string
		budget   int
		want     int64
		violated []string
	}{
		{VariantNoVerify, 0, 47, nil},
		{VariantNoVerify, 1, 1756, []string{PropSecrecy}},
		{VariantNoVerify, 2, 43813, []string{PropSecrecy, PropAuth}},
		{VariantNoFinished, 0, 37, nil},
		{VariantNoFinished, 1, 846, []string{PropSuite}},
		{VariantNoFinished, 2, 10200, []string{PropSuite}},
	} {
		m := mustNew(t, Config{Attacker: tc.budget, Variant: tc.variant})
		bfs, err := explore.Check(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		require.True(t, bfs.Complete)
		assert.Equal(t, tc.want, bfs.Distinct, "%s budget %d", tc.variant, tc.budget)
		dfs, err := explore.DFS(m, explore.Options{})
		require.NoError(t, err)
		assert.Equal(t, bfs.Distinct, dfs.Distinct, "dfs, %s budget %d", tc.variant, tc.budget)
		assert.Len(t, exploretest.Enumerate(m), int(bfs.Distinct), "enumerator, %s budget %d", tc.variant, tc.budget)
		var violated []string
		for _, p := range bfs.Properties {
			if p.Status == explore.Violated {
				violated = append(violated, p.Name)
			}
		}
		assert.Equal(t, tc.violated, violated, "%s budget %d", tc.variant, tc.budget)
	}
}

// TestUndisturbedRunsClose: without an attacker every terminal state is
// final (Finals checks it against the enumerator), and a run in which the
// attacker forwarded everything ends in one state: both ends CLOSED after
// a completed handshake, whoever closed first.
func TestUndisturbedRunsClose(t *testing.T) {
	for _, v := range Spec.Variants {
		finals := exploretest.Finals(t, mustNew(t, Config{Variant: v.Name}))
		closed := 0
		for _, s := range finals {
			if !s.Local(attacker).Atk.Interfered() {
				closed++
				require.Equal(t, 1, Handshakes(s), "%s: an undisturbed run completes\n%v", v.Name, s)
				require.Equal(t, PhaseClosed, s.Local(client).Phase)
				require.Equal(t, PhaseClosed, s.Local(server).Phase)
			}
		}
		assert.Equal(t, 1, closed, "%s: undisturbed final states", v.Name)
	}
}

// TestVariantsAtDefaults: each variant violates exactly what it declares
// at its catalogue defaults (the model contract is checked too).
func TestVariantsAtDefaults(t *testing.T) {
	for _, v := range Spec.Variants {
		res := exploretest.VariantAtDefaults(t, Spec, v.Name)
		t.Logf("%s: %d distinct states in %v", v.Name, res.Distinct, res.Elapsed)
		for _, p := range res.Properties {
			if p.Status == explore.Violated {
				t.Logf("%s, %s:\n%s", v.Name, p.Name, exploretest.Render(p.Trace))
			}
		}
	}
}

func TestPrints(t *testing.T) {
	k := dolevyao.Close(dolevyao.Of(certServer, certMallory, enc(ownerS, secretC), enc(ownerM, secretC)), derive1)
	p := Proc{Role: RoleAttacker, Atk: dolevyao.State{Know: k}}
	assert.Equal(t, "knows {cert_CA(server=pk_S), cert_CA(mallory=pk_M), cert_M(*), pms_C, pms_M}", p.String(),
		"what a known pre-master secret builds, and mallory's own signatures, are implied")
	k = dolevyao.Close(dolevyao.Of(enc(ownerS, secretC), mac(secretC, roleClient, 1)), derive1)
	assert.Equal(t, "knows {cert_M(*), pms_M, {pms_C}pk_S, mac(k_C,client,SW/W)}",
		Proc{Role: RoleAttacker, Atk: dolevyao.State{Know: k}}.String(), "opaque terms are listed")
	c := Proc{Role: RoleClient, Phase: PhaseOpen, Offer: both, Suite: Weak, Key: secretC, Peer: ownerM}
	assert.Equal(t, "OPEN offer=strong,weak suite=weak key=k_C peer=pk_M", c.String())
	assert.Equal(t, "HELLO", newEnd(RoleServer).String())
}

// TestTermNames: the 32 terms have 32 different names, and every message
// prints its terms by name.
func TestTermNames(t *testing.T) {
	names := map[string]bool{}
	for x := range dolevyao.Term(numTerms) {
		names[termName(x)] = true
	}
	assert.Len(t, names, numTerms)
	assert.Equal(t, "ServerHello(strong, cert_M(server=pk_M))", Msg{Kind: ServerHello, Term: cert(1, ownerS, ownerM)}.String())
	assert.Equal(t, "Close({close}k_M)", Msg{Kind: Close, Term: closeTerm(secretM)}.String())
}

func TestNewRejectsBadConfig(t *testing.T) {
	_, err := New(Config{Attacker: MaxAttacker + 1})
	require.ErrorIs(t, err, ErrConfig)
	_, err = New(Config{Variant: "nope"})
	require.ErrorIs(t, err, ErrConfig)
}
