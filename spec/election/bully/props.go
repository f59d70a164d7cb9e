package bully

import (
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Property names.
const (
	PropOneLeader = "at most one leader"
	PropAgreement = "leader agreement"
	PropStable    = "stable means elected"
	PropLearns    = "every live node learns the leader"
	PropTakeover  = "a lower node takes over"
)

// election describes the nodes for the shared election properties: node i
// has rank i, and follows its leader while Normal.
func election(n int) invariants.Election[State] {
	return invariants.Election[State]{
		N:      n,
		Up:     func(s State, i int) bool { return s.Up(actor.ID(i)) },
		Leader: func(s State, i int) int { return s.Local(actor.ID(i)).leader() },
	}
}

// properties returns the properties of cfg's system.
func properties(cfg Config) []model.Property[State] {
	n, e := cfg.N, election(cfg.N)
	return []model.Property[State]{
		e.AtMostOneLeader(PropOneLeader),
		e.Agreement(PropAgreement),
		e.ElectedWhen(PropStable, func(s State) bool { return stable(s, cfg) }),
		e.Reelected(PropLearns),
		e.ElectedReachable(PropTakeover, func(s State) bool { return e.Highest(s) < n-1 }),
	}
}

// stable reports whether the protocol can make no more progress by itself
// in s: nothing is in flight, no live node has a timeout that may expire,
// and no crashed node may restart. Only crashes could follow.
func stable(s State, cfg Config) bool {
	if len(s.Net) > 0 {
		return false
	}
	for i, p := range s.Procs {
		id := actor.ID(i)
		if p.Down && int(s.Used.Restart) < cfg.Faults.Restart {
			return false
		}
		if !p.Down && p.Timers != 0 && mayExpire(s, id, cfg.Variant != VariantUnreliableTimeouts) {
			return false
		}
	}
	return true
}
