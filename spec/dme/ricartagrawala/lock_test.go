package ricartagrawala

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// TestHistoryHolds checks every property, "lock linearizable" included, with
// the lock history recorded, and pins the distinct counts: BFS, DFS and the
// naive enumerator agree. Without history the same sizes have 35, 2858, 31
// and 2080 states (TestCorrectHolds): at n=2 the order of entries and exits
// is a function of the protocol state, so the history adds no state; at
// n=3 it tells 21 more apart.
func TestHistoryHolds(t *testing.T) {
	for _, tc := range []struct {
		net  actor.Network
		n    int
		want int64
	}{{actor.Unordered, 2, 35}, {actor.Unordered, 3, 2879}, {actor.FIFO, 2, 31}, {actor.FIFO, 3, 2101}} {
		m := mustNew(t, Config{N: tc.n, Requests: 1, Network: tc.net, History: true})
		exploretest.Contract(t, m)
		res := exploretest.CrossCheck(t, m, tc.want)
		p, ok := res.Property(PropLockLinearizable)
		require.True(t, ok, "history on: the model checks %q", PropLockLinearizable)
		assert.Equal(t, explore.Holds, p.Status)
	}
	off := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO})
	for _, p := range off.Properties() {
		assert.NotEqual(t, PropLockLinearizable, p.Name, "history off: %q is not claimed", p.Name)
	}
}

// TestHistoryOnlyObserves: recording the history changes no behaviour. The
// states with history, the history erased, are exactly the states without
// it, for the correct algorithm and the broken variant.
func TestHistoryOnlyObserves(t *testing.T) {
	for _, variant := range []string{VariantCorrect, VariantReplyInCS} {
		cfg := Config{N: 3, Requests: 1, Network: actor.Unordered, Variant: variant}
		off := exploretest.Enumerate(mustNew(t, cfg))
		cfg.History = true
		on := mustNew(t, cfg)
		erased := map[string]bool{}
		for _, r := range exploretest.Enumerate(on) {
			s := r.State
			require.NotPanics(t, func() { History(s) }, "every return answers a call")
			s.History = nil
			erased[string(on.AppendKey(nil, s))] = true
		}
		assert.Len(t, erased, len(off), "%s: the history-free projection", variant)
		for k := range off {
			assert.True(t, erased[k], "%s: a state without history is a projection of one with it", variant)
		}
	}
}

// lockReplay is a naive reference for the lock history's linearizability,
// independent of porcupine: every operation is called and returned in one
// step, so the history is linearizable exactly when the sequence of its
// operations is legal for a lock.
func lockReplay(s State) bool {
	holder := free
	var pending [MaxN]LockOp
	for _, e := range s.History {
		c := int(e.Client)
		if e.Kind == actor.Call {
			pending[c] = e.Op.(LockOp)
			continue
		}
		switch {
		case pending[c] == Acquire && holder == free:
			holder = c
		case pending[c] == Release && holder == c:
			holder = free
		default:
			return false
		}
	}
	return true
}

// TestLockVerdictMatchesReference checks porcupine's verdict (through
// History and Lock) against lockReplay in every reachable state, and that
// every state violating mutual exclusion has a non-linearizable history:
// reply-in-cs has such states, the correct algorithm none.
func TestLockVerdictMatchesReference(t *testing.T) {
	for _, tc := range []struct {
		variant string
		bad     bool
	}{{VariantCorrect, false}, {VariantReplyInCS, true}} {
		m := mustNew(t, Config{N: 3, Requests: 1, Network: actor.Unordered, Variant: tc.variant, History: true})
		bad := 0
		for _, r := range exploretest.Enumerate(m) {
			ok, _ := invariants.Linearizable(History(r.State), Lock)
			require.Equal(t, lockReplay(r.State), ok, "%s: porcupine and the reference on\n%v", tc.variant, r.State)
			if !inMutex(r.State) {
				require.False(t, ok, "%s: two in the critical section, yet linearizable:\n%v", tc.variant, r.State)
			}
			if !ok {
				bad++
			}
		}
		assert.Equal(t, tc.bad, bad > 0, "%s: %d states with a non-linearizable lock history", tc.variant, bad)
		t.Logf("%s: %d non-linearizable histories", tc.variant, bad)
	}
}

// inMutex reports whether at most one process is in its critical section.
func inMutex(s State) bool {
	in := 0
	for i := range s.Procs {
		if inCS(s, i) {
			in++
		}
	}
	return in <= 1
}

