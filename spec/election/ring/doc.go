// Package ring is leader election on a logical ring, the text's
// pseudo-code (section "Leader Election", "Logical ring topology"), which
// is the algorithm of Chang and Roberts, "An improved algorithm for
// decentralized extrema-finding in circular configurations of processes",
// Communications of the ACM 22(5), 1979, written as actors (package
// model/actor).
//
// # The protocol
//
// N nodes in a ring, p0..p{N-1}; the node at position i has the id
// Config.IDs[i] and sends only to its successor, position i+1 (the last to
// p0). The ids are distinct and compared, so there is no symmetry.
//
//	initiator: participating := true; send(id)
//	receive(value):
//	  value > id:                      participating := true; send(value)
//	  value < id and not participating: participating := true; send(id)
//	  value < id and participating:     discard
//	  value == id:                      announce leader
//
// The announcement is an Elected(id) message that goes round the ring:
// each node learns the leader and forwards it, until it reaches the
// leader. The text stops at "announce leader"; the fourth case (discard)
// is implicit in its case statement, and Chang and Roberts make it
// explicit.
//
// Initiators (Config.Initiators, the "initiators" parameter) start at time
// 0, before any message moves: "one" is the node at position 0, "some" the
// nodes at even positions (0, 2, 4, ...), "all" every node. A node that is
// not an initiator joins when the first message reaches it. N is the length
// of the ids list (the "ids" parameter, default 3,1,2): there is no
// separate -n, so the two cannot disagree.
//
// One election is modelled: participating is never cleared (the text
// never clears it; that matters only for a later election). Messages carry
// their kind and one id; each node counts, as ghosts, the election
// messages and announcements it sent, for the "messages", "election
// messages" and "announcements" measures and `check table ring`.
//
// # Faults and variants
//
// The network is FIFO per channel (the default) or unordered; the "drop"
// and "dup" faults may be given. VariantNoFlag drops the participating
// flag: a node replaces every smaller value by its id, however often. It
// stays safe and elects, but with all initiators every node's id turns
// into the largest one and goes round, so it sends more messages (and the
// leader announces once per copy of its id that comes back); with one
// initiator only one message circulates and the flag never matters.
// VariantLossy is the correct protocol losing one message (drop=1): a lost
// Election or Elected message is never resent, the ring falls silent, and
// "every node learns the leader" fails (with a deadlock: a non-final state
// with no step).
//
// # Properties
//
// "at most one leader": at most one node believes itself the leader.
// "the leader has the largest id": every node that knows a leader knows the
// node with the largest id. "every node learns the leader": on every fair
// behaviour, eventually every node knows the node with the largest id
// (liveness, under the actor layer's weak fairness of delivery). "leader
// elected": a witness that some run elects. They are the shared election
// properties of package invariants (Election).
//
// # Message counts
//
// "Messages per election" counts the election messages, Election(v), from
// the initiators' first sends until the leader receives its own id; the
// announcement adds N more. With one initiator, its id travels to the
// largest id, at distance d, which then goes once round: N+d, between N
// and 2N-1 (3N-1 with the announcement, as Coulouris et al. count it).
// With all initiators each id travels to the next larger one: between 2N-1
// (ids increasing along the ring) and N(N+1)/2 (decreasing), N*H(N) ~ N ln
// N on average over arrangements (Chang and Roberts). `check table ring`
// measures these over every arrangement of 1..N (see Spec.Tables).
package ring
