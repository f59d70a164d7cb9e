package ring

import (
	"strconv"

	"github.com/protocheck/protocheck/model/actor"
)

// node returns the behaviour of the node at position pos of the ring: its
// id is cfg.IDs[pos] and its successor the next position.
func node(cfg Config, pos int) actor.Actor[Proc, Msg] {
	id := uint8(cfg.IDs[pos])
	succ := actor.ID((pos + 1) % len(cfg.IDs))
	initiator := cfg.initiator(pos)
	flag := cfg.Variant != VariantNoFlag
	send := func(c *actor.Ctx[Msg], p *Proc, m Msg) {
		c.Send(succ, m)
		if m.Kind == Election {
			p.Elections++
		} else {
			p.Announces++
		}
	}
	return actor.Actor[Proc, Msg]{
		Name: "id" + strconv.Itoa(int(id)), // p0(id3)
		// The initiator sets participating and sends its id to its
		// successor.
		Start: func(c *actor.Ctx[Msg]) Proc {
			var p Proc
			if initiator {
				p.Participating = true
				send(c, &p, Msg{Election, id})
			}
			return p
		},
		Receive: func(c *actor.Ctx[Msg], p Proc, _ actor.ID, m Msg) Proc {
			if m.Kind == Elected {
				// The announcement goes round the ring once and stops at
				// the leader.
				if m.Value != id {
					p.Leader = m.Value
					send(c, &p, m)
				}
				return p
			}
			switch v := m.Value; {
			case v > id:
				p.Participating = true
				send(c, &p, m)
			case v < id && (!p.Participating || !flag):
				p.Participating = true
				send(c, &p, Msg{Election, id})
			case v < id: // participating: discard
			default: // v == id: announce leader
				p.Leader = id
				send(c, &p, Msg{Elected, id})
			}
			return p
		},
	}
}
