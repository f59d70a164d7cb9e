package actor

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func permuteProc(p tproc, perm []ID) tproc {
	p.Peer = perm[p.Peer]
	if len(p.Log) > 0 {
		log := make([]uint8, len(p.Log))
		for i, id := range p.Log {
			log[i] = uint8(perm[id])
		}
		p.Log = log
	}
	return p
}

func permuteMsg(m tmsg, perm []ID) tmsg {
	m.Origin = perm[m.Origin]
	return m
}

// server logs the origin of each request and acknowledges it.
func server() Actor[tproc, tmsg] {
	a := echoActor(nil, 0)
	a.Receive = func(c *Ctx[tmsg], s tproc, from ID, m tmsg) tproc {
		s.Log = append(s.Log[:len(s.Log):len(s.Log)], uint8(m.Origin))
		c.Send(from, tmsg{Ack: true, Seq: m.Seq, Origin: c.Self()})
		return s
	}
	return a
}

// clients returns a server p0 and k clients that each send one request,
// with the clients declared interchangeable.
func clients(t require.TestingT, k int, f Faults) *System[tproc, tmsg] {
	actors := []Actor[tproc, tmsg]{server()}
	var group []ID
	for i := 1; i <= k; i++ {
		c := echoActor([]uint8{1}, 0)
		c.Start = func(c *Ctx[tmsg]) tproc {
			c.Send(0, tmsg{Seq: 1, Origin: c.Self()})
			return tproc{Sent: 1}
		}
		actors = append(actors, c)
		group = append(group, ID(i))
	}
	sys, err := New(Config[tproc, tmsg]{
		Actors: actors, Faults: f, Timers: []string{"retry"},
		Symmetry: [][]ID{group}, PermuteLocal: permuteProc, PermuteMsg: permuteMsg,
	})
	require.NoError(t, err)
	return sys
}

// allPerms returns every permutation of ids 1..k (0 fixed).
func allPerms(k int) [][]ID {
	if k == 0 {
		return [][]ID{{0}}
	}
	var out [][]ID
	for _, p := range allPerms(k - 1) {
		for i := 1; i <= k; i++ { // insert id k at every position after 0
			q := slices.Insert(slices.Clone(p), i, ID(k))
			out = append(out, q)
		}
	}
	return out
}

func TestSymmetryCanonicalIsComplete(t *testing.T) {
	const k = 3
	sys := clients(t, k, Faults{Drop: 1, Crash: 1, Restart: 1, Partition: 1})
	states := enumerate(sys, nil)
	perms := allPerms(k)
	require.Len(t, perms, 6)
	orbits := map[string]bool{}
	canon := map[string]bool{}
	for _, s := range states {
		c := key(sys.Canonical(s))
		canon[c] = true
		min := ""
		for _, p := range perms {
			ps := sys.permute(&s, p)
			require.Equal(t, c, key(sys.Canonical(ps)), "Canonical must give one key per orbit")
			if pk := key(ps); min == "" || pk < min {
				min = pk
			}
		}
		orbits[min] = true
	}
	assert.Equal(t, len(orbits), len(canon), "one canonical key per orbit (brute force over all permutations)")
	assert.Less(t, len(canon), len(states), "symmetry must reduce the space")
	t.Logf("%d states, %d orbits", len(states), len(orbits))
}

func TestCanonicalWithoutSymmetryIsIdentity(t *testing.T) {
	sys := echo(t, Unordered, Faults{}, 1)
	s := initial(sys)[0]
	assert.Equal(t, key(s), key(sys.Canonical(s)))
}

func TestChooseEnumeratesEveryOutcome(t *testing.T) {
	a := echoActor(nil, 0)
	a.Start = func(c *Ctx[tmsg]) tproc {
		return tproc{Acks: uint8(c.Choose("a", "b")), Sent: uint8(c.Choose("x", "y", "z"))}
	}
	a.Receive = func(c *Ctx[tmsg], s tproc, from ID, m tmsg) tproc {
		s.Acks += uint8(10 * c.Choose("yes", "no"))
		return s
	}
	b := echoActor([]uint8{1}, 0)
	sys, err := New(Config[tproc, tmsg]{Actors: []Actor[tproc, tmsg]{a, b}, Timers: []string{"retry"}})
	require.NoError(t, err)
	inits := initial(sys)
	require.Len(t, inits, 6, "2 x 3 choices at start")
	var labels []string
	sys.Next(inits[0], func(a taction, _ tstate) {
		if a.Kind == Deliver {
			labels = append(labels, a.String())
		}
	})
	assert.Equal(t, []string{"deliver p1->p0 Req(1) [yes]", "deliver p1->p0 Req(1) [no]"}, labels)
}
