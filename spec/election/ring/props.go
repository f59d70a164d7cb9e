package ring

import (
	"slices"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Property names.
const (
	PropOneLeader = "at most one leader"
	PropLargest   = "the leader has the largest id"
	PropLearns    = "every node learns the leader"
	PropElected   = "leader elected"
)

// election describes the ring for the shared election properties: the node
// at position i has rank ids[i] and believes in the node whose id it
// learnt.
func election(ids []int) invariants.Election[State] {
	ids = slices.Clone(ids)
	pos := make([]int, MaxID+1) // id -> position
	for i, id := range ids {
		pos[id] = i
	}
	return invariants.Election[State]{
		N:    len(ids),
		Rank: func(i int) int { return ids[i] },
		Leader: func(s State, i int) int {
			if l := s.Local(actor.ID(i)).Leader; l != 0 {
				return pos[l]
			}
			return invariants.NoLeader
		},
	}
}

// properties returns the properties of a ring with ids in ring order.
func properties(ids []int) []model.Property[State] {
	e := election(ids)
	return []model.Property[State]{
		e.AtMostOneLeader(PropOneLeader),
		e.LeaderIsHighest(PropLargest),
		e.EventuallyElected(PropLearns),
		e.ElectedReachable(PropElected, nil),
	}
}

// Messages returns the messages sent so far in s: election messages and
// announcements.
func Messages(s State) int { return ElectionMessages(s) + Announcements(s) }

// ElectionMessages returns the election messages sent so far in s (the
// text's send(value), until the leader receives its own id).
func ElectionMessages(s State) int {
	n := 0
	for _, p := range s.Procs {
		n += int(p.Local.Elections)
	}
	return n
}

// Announcements returns the announcement messages (Elected) sent so far.
func Announcements(s State) int {
	n := 0
	for _, p := range s.Procs {
		n += int(p.Local.Announces)
	}
	return n
}
