// Package maekawa is Maekawa's quorum-based mutual exclusion: M. Maekawa,
// "A sqrt(N) Algorithm for Mutual Exclusion in Decentralized Systems", ACM
// TOCS 3(2), 1985; in the text (Chow and Johnson, Distributed Operating
// Systems and Algorithms, Addison-Wesley 1997, chapter 4), "Distributed
// Mutual Exclusion", "Voting": coterie-based voting, "Maekawa O(sqrt(N))
// Quorum Method". (Coteries: H. Garcia-Molina and D. Barbara, "How to
// Assign Votes in a Distributed System", JACM 32(4), 1985.)
//
// # Request sets
//
// Process i must be granted a lock by every member of its request set S_i;
// S_i contains i, and any two request sets intersect, so two candidates
// never hold all their locks at once. Quorums builds them: with the
// default "maekawa" system, a finite projective plane for N = 3 (order 1,
// a triangle, K = 2) and N = 7 (order 2, the Fano plane, S_i = {i, i+1,
// i+3} mod 7, K = 3), Maekawa's grid for N = 4 and 9 (i's row and column
// in a sqrt(N) by sqrt(N) grid, K = 2 sqrt(N) - 1), and for N = 1, 2, 5,
// 6, 8, which have neither, majority windows S_i = {i, ..., i + N/2} mod
// N. The "majority" system uses the windows for every N. N is 1..9.
//
// # The algorithm
//
// A candidate stamps its request with its Lamport clock (it ticks on a
// request and takes the largest timestamp received) and sends Request to
// every member of its request set, itself included (messages to itself
// are local calls in the same step, not counted). A member not locked
// locks for the request and answers Locked (GRANT). A locked member queues
// the request by precedence (timestamp, then id) and:
//
//   - if its lock or a waiting request precedes the new one, answers
//     Failed;
//   - otherwise asks the candidate it is locked for whether it will
//     succeed (Inquire, once per lock), and tells the request this one
//     overtakes at the head of the queue that it failed (Failed), if that
//     request preceded the lock and so was told nothing so far.
//
// A candidate asked by Inquire relinquishes the lock (Relinquish, YIELD)
// when it knows it may not succeed: it got a Failed from a member that has
// not locked for it since, or it relinquished to a member that has not
// locked for it again. Otherwise it defers the answer: a later Failed
// answers every deferred inquiry, and entering the critical section
// answers them all with the Release on exit. A member that gets a lock
// back (Relinquish: the request waits again; Release: it is served) locks
// for the first waiting request. A candidate with every member's lock
// enters its critical section; on exit it sends Release to its request
// set. Wanting the critical section and leaving it are timers ("want",
// "exit"), weakly fair like every step of the actor layer.
//
// The overtaken-head Failed is needed: with Failed sent only when a
// request arrives (VariantArrivalOnly), a waiting request overtaken by a
// later one that precedes it never learns that it failed, its candidate
// defers an inquiry for ever while holding a lock another candidate
// needs, and the algorithm deadlocks. The checker finds it at N = 4 (the
// 2 by 2 grid, FIFO channels, one request each), not at N = 2 or 3.
// Without Failed, Inquire and Relinquish (VariantNoInquire) candidates
// wait for each other's locks in a cycle already at N = 3.
//
// # What is abstracted
//
// The network is reliable: no faults are accepted. Messages are delivered
// in any order (Unordered, the default) or in order per channel (FIFO);
// every message names its request by timestamp, and a message about a
// request already served is ignored. The critical section is a phase.
// Clocks stay bounded because requests are (a timestamp is at most N
// times Requests), so no clock is normalised. There is no symmetry: ties
// between timestamps are broken by id, and request sets are not symmetric
// under every permutation.
//
// # Properties and measures
//
// "mutual exclusion", "every request granted" (liveness under weak
// fairness), "deadlock free" (final states: every request served), one
// "p<i> enters its critical section" witness per process, and "locks held
// were given": a candidate holds only locks its members hold for its
// current request. The measures are "messages" (sent so far, a counter in
// each process) and "units" (critical sections completed). An entry
// without contention costs 3(K-1) messages (Request, Locked, Release for
// each other member); the text's figure is 3 sqrt(N) to 5 sqrt(N). The
// runs measured (TestMessagesPerEntry): N = 3 between 3 and 11/3 per entry,
// N = 4 (FIFO) between 6 and 9, mean 7.09; within the text's range for
// N = 4, below it for the planes, whose K is about sqrt(N).
//
// # Sizes
//
// N = 3 with one request each (the default) has 657 states (549 on FIFO)
// and is checked at once. N = 4 has 511,978 states on FIFO (about 11
// seconds) and 1,957,546 unordered (about 90 seconds). N = 5 to 9 (the
// Fano plane, the 3 by 3 grid) are beyond exhaustive search in seconds:
// use them with -max-states or -time, or the random engine; a test walks
// random schedules at those sizes.
package maekawa
