package invariants

import "github.com/protocheck/protocheck/model"

// NoLeader is the belief of a node that knows no leader (Election.Leader).
const NoLeader = -1

// An Election describes the nodes of a leader-election protocol for the
// shared election properties. Nodes are indexed 0..N-1 (actor ids); each
// has a rank, the id the algorithm compares (the highest rank should win),
// may be down (crashed), and believes some node is the leader, or none.
//
// The predicates (Leaders, OneLeader, Agree, Highest, Elected) look only at
// live nodes: a crashed node believes nothing. They do not allocate.
type Election[S any] struct {
	// N is the number of nodes.
	N int
	// Rank returns node i's id, the value the algorithm compares. Nil means
	// i itself (higher index, higher rank). Ranks must be distinct.
	Rank func(i int) int
	// Up reports whether node i is live (not crashed) in s. Nil means every
	// node always is.
	Up func(s S, i int) bool
	// Leader returns the node (an index) that node i believes is the leader
	// in s, i itself when it believes it leads, or NoLeader. Required.
	Leader func(s S, i int) int
}

func (e Election[S]) rank(i int) int {
	if e.Rank == nil {
		return i
	}
	return e.Rank(i)
}

func (e Election[S]) up(s S, i int) bool { return e.Up == nil || e.Up(s, i) }

// Leaders returns how many live nodes believe they are the leader.
func (e Election[S]) Leaders(s S) int {
	n := 0
	for i := range e.N {
		if e.up(s, i) && e.Leader(s, i) == i {
			n++
		}
	}
	return n
}

// OneLeader reports whether at most one live node believes it is the
// leader.
func (e Election[S]) OneLeader(s S) bool { return e.Leaders(s) <= 1 }

// Agree reports whether no two live nodes believe in different leaders
// (nodes that know no leader are ignored). It implies OneLeader.
func (e Election[S]) Agree(s S) bool {
	seen := NoLeader
	for i := range e.N {
		if !e.up(s, i) {
			continue
		}
		l := e.Leader(s, i)
		if l == NoLeader {
			continue
		}
		if seen != NoLeader && l != seen {
			return false
		}
		seen = l
	}
	return true
}

// Highest returns the live node of highest rank, NoLeader when every node
// is down.
func (e Election[S]) Highest(s S) int {
	best := NoLeader
	for i := range e.N {
		if e.up(s, i) && (best == NoLeader || e.rank(i) > e.rank(best)) {
			best = i
		}
	}
	return best
}

// Elected reports whether the election is over: some node is live, and
// every live node, the highest-ranked live node included, believes that
// node is the leader. So exactly one live node leads, it has the highest
// live rank, and every live node knows it.
func (e Election[S]) Elected(s S) bool {
	h := e.Highest(s)
	if h == NoLeader {
		return false
	}
	for i := range e.N {
		if e.up(s, i) && e.Leader(s, i) != h {
			return false
		}
	}
	return true
}

// Settled reports whether there is nothing left to elect: every node is
// down, or the election is over (Elected).
func (e Election[S]) Settled(s S) bool { return e.Highest(s) == NoLeader || e.Elected(s) }

// BelievesHighest reports whether every live node that believes in a
// leader believes in the highest-ranked live node: no node ever follows, or
// claims to be, a leader that is not the highest. It holds in a failure-free
// election (the ring); with crashes and recoveries it fails while a
// recovered higher node has not yet taken over.
func (e Election[S]) BelievesHighest(s S) bool {
	h := e.Highest(s)
	for i := range e.N {
		if !e.up(s, i) {
			continue
		}
		if l := e.Leader(s, i); l != NoLeader && l != h {
			return false
		}
	}
	return true
}

// AtMostOneLeader returns the safety property "OneLeader in every reachable
// state", named name.
func (e Election[S]) AtMostOneLeader(name string) model.Property[S] {
	return model.Always(name, e.OneLeader)
}

// Agreement returns the safety property "Agree in every reachable state",
// named name.
func (e Election[S]) Agreement(name string) model.Property[S] {
	return model.Always(name, e.Agree)
}

// LeaderIsHighest returns the safety property "BelievesHighest in every
// reachable state", named name.
func (e Election[S]) LeaderIsHighest(name string) model.Property[S] {
	return model.Always(name, e.BelievesHighest)
}

// ElectedWhen returns the safety property "whenever stable holds, the
// election is Settled (over, unless every node is down)", named name.
// stable says when a protocol can make no more progress by itself (for
// example: nothing in flight, no timeout due, no restart pending).
func (e Election[S]) ElectedWhen(name string, stable func(S) bool) model.Property[S] {
	return model.Always(name, func(s S) bool { return !stable(s) || e.Settled(s) })
}

// EventuallyElected returns the liveness property "on every fair behaviour
// the election is over at some point", named name.
func (e Election[S]) EventuallyElected(name string) model.Property[S] {
	return model.Eventually(name, e.Elected)
}

// Reelected returns the liveness property "whenever the election is not
// Settled, it is settled then or later" (not Settled ~> Settled), named
// name: on every fair behaviour every disruption (a crash, a recovery, an
// election under way) is followed by a completed election, unless every
// node is down. With finitely many faults it means every live node
// eventually knows the highest live node as its leader, and keeps knowing
// it once the faults stop.
func (e Election[S]) Reelected(name string) model.Property[S] {
	return model.LeadsTo(name, func(s S) bool { return !e.Settled(s) }, e.Settled)
}

// ElectedReachable returns the reachability witness "the election is over
// in some reachable state where also holds", named name (also nil: any
// state). It guards against a model that never elects anyone.
func (e Election[S]) ElectedReachable(name string, also func(S) bool) model.Property[S] {
	return model.Sometimes(name, func(s S) bool { return e.Elected(s) && (also == nil || also(s)) })
}
