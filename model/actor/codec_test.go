package actor

import (
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/model"
)

// The codec's test systems. ping has every part of a State: a local state
// with a slice, a string in messages and an unexported field (the plain
// path), history operations (gob), timers, and with time on, clocks,
// deadlines and message deadlines; faults of every kind.

type cmsg struct {
	Seq  uint8
	Note string
}

func (m cmsg) AppendKey(dst []byte) []byte { return model.AppendString(append(dst, m.Seq), m.Note) }
func (m cmsg) String() string              { return fmt.Sprintf("M(%d,%s)", m.Seq, m.Note) }

type cproc struct {
	Log    []uint8
	Sent   uint8
	hidden uint8 // encoded like the others: the plain codec keeps unexported fields
}

func (p cproc) AppendKey(dst []byte) []byte {
	return append(model.AppendUints(dst, p.Log), p.Sent, p.hidden)
}

// cop is a history operation.
type cop struct{ Op uint8 }

func (o cop) AppendKey(dst []byte) []byte { return append(dst, o.Op) }
func (o cop) String() string              { return fmt.Sprint("op", o.Op) }

func init() { gob.Register(cop{}) }

func pingActors() []Actor[cproc, cmsg] {
	client := Actor[cproc, cmsg]{
		Name: "client",
		Start: func(c *Ctx[cmsg]) cproc {
			c.Call(cop{1})
			c.Send(1, cmsg{Seq: 1, Note: "hi"})
			c.SetTimerAfter(0, 2)
			return cproc{Sent: 1}
		},
		Receive: func(c *Ctx[cmsg], s cproc, _ ID, m cmsg) cproc {
			if len(s.Log) == 0 {
				c.Return(cop{2})
				c.CancelTimer(0)
			}
			s.Log = append(s.Log[:len(s.Log):len(s.Log)], m.Seq)
			return s
		},
		Timeout: func(c *Ctx[cmsg], s cproc, _ Timer) cproc {
			if s.Sent < 2 {
				s.Sent++
				c.Resend(1, cmsg{Seq: s.Sent, Note: "again"})
				c.SetTimerAfter(0, 1)
			}
			return s
		},
		Stable: func(s cproc) cproc { return cproc{Log: s.Log} },
	}
	server := Actor[cproc, cmsg]{
		Name:  "server",
		Start: func(c *Ctx[cmsg]) cproc { return cproc{} },
		Receive: func(c *Ctx[cmsg], s cproc, from ID, m cmsg) cproc {
			if len(s.Log) < 2 {
				s.Log = append(s.Log[:len(s.Log):len(s.Log)], m.Seq)
			}
			s.hidden = (s.hidden + 1) % 3
			c.Send(from, cmsg{Seq: m.Seq})
			c.SetDeadline(1, 1)
			return s
		},
		Timeout: func(c *Ctx[cmsg], s cproc, _ Timer) cproc { return s },
		Stable:  func(s cproc) cproc { return cproc{Log: s.Log} },
	}
	return []Actor[cproc, cmsg]{client, server}
}

func ping(t *testing.T, timed bool) *System[cproc, cmsg] {
	cfg := Config[cproc, cmsg]{
		Actors: pingActors(),
		Faults: Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1, Partition: 1},
		Timers: []string{"retry", "flush"},
	}
	if timed {
		cfg.Time = &TimeConfig{MaxDelay: 1, MinDowntime: 1}
	}
	sys, err := New(cfg)
	require.NoError(t, err)
	return sys
}

// reachable returns up to limit distinct reachable states, breadth first.
func reachable[P Value, M Message](sys *System[P, M], limit int) []State[P, M] {
	seen := map[string]bool{}
	var out []State[P, M]
	add := func(s State[P, M]) {
		if k := string(sys.AppendKey(nil, s)); !seen[k] && len(out) < limit {
			seen[k] = true
			out = append(out, s)
		}
	}
	sys.Init(add)
	for i := 0; i < len(out); i++ {
		sys.Next(out[i], func(_ Action[M], t State[P, M]) { add(t) })
	}
	return out
}

// successorKeys lists the labels and keys of s's steps.
func successorKeys[P Value, M Message](sys *System[P, M], s State[P, M]) []string {
	var out []string
	sys.Next(s, func(a Action[M], t State[P, M]) { out = append(out, a.String()+" "+string(sys.AppendKey(nil, t))) })
	return out
}

