package multicast

import (
	"slices"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Property names.
const (
	PropNoDup        = "no duplicate delivery"
	PropFIFO         = "fifo order"
	PropCausal       = "causal order"
	PropTotal        = "total order"
	PropIntersection = "order in the intersection"
	PropAllDelivered = "every message delivered"
	PropNoOmission   = "no omission"
	PropAllOrNone    = "all-or-none"
)

// PropertyNames lists the properties in the order the model checks them.
func PropertyNames() []string {
	return []string{PropNoDup, PropFIFO, PropCausal, PropTotal, PropIntersection,
		PropAllDelivered, PropNoOmission, PropAllOrNone}
}

// properties returns the properties of plan p. The ordering properties
// come from package invariants, over the receivers' delivery sequences.
func properties(p *plan) []model.Property[State] {
	recv := p.ids(roleReceiver)
	all := make([]uint8, len(p.msgs))
	for i := range all {
		all[i] = uint8(i)
	}
	d := p.deliveries(recv, all)
	var inter []actor.ID
	for _, r := range recv {
		if p.intersections()&(1<<r) != 0 {
			inter = append(inter, r)
		}
	}
	earlier := func(a, b uint8) bool {
		return p.msgs[a].sender == p.msgs[b].sender && p.msgs[a].index < p.msgs[b].index
	}
	return []model.Property[State]{
		invariants.NoDuplicateDelivery(PropNoDup, d),
		invariants.FIFODelivery(PropFIFO, d, earlier),
		invariants.CausalDelivery(PropCausal, d, func(_ State, a, b uint8) bool { return p.happenedBefore(a, b) }),
		invariants.ConsistentOrder(PropTotal, d),
		invariants.ConsistentOrder(PropIntersection, p.deliveries(inter, all)),
		model.Sometimes(PropAllDelivered, func(s State) bool { return d.AllDelivered(s, all) }),
		model.Eventually(PropNoOmission, p.noOmission),
		model.LeadsTo(PropAllOrNone, p.partial, func(s State) bool { return !p.partial(s) }),
	}
}

// ids returns the ids of the processes with role r.
func (p *plan) ids(r role) []actor.ID {
	var out []actor.ID
	for id, x := range p.roles {
		if x == r {
			out = append(out, actor.ID(id))
		}
	}
	return out
}

// deliveries describes the delivery sequences of the receivers procs.
func (p *plan) deliveries(procs []actor.ID, all []uint8) invariants.Deliveries[State, uint8] {
	return invariants.Deliveries[State, uint8]{
		N:    len(procs),
		Seq:  func(s State, i int) []uint8 { return s.Procs[procs[i]].Local.delivered() },
		Sent: func(State) []uint8 { return all },
		Dest: func(m uint8, i int) bool { return slices.Contains(p.msgs[m].dests, procs[i]) },
	}
}

// happenedBefore reports whether the multicast of a happened before that
// of b, by their vector timestamps: T(a) <= T(b) componentwise, and a != b.
func (p *plan) happenedBefore(a, b uint8) bool {
	if a == b {
		return false
	}
	ta, tb := p.msgs[a].vt, p.msgs[b].vt
	for k := range ta {
		if ta[k] > tb[k] {
			return false
		}
	}
	return true
}

// noOmission reports whether every message of every sender that is up has
// been delivered by all its destinations (a crashed sender's messages are
// the business of all-or-none).
func (p *plan) noOmission(s State) bool {
	for mi, m := range p.msgs {
		if !s.Up(actor.ID(m.sender)) {
			continue
		}
		for _, r := range m.dests {
			if s.Procs[r].Local.Done&(1<<mi) == 0 {
				return false
			}
		}
	}
	return true
}

// partial reports whether some message is delivered by some of its
// destinations and not by others.
func (p *plan) partial(s State) bool {
	for mi, m := range p.msgs {
		some, every := false, true
		for _, r := range m.dests {
			if s.Procs[r].Local.Done&(1<<mi) != 0 {
				some = true
			} else {
				every = false
			}
		}
		if some && !every {
			return true
		}
	}
	return false
}
