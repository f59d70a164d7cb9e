package naming

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStrings: messages, answers and processes print as the traces show
// them.
func TestStrings(t *testing.T) {
	alice, ok := entryID(queryNames[0])
	require.True(t, ok)
	assert.Equal(t, "Request(q0 cn=alice try=0 trace={p1,p2} hops=3)",
		Msg{Kind: Request, Trace: 0b110, Hops: 3}.String())
	assert.Equal(t, "Answer(q1 cn=zed try=1 not-found hops=4)",
		Msg{Kind: Answer, Q: 1, Name: 1, Try: 1, Result: NotFound, Hops: 4}.String())
	assert.Equal(t, "Referral(q0 cn=alice try=0 to=p3 trace={p1,p2})",
		Msg{Kind: Referral, To: dsa3, Trace: 0b110}.String())
	assert.Equal(t, "entry(cn=alice)", Found(alice).String())
	assert.Equal(t, "loop-error", LoopError.String())
	assert.Equal(t, "asks p2 for q1 tries=1 answers=[entry(cn=alice),-] hopsum=6 sent=1",
		Proc{Q: 1, Target: dsa2, Tries: 1, Answers: [MaxQueries]Result{Found(alice)}, HopSum: 6, Sent: 1}.String())
	assert.Equal(t, "done answers=[-,-]", Proc{}.String())
	assert.Equal(t, "pending=[q0#1<p0,q1#0<p2] peak=2 cache=[cn=zed:not-found] sent=3",
		Proc{DSA: true, Pending: pendingBit(0, 1, dua) | pendingBit(1, 0, dsa2), Peak: 2,
			Cache: [numNames]Result{NoResult, NotFound}, Sent: 3}.String())
	assert.Equal(t, "idle", Proc{DSA: true}.String())
}

// TestStateNamesRoles: a trace names the DUA and the DSAs by id and role.
func TestStateNamesRoles(t *testing.T) {
	m := mustNew(t, Config{})
	m.Init(func(s State) {
		assert.Equal(t, []string{"p0(DUA)", "p1(DSA1)", "p2(DSA2)", "p3(DSA3)"}, s.ProcNames())
	})
}