// requireRoundTrips checks every state of states: it decodes to a state
// with the same key, ticks and names, whose steps are the same; and
// model.CodecOf gives the system itself.
func requireRoundTrips[P Value, M Message](t *testing.T, sys *System[P, M], states []State[P, M]) {
	t.Helper()
	var enc []byte
	for i, s := range states {
		enc = sys.AppendState(enc[:0], s)
		d, err := sys.DecodeState(enc)
		require.NoError(t, err, "state %v", s)
		require.Equal(t, sys.AppendKey(nil, s), sys.AppendKey(nil, d), "state %v", s)
		require.Equal(t, s.Ticks, d.Ticks)
		require.Equal(t, s.ProcName(0), d.ProcName(0), "the names are restored")
		if i%8 == 0 { // a sample: stepping is the slow part
			require.Equal(t, successorKeys(sys, s), successorKeys(sys, d), "a decoded state steps as the original")
		}
	}
	c, err := model.CodecOf(sys)
	require.NoError(t, err)
	require.Same(t, sys, c)
}

// TestCodecRoundTrip: every reachable state of ping, untimed and timed,
// round-trips; the spaces reach every part of a State.
func TestCodecRoundTrip(t *testing.T) {
	for _, timed := range []bool{false, true} {
		t.Run(fmt.Sprint("timed=", timed), func(t *testing.T) {
			sys := ping(t, timed)
			states := reachable(sys, 1<<20)
			requireRoundTrips(t, sys, states)
			seen := map[string]bool{}
			for _, s := range states {
				seen["history"] = seen["history"] || len(s.History) == 2
				seen["down"] = seen["down"] || s.Procs[1].Down
				seen["cut"] = seen["cut"] || s.Cut != 0
				seen["dup"] = seen["dup"] || s.Used.Dup > 0
				seen["timers"] = seen["timers"] || s.Procs[0].Timers != 0
				seen["due"] = seen["due"] || len(s.Net) > 0 && s.Net[0].Due > 0
				seen["clock"] = seen["clock"] || s.Procs[0].clock.due[0] > 0
				seen["urgent"] = seen["urgent"] || s.Procs[1].clock.urgent != 0
				seen["ticks"] = seen["ticks"] || s.Ticks > 0
			}
			for _, part := range []string{"history", "down", "cut", "dup", "timers"} {
				assert.True(t, seen[part], "some state has %s", part)
			}
			for _, part := range []string{"due", "clock", "urgent", "ticks"} {
				assert.Equal(t, timed, seen[part], "a state with %s exactly when timed", part)
			}
			t.Logf("%d states", len(states))
		})
	}
}

// TestCodecMalformed: a strict prefix of an encoding, a trailing byte, an
// encoding of another configuration and random corruption are errors
// wrapping model.ErrDecode, never panics.
func TestCodecMalformed(t *testing.T) {
	untimed, timed := ping(t, false), ping(t, true)
	states := reachable(timed, 3000)
	_, err := untimed.DecodeState(timed.AppendState(nil, states[len(states)-1]))
	require.ErrorIs(t, err, model.ErrDecode, "a timed encoding read by an untimed system")
	rapid.Check(t, func(t *rapid.T) {
		s := states[rapid.IntRange(0, len(states)-1).Draw(t, "state")]
		enc := timed.AppendState(nil, s)
		cut := rapid.IntRange(0, len(enc)-1).Draw(t, "cut")
		_, err := timed.DecodeState(enc[:cut])
		require.ErrorIs(t, err, model.ErrDecode, "a prefix of %d of %d bytes", cut, len(enc))
		_, err = timed.DecodeState(append(enc[:len(enc):len(enc)], 0))
		require.ErrorIs(t, err, model.ErrDecode, "a trailing byte")
		at := rapid.IntRange(0, len(enc)-1).Draw(t, "at")
		enc[at] ^= rapid.Byte().Draw(t, "flip")
		if d, err := timed.DecodeState(enc); err != nil {
			require.ErrorIs(t, err, model.ErrDecode)
		} else {
			timed.AppendState(nil, d) // a corrupt but well-formed state still encodes
		}
	})
}

