package actor

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// refSend is the reference for System.send and withNet, on envelopes:
// net without net[remove] (if remove >= 0), then each send inserted after
// every envelope that is not greater in canonical order, skipped when it
// is a Resend and its message is in flight on its channel, or when the
// network duplicates and an equal message is there.
func refSend(sys *System[tproc, tmsg], net []Envelope[tmsg], remove int, sends []Envelope[tmsg], resend []bool) []Envelope[tmsg] {
	var out []Envelope[tmsg]
	for i := range net {
		if i != remove {
			out = append(out, net[i])
		}
	}
	k := new(msgKeys)
	for j, e := range sends {
		if sys.timed {
			e.Due = uint8(sys.cfg.Time.MaxDelay)
		}
		same := func(o Envelope[tmsg]) bool {
			return compareChan(&o, &e) == 0 && compareMsg(k, o.Msg, e.Msg) == 0
		}
		if resend[j] && slices.ContainsFunc(out, same) ||
			sys.cfg.Network == Duplicating && slices.ContainsFunc(out, same) {
			continue
		}
		i := len(out)
		for i > 0 {
			c := compareChan(&out[i-1], &e)
			if c == 0 && sys.cfg.Network != FIFO {
				c = compareMsg(k, out[i-1].Msg, e.Msg)
			}
			if c <= 0 {
				break
			}
			i--
		}
		out = slices.Insert(out, i, e)
	}
	return out
}

// drawEnvelope draws an envelope between three processes.
func drawEnvelope(rt *rapid.T, label string) Envelope[tmsg] {
	return Envelope[tmsg]{
		From: ID(rapid.IntRange(0, 1).Draw(rt, label+" from")),
		To:   ID(rapid.IntRange(0, 2).Draw(rt, label+" to")),
		Due:  uint8(rapid.IntRange(0, 2).Draw(rt, label+" due")),
		Msg: tmsg{Ack: rapid.Bool().Draw(rt, label+" ack"), Seq: uint8(rapid.IntRange(0, 1).Draw(rt, label+" seq")),
			Origin: ID(rapid.IntRange(0, 2).Draw(rt, label+" origin"))},
	}
}

// TestSendMatchesReference checks the networks steps build from key parts
// (send, withNet) against refSend on every network semantics, timed and
// untimed: the same envelopes, and an entry whose key is theirs.
func TestSendMatchesReference(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		net := Network(rapid.IntRange(0, 2).Draw(rt, "network"))
		sys := clients(rt, 2, Faults{})
		if net != Duplicating && rapid.Bool().Draw(rt, "timed") {
			sys = timedClients(rt, 2, net, Faults{}, TimeConfig{MaxDelay: rapid.IntRange(0, 2).Draw(rt, "delay")})
		}
		sys.cfg.Network = net
		var parent []Envelope[tmsg]
		for i := rapid.IntRange(0, 6).Draw(rt, "in flight"); i > 0; i-- {
			e := drawEnvelope(rt, "parent")
			if !sys.timed {
				e.Due = 0
			}
			parent = append(parent, e)
		}
		sys.sortNet(parent, new(msgKeys))
		if net == Duplicating { // a set
			parent = slices.CompactFunc(parent, func(a, b Envelope[tmsg]) bool { return compareChan(&a, &b) == 0 && a.Msg == b.Msg })
		}
		s := initial(sys)[0]
		s.Net, s.ne = parent, nil
		sys.intern(&s, new(msgKeys))
		for round := 0; round < 8; round++ { // several steps from one parent: rapid draws few cases under -short
			c := &Ctx[tmsg]{n: sys.n}
			for i := rapid.IntRange(0, 4).Draw(rt, "sends"); i > 0; i-- {
				e := drawEnvelope(rt, "send")
				e.Due = 0 // as Ctx.Send leaves it: the layer sets it
				c.sends = append(c.sends, e)
				c.resend = append(c.resend, rapid.Bool().Draw(rt, "resend"))
			}
			remove := -1
			if len(parent) > 0 && net != Duplicating {
				remove = rapid.IntRange(-1, len(parent)-1).Draw(rt, "remove")
			}
			want := refSend(sys, s.Net, remove, slices.Clone(c.sends), c.resend)
			got, e := sys.send(&s, remove, c)
			requireNet(rt, sys, want, got, e, "send")
			if len(parent) > 0 {
				i := rapid.IntRange(0, len(parent)-1).Draw(rt, "fault at")
				drop := sys.withNet(&s, i, false, c)
				requireNet(rt, sys, refSend(sys, s.Net, i, nil, nil), drop.Net, drop.ne, "drop")
				dup := sys.withNet(&s, i, true, c)
				requireNet(rt, sys, slices.Insert(slices.Clone(s.Net), i+1, s.Net[i]), dup.Net, dup.ne, "dup")
			}
		}
	})
}

// requireNet fails t unless got is want and e is got's entry, with its
// key and the ends of each envelope's part.
func requireNet(t require.TestingT, sys *System[tproc, tmsg], want, got []Envelope[tmsg], e *netEntry[tmsg], what string) {
	if len(want) == 0 {
		want = nil
	}
	require.Equal(t, want, got, what)
	require.Equal(t, len(got), len(e.net), what)
	if len(got) > 0 {
		require.Same(t, &got[0], &e.net[0], what)
	}
	var ends []int32
	require.True(t, bytes.Equal(appendNetKey(nil, got, sys.timed, &ends), e.key), "%s: entry key", what)
	for i, end := range ends {
		require.Equal(t, int(end), e.end(i), "%s: the end of envelope %d's part", what, i)
	}
}
