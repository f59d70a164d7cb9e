// Package multicast is group multicast in the six scenarios of the text's
// section "Group communication and multicast" (Chow and Johnson,
// Distributed Operating Systems and Algorithms, Addison-Wesley 1997,
// chapter 4), with its reliability levels and delivery orders, as actors
// (package model/actor). Sources of the mechanisms: Hadzilacos and Toueg,
// "Fault-Tolerant Broadcasts and Related Problems" (in Mullender, ed.,
// Distributed Systems, 2nd ed., Addison-Wesley 1993) for the reliability
// and order properties; Birman, Schiper and Stephenson, "Lightweight
// Causal and Atomic Group Multicast" (ACM TOCS 9(3), 1991) for the causal
// rule; Kaashoek and Tanenbaum, "Group Communication in the Amoeba
// Distributed Operating System" (ICDCS 1991) for the sequencer; and
// Garcia-Molina and Spauster, "Ordered and Reliable Multicast
// Communication" (ACM TOCS 9(3), 1991) for overlapping groups.
//
// # Scenarios
//
// Senders are not group members (they deliver nothing); receivers r1..r3
// are. A sender's multicasts (parameter msgs, 1 or 2) go to its targets in
// turn. Process ids: senders first, then receivers, then sequencers.
//
//	(a)   single sender, single group:    S1 -> G1={r1,r2}
//	(b)   multiple senders, single group: S1, S2 -> G1={r1,r2}
//	(c-L) single sender, overlapping:     S1 -> G1={r1,r2,r3}, then -> G2={r2,r3}
//	(c-R) single-group senders, overlap:  S1 -> G1={r1,r2,r3}, S2 -> G2={r2,r3}
//	(d-L) multi-group senders, independent groups: S1, S2 -> G1 and G2, G1={r1,r2}, G2={r3}
//	(d-R) multi-group senders, overlapping groups: S1, S2 -> G1 and G2, G1={r1,r2,r3}, G2={r2,r3}
//
// The text names the issue of each: (a) reliable FIFO delivery; (b) the
// order between senders' messages; (c) one order of messages sent to
// different groups at the members of the intersection; (d-L) the issues
// of (b) plus consistency of the orders of G1 and G2; (d-R) those plus the
// intersection. A multi-group sender of (d) sends each message to both
// groups (one message to G1 and G2: only then can the two groups' orders
// disagree); the sender of (c-L) sends different messages to the two
// groups, as the text says. An intersection needs two members for two of
// them to disagree, so the overlapping groups share r2 and r3; to keep
// each run to seconds G2 has no member of its own (G2 within G1) and
// (d-L)'s G2 has one member.
//
// # Reliability levels (parameter reliability)
//
//   - best-effort: one copy to each destination; a receiver takes every
//     copy that arrives.
//   - dedup: duplicate detection: a receiver ignores a message id it has
//     received.
//   - recovery: omission detection and recovery per receiver. A copy
//     carries its number on its link (origin, receiver); a receiver that
//     sees a gap sends Nack(first missing) and the origin retransmits it.
//     A loss at the end of a stream shows no gap, so the receiver also
//     acknowledges in order (Ack(k): copies 1..k arrived) and the origin
//     retransmits its first unacknowledged copy on a timer until every
//     copy is acknowledged.
//   - atomic: recovery, and all or none: the sender sends its message to
//     the first of its direct receivers only, and each direct receiver, on
//     its first copy, forwards it to the next one (a chain of recovered
//     links). The multicast is one send, which a crash cannot cut, and a
//     message that reached one receiver reaches all (receivers do not
//     crash).
//
// # Orderings (parameter ordering)
//
//   - none: delivery on receipt (a baseline: it shows what duplicate
//     detection is for; with sequence numbers duplicates fall away).
//   - fifo: per (sender, receiver) sequence numbers, early messages held
//     back.
//   - causal: the text's rule on vector timestamps: accept m from i if
//     T_i = S_i + 1 and T_k <= S_k for all k != i, delay if T_i > S_i + 1
//     or some T_k > S_k, reject if T_i <= S_i; delayed messages are
//     examined again after every delivery. Senders deliver nothing, so
//     happened-before is each sender's program order and causal order
//     coincides with FIFO order here (package spec/causal has senders
//     that deliver).
//   - total: total order per group, no cross-group mechanism: one
//     sequencer per group (q1, q2) takes the messages for its group in
//     FIFO order from the senders, numbers them in its stream to each
//     member and sends them on; a member delivers each stream in order. A
//     member of two groups follows two streams independently (and, from
//     dedup up, delivers a message once).
//   - global: the cross-group mechanism, one sequencer (q) for every
//     group: all streams are projections of one order.
//
// With a sequencer the sender's direct receivers are the sequencers of
// its message's groups, and the reliability level applies to every hop.
//
// # Faults and what is abstracted
//
// Loss (drop), duplication (dup) and reordering (the unordered network;
// FIFO channels are the other choice) of any message, and the crash of a
// sender (crash): for good, at any step, so a crash can cut a multicast,
// which is a sequence of sends, one per step (the send timer). Receivers
// and sequencers do not crash. Timers are slow (actor SlowTimers: a timer
// fires only when no message to its process can be delivered): a
// timeout is longer than a message's delay, which keeps retransmissions
// from multiplying the space; a lost message still leads to one. With a
// crash budget each sender also has a wait timer that fires without
// changing anything, so that a run may end with a live sender (see
// start). A message's header (sender, destinations, FIFO numbers, vector
// timestamp) is fixed by the plan, so copies carry only its id and their
// link number. Group membership is static; there are no views, no flush
// and no failure detector.
//
// # Properties
//
// Over the receivers' delivery sequences (package invariants, order.go):
// "no duplicate delivery"; "fifo order" (a receiver delivers a sender's
// later message only after every earlier one addressed to it); "causal
// order" (the same with happened-before from the vector timestamps);
// "total order" (any two receivers deliver their common messages in one
// relative order); "order in the intersection" (the same for the
// members of two groups; it is the part of total order the text's
// scenarios (c) and (d-R) are about, so it fails only with total order);
// "every message delivered" (sometimes); "no omission" (liveness: every
// message of a sender that is up is delivered by all its destinations);
// "all-or-none" (liveness: a message delivered by some destination is
// eventually delivered by all, whatever happened to its sender).
//
// # The table
//
// `check table multicast` prints, for every scenario and (reliability,
// ordering) pair, "holds" or the failing properties, each with the runs
// that violate it: every cell is four complete runs, with no fault and
// with one of dup=1, drop=1 and crash=1 (one kind at a time keeps each
// run to seconds; a test checks on (a) and (b) that drop and crash
// together violate nothing that one of them alone does not). By default
// it runs nine pairs (DefaultPairs); -pairs all runs the twenty, some of
// which (total order per group over recovered links in (d-L) and (d-R))
// take millions of states.
package multicast