// kproc and kmsg take the fast path: they decode their own keys.
type kproc struct{ N uint8 }

func (p kproc) AppendKey(dst []byte) []byte { return append(dst, p.N) }
func (kproc) DecodeKey(src []byte) (kproc, int, error) {
	if len(src) < 1 {
		return kproc{}, 0, fmt.Errorf("short")
	}
	return kproc{src[0]}, 1, nil
}

type kmsg struct{ V uint16 }

func (m kmsg) AppendKey(dst []byte) []byte { return binary.AppendUvarint(dst, uint64(m.V)) }
func (m kmsg) String() string              { return fmt.Sprint("K", m.V) }
func (kmsg) DecodeKey(src []byte) (kmsg, int, error) {
	v, n := binary.Uvarint(src)
	if n <= 0 || v > 0xffff {
		return kmsg{}, 0, fmt.Errorf("bad")
	}
	return kmsg{uint16(v)}, n, nil
}

// counting returns a system of two processes that send each other
// numbers and count what they receive, with local states P and messages M.
func counting[P Value, M Message](t *testing.T, mk func(n uint8) P, get func(P) uint8, msg func(n uint8) M) *System[P, M] {
	a := Actor[P, M]{
		Start: func(c *Ctx[M]) P { c.Send(1-c.Self(), msg(uint8(c.Self())+200)); return mk(0) },
		Receive: func(c *Ctx[M], s P, from ID, m M) P {
			if n := get(s); n < 3 {
				c.Send(from, msg(n))
				return mk(n + 1)
			}
			return s
		},
	}
	sys, err := New(Config[P, M]{Actors: []Actor[P, M]{a, a}, Faults: Faults{Drop: 1, Dup: 1}})
	require.NoError(t, err)
	return sys
}

// TestCodecFastPath: KeyDecoder types are encoded as their keys.
func TestCodecFastPath(t *testing.T) {
	sys := counting(t, func(n uint8) kproc { return kproc{n} }, func(p kproc) uint8 { return p.N },
		func(n uint8) kmsg { return kmsg{uint16(n) * 300} })
	states := reachable(sys, 1<<20)
	require.Greater(t, len(states), 20)
	requireRoundTrips(t, sys, states)
	s := states[0]
	// tag, 2 procs (down, timers, key) each, 2 envelopes (channel, key), used, ticks, cut, history
	want := []byte{encUntimed, 2, 0, 0, 0, 0, 0, 0, 2, 0, 1}
	want = binary.AppendUvarint(want, 200*300)
	want = append(want, 1, 0)
	want = binary.AppendUvarint(want, 201*300)
	want = append(want, 0, 0, 0, 0, 0, 0, 0, 0)
	assert.Equal(t, want, sys.AppendState(nil, s), "the initial state's encoding")
}

// gproc holds a map: the plain codec refuses it, so it goes through gob.
type gproc struct{ Seen map[string]uint8 }

func (p gproc) AppendKey(dst []byte) []byte { return append(dst, p.Seen["n"]) }

// cproc2 has a channel: no codec can carry it.
type cproc2 struct{ C chan int }

func (cproc2) AppendKey(dst []byte) []byte { return dst }

// TestCodecGobPath: a local state with a map round-trips through gob; one
// with a channel has no codec, and CodecOf says so.
func TestCodecGobPath(t *testing.T) {
	sys := counting(t, func(n uint8) gproc { return gproc{map[string]uint8{"n": n}} },
		func(p gproc) uint8 { return p.Seen["n"] }, func(n uint8) kmsg { return kmsg{uint16(n)} })
	states := reachable(sys, 1<<20)
	require.Greater(t, len(states), 20)
	requireRoundTrips(t, sys, states)

	bad := counting(t, func(uint8) cproc2 { return cproc2{} }, func(cproc2) uint8 { return 3 },
		func(n uint8) kmsg { return kmsg{uint16(n)} })
	_, err := model.CodecOf(bad)
	require.ErrorIs(t, err, model.ErrNoCodec)
	assert.Contains(t, err.Error(), "implement actor.KeyDecoder")
	assert.Contains(t, err.Error(), "cproc2.C is a chan")
	_, err = bad.DecodeState([]byte{encUntimed})
	assert.ErrorIs(t, err, model.ErrNoCodec)
}
