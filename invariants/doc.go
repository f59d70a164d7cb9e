// Package invariants holds reusable properties of distributed protocols,
// built on package model so that specs share one definition of each:
//
//   - commit protocols (commit.go): Atomicity (no two processes decide
//     differently), Validity (commit only if every process voted yes) and
//     Irrevocable (a process never takes back a decision);
//   - execution counts (execution.go): AtMostOnce, AtLeastOnce,
//     AtLeastOnceWhen and ExactlyOnceWhen over a count function, for RPC
//     semantics and message delivery;
//   - linearizability (linearizable.go, htmlpage.go): a typed bridge to
//     porcupine that checks a history of client calls and returns, and
//     writes porcupine's view under a header that says what it shows;
//   - mutual exclusion (mutex.go): MutualExclusion, EveryRequestGranted,
//     AllDone (a DME spec's final states) and EntersCS, shared by every
//     DME algorithm;
//   - delivery order (order.go): over each process's delivery sequence,
//     NoDuplicateDelivery, CausalDelivery, FIFODelivery, TotalOrder,
//     ConsistentOrder, EventuallyDelivered, and a porcupine log view;
//   - leader election (leader.go): Election describes the nodes (rank,
//     liveness, believed leader) and gives AtMostOneLeader, Agreement,
//     LeaderIsHighest, ElectedWhen, EventuallyElected, Reelected and
//     ElectedReachable.
//
// Each helper comes in two forms: a pure predicate over plain values (easy
// to test and to combine) and a constructor of a model.Property whose name
// the caller chooses, since property names are stable ids of each spec.
// The constructors take accessor functions (a process's decision, an
// operation's count) instead of a state type, so any spec state fits.
//
// For example, a commit protocol with n processes:
//
//	props := []model.Property[State]{
//		invariants.Atomicity("atomicity", n, func(s State, i int) invariants.Decision { return s.decision(i) }),
//		invariants.Validity("validity", n, decision, vote),
//	}
//
// Nothing here does I/O, reads a clock or uses global randomness.
package invariants
