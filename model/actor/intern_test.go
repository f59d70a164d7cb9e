package actor

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// handBuilt returns s as a state built by hand: the same fields, no cache
// entries, fresh slices.
func handBuilt(s tstate) tstate {
	s.pe, s.ne = nil, nil
	s.Procs = append([]Proc[tproc](nil), s.Procs...)
	s.Net = append([]Envelope[tmsg](nil), s.Net...)
	return s
}

// TestCachedKeysMatchContents walks random schedules of faulty and timed
// systems: every successor comes with cache entries for its process vector
// and network, and the key built from them is the key computed from the
// state's contents, the one a state built by hand gets.
func TestCachedKeysMatchContents(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		var sys *System[tproc, tmsg]
		if rapid.Bool().Draw(rt, "timed") {
			sys, _ = DrawTimedSystem(rt)
		} else {
			sys, _ = DrawFaultySystem(rt)
		}
		s := initial(sys)[0]
		for i := 0; i < 30; i++ {
			steps := successors(sys, s)
			if len(steps) == 0 {
				return
			}
			for _, st := range steps {
				require.NotNil(rt, st.s.procsCached(sys.timed), "%v: no process vector entry", st.a)
				require.NotNil(rt, st.s.netCached(sys.timed), "%v: no network entry", st.a)
				fast := string(sys.AppendKey(nil, st.s))
				require.Equal(rt, key(handBuilt(st.s)), fast, "%v: cached key differs from the contents' key", st.a)
			}
			s = steps[rapid.IntRange(0, len(steps)-1).Draw(rt, "step")].s
		}
	})
}

// TestHandBuiltStatesStepAlike: a state built by hand (no cache entries,
// or entries that no longer match its slices) has the key of its contents
// and the same steps as the state the System made.
func TestHandBuiltStatesStepAlike(t *testing.T) {
	sys := echo(t, Unordered, Faults{Drop: 1, Crash: 1}, 1, 2)
	s := initial(sys)[0]
	h := handBuilt(s)
	require.Nil(t, h.procsCached(false))
	assert.Equal(t, key(s), key(h))
	var want, got []string
	sys.Next(s, func(a taction, t tstate) { want = append(want, a.String()+" "+key(t)) })
	sys.Next(h, func(a taction, t tstate) { got = append(got, a.String()+" "+key(t)) })
	assert.Equal(t, want, got)

	changed := s // keeps s's entries, whose vectors are no longer its own
	changed.Procs = append([]Proc[tproc](nil), s.Procs...)
	changed.Procs[1].Local.Acks = 2
	assert.Nil(t, changed.procsCached(false), "an entry is used only with its own vector")
	assert.NotEqual(t, key(s), string(sys.AppendKey(nil, changed)))
	assert.Equal(t, key(handBuilt(changed)), string(sys.AppendKey(nil, changed)))
}

// TestInterningShares: over a small space, states with equal process
// vectors (or networks) share slices: there are about as many slices as
// distinct vectors (a few more where the cache dropped a vector and made
// it again), far fewer than states.
func TestInterningShares(t *testing.T) {
	sys := echo(t, Unordered, Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1}, 1, 2, 3)
	states := enumerate(sys, nil)
	procKeys, procSlices := map[string]bool{}, map[*Proc[tproc]]bool{}
	netKeys, netSlices := map[string]bool{}, map[*Envelope[tmsg]]bool{}
	for _, s := range states {
		procKeys[string(appendProcsKey(nil, s.Procs, false, nil))] = true
		procSlices[&s.Procs[0]] = true
		if len(s.Net) > 0 {
			netKeys[string(appendNetKey(nil, s.Net, false, nil))] = true
			netSlices[&s.Net[0]] = true
		}
	}
	t.Logf("%d states: %d process vectors in %d slices, %d networks in %d slices",
		len(states), len(procKeys), len(procSlices), len(netKeys), len(netSlices))
	assert.Less(t, len(procKeys), len(states)/4, "few process vectors")
	assert.LessOrEqual(t, len(procSlices), len(procKeys)*3/2, "process vectors are shared")
	assert.LessOrEqual(t, len(netSlices), len(netKeys)*3/2, "networks are shared")
}

// TestInternerBounded: the cache grows from minInternSlots to
// maxInternSlots and no further, finds what it was given last, and drops
// the oldest entries.
func TestInternerBounded(t *testing.T) {
	var in interner[netEntry[tmsg], *netEntry[tmsg]]
	entry := func(key []byte) *netEntry[tmsg] {
		return &netEntry[tmsg]{keyed: newKeyed(hashKey(key), key, []int32{int32(len(key))})}
	}
	first := entry([]byte("first"))
	in.add(first)
	require.Len(t, *in.table.Load(), minInternSlots)
	for i := 0; i < 4*maxInternSlots; i++ {
		last := entry(binary.AppendUvarint(nil, uint64(i)))
		in.add(last)
		require.Same(t, last, in.find(last.hash, last.key), "entry %d", i)
	}
	assert.Len(t, *in.table.Load(), maxInternSlots)
	assert.Nil(t, in.find(first.hash, first.key), "the first entry was dropped")
	long := bytes.Repeat([]byte("k"), 100)
	e := entry(long)
	in.add(e)
	assert.Same(t, e, in.find(hashKey(long), bytes.Clone(long)))
	assert.Nil(t, in.find(hashKey(long), long[:99]))
	assert.Equal(t, 100, e.end(0), "the end of the key's part is kept beside it")
}

// TestUvarintLen checks uvarintLen against the encoder.
func TestUvarintLen(t *testing.T) {
	for _, v := range []uint64{0, 1, 127, 128, 300, 1<<14 - 1, 1 << 14, 1<<63 + 5, ^uint64(0)} {
		assert.Equal(t, len(binary.AppendUvarint(nil, v)), uvarintLen(v), fmt.Sprint(v))
	}
}
