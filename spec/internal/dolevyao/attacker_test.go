package dolevyao

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A toy protocol: p0 sends the term 1 (a "sealed secret") to p1 through
// the attacker p2. Knowing 1 the attacker derives 2 (it opens it); it
// starts knowing 0. p1 accepts messages carrying 0, 1 or 2 and records
// the last one.
type toyMsg struct{ T Term }

func (m toyMsg) AppendKey(dst []byte) []byte { return append(dst, byte(m.T)) }
func (m toyMsg) String() string              { return "M(" + strconv.Itoa(int(m.T)) + ")" }

type toyProc struct {
	Got Term // p1: the last term received, 0xff for none
	Atk State
}

func (p toyProc) AppendKey(dst []byte) []byte { return p.Atk.AppendKey(append(dst, byte(p.Got))) }

func toy(t *testing.T, budget int) *actor.System[toyProc, toyMsg] {
	in := &Intruder[toyProc, toyMsg]{
		Budget:  budget,
		Timer:   0,
		Honest:  []actor.ID{0, 1},
		Route:   func(from actor.ID, _ toyMsg) actor.ID { return 1 - from },
		Initial: Of(0),
		Derive: func(k Knowledge) Knowledge {
			if k.Has(1) {
				return k.Add(2)
			}
			return k
		},
		Reveal: func(m toyMsg) Knowledge { return Of(m.T) },
		Forge: func(k Knowledge, to actor.ID, yield func(toyMsg)) {
			for _, x := range k.Terms() {
				if to == 1 {
					yield(toyMsg{x})
				}
			}
		},
		Get: func(p toyProc) State { return p.Atk },
		Put: func(p toyProc, s State) toyProc { p.Atk = s; return p },
	}
	sys, err := actor.New(actor.Config[toyProc, toyMsg]{
		Actors: []actor.Actor[toyProc, toyMsg]{
			{Name: "sender", Start: func(c *actor.Ctx[toyMsg]) toyProc {
				c.Send(2, toyMsg{1})
				return toyProc{Got: 0xff}
			}, Receive: func(_ *actor.Ctx[toyMsg], p toyProc, _ actor.ID, _ toyMsg) toyProc { return p }},
			{Name: "receiver", Start: func(*actor.Ctx[toyMsg]) toyProc { return toyProc{Got: 0xff} },
				Receive: func(_ *actor.Ctx[toyMsg], p toyProc, _ actor.ID, m toyMsg) toyProc { p.Got = m.T; return p }},
			in.Actor("attacker"),
		},
		Timers: []string{"inject"},
		Properties: []model.Property[actor.State[toyProc, toyMsg]]{
			model.Sometimes("receiver got the forgery 2", func(s actor.State[toyProc, toyMsg]) bool { return s.Local(1).Got == 2 }),
		},
	})
	require.NoError(t, err)
	return sys
}

// TestAttackerSteps: the attacker forwards or drops what it receives, and
// injects only while its budget lasts, only what it knows; its knowledge
// is closed at every step.
func TestAttackerSteps(t *testing.T) {
	for budget := 0; budget <= 2; budget++ {
		m := toy(t, budget)
		exploretest.Contract(t, m)
		labels := map[string]bool{}
		for _, r := range exploretest.Enumerate(m) {
			a := r.State.Local(2).Atk
			require.LessOrEqual(t, int(a.Used), budget, "budget respected")
			require.Equal(t, a.Know, Close(a.Know, func(k Knowledge) Knowledge {
				if k.Has(1) {
					return k.Add(2)
				}
				return k
			}), "knowledge closed")
			require.Equal(t, a.Know.Has(1), a.Know.Has(2), "2 is known exactly when 1 was seen")
			m.Next(r.State, func(act actor.Action[toyMsg], _ actor.State[toyProc, toyMsg]) {
				labels[act.String()] = true
			})
		}
		assert.True(t, labels["deliver p0->p2 M(1) [forward]"], "forward")
		assert.True(t, labels["deliver p0->p2 M(1) [drop]"], "drop")
		injected := false
		for l := range labels {
			if strings.HasPrefix(l, "timeout p2 inject") {
				injected = true
				require.Contains(t, []string{"timeout p2 inject [to p1, M(0)]", "timeout p2 inject [to p1, M(1)]",
					"timeout p2 inject [to p1, M(2)]"}, l)
			}
		}
		assert.Equal(t, budget > 0, injected, "injections exactly when there is a budget")
		res, err := explore.Check(m, explore.Options{Workers: 2})
		require.NoError(t, err)
		p, _ := res.Property("receiver got the forgery 2")
		assert.Equal(t, budget > 0, p.Status == explore.Holds, "the derived term can be injected, with a budget")
	}
}

// TestAttackerCount pins the toy's space with budget 0 by hand: the
// message is forwarded or dropped (2 states after the initial one), and a
// forwarded one is then delivered (1 more): 4 states.
func TestAttackerCount(t *testing.T) {
	assert.Len(t, exploretest.Enumerate(toy(t, 0)), 4)
}
