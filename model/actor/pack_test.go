package actor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// historySystem is echo with callingActor as p0, under faults, so that
// states carry a history and fault counts.
func historySystem(t *testing.T) *System[tproc, tmsg] {
	sys, err := New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{callingActor(), echoActor(nil, 0)}, Timers: []string{"retry"},
		Faults: Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1}})
	require.NoError(t, err)
	return sys
}

// TestPackRoundTrip: every state a System makes unpacks to an equal state
// (fields, key, string, and the same cached vectors, so its steps still
// take the memos), and packs without a copy; a state built or changed by
// hand, or made by another System, unpacks equal too.
func TestPackRoundTrip(t *testing.T) {
	sys := historySystem(t)
	histories, used := 0, 0
	for _, s := range enumerate(sys, nil) {
		p := sys.PackState(s)
		require.Zero(t, p.Words[0]&packBoxed, "a state the System made is packed without a copy")
		u := sys.UnpackState(&p)
		require.Equal(t, s, u)
		require.Equal(t, cap(s.History), cap(u.History))
		require.Equal(t, key(s), key(u))
		require.Equal(t, s.String(), u.String())
		if len(s.History) > 1 {
			histories++
		}
		if s.Used != (Used{}) {
			used++
		}
	}
	assert.Positive(t, histories)
	assert.Positive(t, used)

	s := initial(sys)[0]
	s.Procs = append([]Proc[tproc](nil), s.Procs...) // changed by hand: no longer the cached vector
	s.Procs[0].Local.Sent = 7
	s.Used, s.Ticks, s.Cut = Used{Drop: 1, Partition: 2}, 300, 5
	other := historySystem(t)
	for _, sys := range []*System[tproc, tmsg]{sys, other} {
		p := sys.PackState(s)
		if sys == other {
			assert.NotZero(t, p.Words[0]&packBoxed, "another System's state is packed as a copy")
		}
		u := sys.UnpackState(&p)
		require.Equal(t, s, u)
		require.Equal(t, key(s), key(u))
	}
	assert.NotZero(t, sys.PackState(s).Words[0]&packBoxed, "a changed state is packed as a copy")
}
