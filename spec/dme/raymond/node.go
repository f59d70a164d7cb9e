package raymond

import "github.com/protocheck/protocheck/model/actor"

// The timers: a node's request (it asks for its critical section) and its
// exit from the critical section. A set timer fires at any moment; weak
// fairness makes it fire eventually.
const (
	timerWant actor.Timer = iota
	timerExit
)

var timerNames = []string{"want", "exit"}

// node returns the behaviour of node id, whose initial HOLDER is holder
// (itself for the root, which starts with the token). The handlers are
// Raymond's four events, each followed, as in the paper, by
// ASSIGN_PRIVILEGE and MAKE_REQUEST.
func node(reqs uint8, id, holder actor.ID) actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name: "node",
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.SetTimer(timerWant)
			return Proc{Holder: holder}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			if m.Kind == Request {
				s = s.enqueue(from)
			} else {
				s.Holder = id
			}
			return makeRequest(c, assignPrivilege(c, s))
		},
		Timeout: func(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
			if t == timerWant {
				s = s.enqueue(id)
			} else {
				s.Using = false
				s.Done++
				if s.Done < reqs {
					c.SetTimer(timerWant)
				}
			}
			return makeRequest(c, assignPrivilege(c, s))
		},
	}
}

// assignPrivilege is ASSIGN_PRIVILEGE: a node holding the token, not using
// it, with a non-empty queue gives the token to the head of its queue:
// itself (it enters its critical section) or the neighbour that asked.
func assignPrivilege(c *actor.Ctx[Msg], s Proc) Proc {
	if s.Holder != c.Self() || s.Using || s.QLen == 0 {
		return s
	}
	s, head := s.dequeue()
	s.Holder, s.Asked = head, false
	if s.Holder == c.Self() {
		s.Using = true
		c.SetTimer(timerExit)
		return s
	}
	c.Send(s.Holder, Msg{Privilege})
	s.Sent++
	return s
}

// makeRequest is MAKE_REQUEST: a node without the token, with a non-empty
// queue, that has not asked yet asks its HOLDER.
func makeRequest(c *actor.Ctx[Msg], s Proc) Proc {
	if s.Holder == c.Self() || s.QLen == 0 || s.Asked {
		return s
	}
	c.Send(s.Holder, Msg{Request})
	s.Asked = true
	s.Sent++
	return s
}
