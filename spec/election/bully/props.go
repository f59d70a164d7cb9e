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

// properties returns the properties of cfg's system. A timed run does not
// list "leader agreement": no timing keeps a follower from following its
// old leader until its next check, while a new leader is elected (see the
// package doc and TestTimedFollowersLag).
func properties(cfg Config) []model.Property[State] {
	n, e := cfg.N, election(cfg.N)
	ps := []model.Property[State]{e.AtMostOneLeader(PropOneLeader)}
	if cfg.Delay == 0 {
		ps = append(ps, e.Agreement(PropAgreement))
	}
	return append(ps,
		e.ElectedWhen(PropStable, func(s State) bool { return stable(s, cfg) }),
		e.Reelected(PropLearns),
		e.ElectedReachable(PropTakeover, func(s State) bool { return e.Highest(s) < n-1 }),
	)
}

// stable reports whether the protocol can make no more progress by itself
// in s: nothing is in flight, no crashed node may restart, and, untimed, no
// live node has a timeout that may expire (only crashes could follow).
// Timed, a follower checks its leader again and again, so instead: no live
// node is in an election and none follows a node that is down (only checks
// could follow).
func stable(s State, cfg Config) bool {
	if len(s.Net) > 0 {
		return false
	}
	for i, p := range s.Procs {
		id := actor.ID(i)
		switch {
		case p.Down && int(s.Used.Restart) < cfg.Faults.Restart:
			return false
		case p.Down:
		case cfg.Delay > 0 && (p.Local.Status != StatusNormal || !s.Up(p.Local.Peer)):
			return false
		case cfg.Delay == 0 && p.Timers != 0 && mayExpire(s, id, cfg.Variant != VariantUnreliableTimeouts):
			return false
		}
	}
	return true
}