// TestHistoryOfEntries: p0 enters (acquire called and returned in that
// step), defers p1's request, leaves (release, likewise) and p1 enters
// with the deferred reply: a linearizable history of three operations.
// In reply-in-cs p0 replies at once and p1's acquire returns while p0
// holds the lock: not linearizable.
func TestHistoryOfEntries(t *testing.T) {
	inCS := []string{"timeout p0 want", "deliver p0->p1 Request(seq=1)", "deliver p1->p0 Reply",
		"timeout p1 want", "deliver p1->p0 Request(seq=2)"}
	m := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO, History: true})
	s := exploretest.Run(t, m, append(inCS, "timeout p0 exit", "deliver p0->p1 Reply")...)
	h := History(s)
	require.Len(t, h, 3)
	for i, want := range []struct {
		call LockCall
		at   int64
	}{{LockCall{0, Acquire}, 0}, {LockCall{0, Release}, 2}, {LockCall{1, Acquire}, 4}} {
		assert.Equal(t, want.call, h[i].Input, "operation %d", i)
		assert.Equal(t, []int64{want.at, want.at + 1}, []int64{h[i].Call, h[i].Return}, "%v: called and returned in one step", want.call)
		assert.False(t, h[i].Pending)
	}
	assert.True(t, Linearization(s).OK)

	broken := mustNew(t, Config{N: 2, Requests: 1, Network: actor.FIFO, Variant: VariantReplyInCS, History: true})
	s = exploretest.Run(t, broken, append(inCS, "deliver p0->p1 Reply")...)
	h = History(s)
	require.Len(t, h, 2)
	assert.Equal(t, []LockCall{{0, Acquire}, {1, Acquire}}, []LockCall{h[0].Input, h[1].Input})
	assert.False(t, Linearization(s).OK, "p1 acquired the lock p0 holds")
}

// TestVizDrawsTheLockHistory: the broken variant's shortest violations of
// "lock linearizable" and "mutual exclusion" end in the same kind of
// history (an acquire returned while the lock was held), and Viz writes
// porcupine's page for each, headed by what it shows and naming the
// operations.
func TestVizDrawsTheLockHistory(t *testing.T) {
	c, err := Spec.Defaults(VariantReplyInCS)
	require.NoError(t, err)
	require.Equal(t, "on", c.Value("history"), "the catalogue's default records the history")
	m, err := Spec.Build(c)
	require.NoError(t, err)
	res, err := explore.BFS(m, explore.Options{Workers: 2})
	require.NoError(t, err)
	for _, prop := range []string{PropLockLinearizable, invariants.PropMutex} {
		p, ok := res.Property(prop)
		require.True(t, ok)
		require.Equal(t, explore.Violated, p.Status, prop)
		last := p.Trace.Steps[len(p.Trace.Steps)-1].State.(State)
		assert.False(t, Linearization(last).OK, "%q: the lock history at the violation", prop)
		var b bytes.Buffer
		page := catalog.Page{Protocol: Spec.Name, Params: c.String(), Property: prop, Verdict: "violated"}
		require.NoError(t, Spec.Viz(&b, page, prop, last))
		html := b.String()
		assert.Contains(t, html, "protocheck: ricart-agrawala: "+prop)
		assert.Contains(t, html, "not linearizable (porcupine)")
		assert.Contains(t, html, "✗ cannot take effect after the prefix", "the offending acquire is marked")
		for _, op := range History(last) {
			name := actor.ID(op.Client).String() + ": " + op.Input.Op.String()
			assert.Contains(t, html, name, "the page names the operation %v", op.Input)
		}
		_, list, found := strings.Cut(html, `<ul id="operations">`)
		require.True(t, found, "the page lists the operations")
		list, _, _ = strings.Cut(list, "</ul>")
		assert.Equal(t, 2, strings.Count(list, "<li"), "two operations listed\n%s", list)
		assert.Equal(t, 2, strings.Count(list, ": acquire())"), "two acquires, no release\n%s", list)
	}
	var b bytes.Buffer
	err = Spec.Viz(&b, catalog.Page{}, invariants.PropGranted, State{})
	assert.True(t, errors.Is(err, catalog.ErrNoView), "no view of a liveness property: %v", err)
	err = Spec.Viz(&b, catalog.Page{}, invariants.PropMutex, State{})
	assert.True(t, errors.Is(err, catalog.ErrNoView), "no view without a history: %v", err)
	assert.Zero(t, b.Len(), "nothing written")
}
