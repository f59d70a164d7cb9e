// Package voting is distributed mutual exclusion by majority voting, as
// the text gives it in "Distributed Mutual Exclusion", "Contention-based
// DME (cont)", "Voting" (Chow and Johnson, Distributed Operating Systems
// and Algorithms, Addison-Wesley 1997, chapter 4): simple majority voting,
// which deadlocks, and majority voting with rescension, which does not.
// Majority voting goes back to R. H. Thomas, "A Majority Consensus
// Approach to Concurrency Control for Multiple Copy Databases", ACM TODS
// 4(2), 1979; rescension is the deadlock avoidance that M. Maekawa, "A
// sqrt(N) Algorithm for Mutual Exclusion in Decentralized Systems", ACM
// TOCS 3(2), 1985, applies to quorums (see package maekawa).
//
// # The algorithm
//
// Each of the N processes (p0..pN-1) is a candidate and a voter with one
// vote, and asks for its critical section Requests times. A candidate
// sends a Request to every process, itself included (a process's messages
// to itself are local calls, handled in the same step and not counted as
// messages). A voter gives its vote to one request at a time (Vote); other
// requests wait in its queue. A candidate holding the votes of a majority
// (more than N/2) enters its critical section; on exit it returns every
// vote it holds (Release), and each voter gives its vote to the next
// waiting request. A vote that arrives for a request already served is
// returned at once. Wanting the critical section and leaving it are timers
// ("want", "exit"), weakly fair like every step of the actor layer.
//
//   - VariantSimple (simple majority): the queue is in arrival order and a
//     vote stays with its candidate until the candidate is done. When the
//     votes split so that no candidate has a majority (with N = 3, each
//     candidate votes for itself first), nobody can go on: the engines
//     report the deadlock ("deadlock free" fails) and "every request
//     granted" fails.
//   - VariantRescension (the default): requests carry Lamport timestamps
//     (the clock ticks when a process asks and takes the largest timestamp
//     it receives); the queue is ordered by timestamp, ties broken by id,
//     and a voter always votes for the best (earliest) request. A voter
//     whose vote is with a later request than one that arrives asks for it
//     back (Inquire, once per vote given); a candidate not in its critical
//     section must return it (Relinquish), and its request waits again. A
//     candidate in its critical section ignores the inquiry and returns the
//     vote on exit. If the inquiry overtakes the vote (on the unordered
//     network), the candidate returns the vote when it comes.
//
// In simple majority the timestamp is the request's number (1, 2, ...),
// used only to recognise a vote that comes late. Every message names the
// request it is about by its timestamp.
//
// # What is abstracted
//
// The network is reliable (the text's algorithm does not survive loss):
// no faults are accepted; messages are delivered in any order (Unordered,
// the default) or in order per channel (FIFO). The critical section is a
// phase. Clocks stay bounded because requests are: a timestamp is at most
// N times Requests, so no clock is normalised.
//
// # Properties and measures
//
// "mutual exclusion", "every request granted" (liveness under weak
// fairness), "deadlock free" (final states are those where every request
// was served), one "p<i> enters its critical section" witness per process,
// and "votes held were given": a candidate holds only votes that their
// voters gave to its current request, so no vote counts twice. The
// measures are "messages" (sent so far, a counter in each process) and
// "units" (critical sections completed). Each entry costs 3(N-1) messages
// without contention; without rescension exactly that in every complete
// run, with it up to 8 (FIFO) or 9 (unordered) for N = 3
// (TestMessagesPerEntry).
//
// There is no symmetry: ties between equal timestamps are broken by id.
//
// # Sizes
//
// N = 3 with one request each (the default) has 95,148 states with
// rescension on the unordered network (37,123 on FIFO) and is checked in
// about two seconds. N = 4 passes 2.5 million states and does not finish
// in a minute: use it with -max-states, or the random engine.
package voting
