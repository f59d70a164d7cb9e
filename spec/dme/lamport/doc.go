// Package lamport is Lamport's timestamp-based distributed mutual
// exclusion between N processes written as actors (package model/actor).
// It follows the text's section "Distributed Mutual Exclusion",
// "Contention-based DME", "Lamport" and "Lamport Timestamp DME with
// message failure" (Chow and Johnson, Distributed Operating Systems and
// Algorithms, chapter 4), and the algorithm of Lamport, "Time, Clocks,
// and the Ordering of Events in a Distributed System", Communications of
// the ACM 21(7), 1978.
//
// # The algorithm
//
// A process asks for its critical section by sending REQUEST, stamped with
// its Lamport clock, to every other process and putting it in its own
// request queue. A process receiving a request queues it and sends REPLY;
// receiving RELEASE, it removes the sender's request. A process enters
// when its own request heads its queue (in the total order of timestamps,
// ties broken by process id) and it has received a message timestamped
// later than its request from every other process; on leaving, it removes
// its request and sends RELEASE to every other process. So each entry
// costs 3(N-1) messages. The clock follows Lamport's rules for the events
// that carry a timestamp (see Proc).
//
// The proof of safety needs FIFO channels: a message later than my request
// from j must follow j's earlier requests. VariantCorrect runs on the FIFO
// network by default and holds; VariantUnordered (and -network unordered
// on VariantCorrect) lets a reply overtake the request sent before it, and
// "mutual exclusion" fails.
//
// VariantMessageFailure adds the text's rules against message failure
// (see failure.go): requests resent by a retry timer while a reply is
// missing, every request answered, duplicates kept out of the queue, and
// an inquiry at the head of the queue, which sends a lost release again.
// To these it adds one thing the text leaves out and loss requires: every
// reply carries the sender's pending request. Without it (the broken
// VariantResendOnly) a lost request lets the same sender's later reply
// arrive alone, the reordering FIFO channels exclude, and "mutual
// exclusion" fails under drop=1. VariantMessageFailure holds under
// drop=1,dup=1 (its default faults, at n=2) and drop=2,dup=1, where
// VariantCorrect fails "every request granted" (a lost message blocks
// every later entry) and "mutual exclusion". Its space grows fast with n
// (premature retries multiply the messages in flight): above 2 million
// states at n=3, hence the default n=2.
//
// # What is modelled and what is abstracted
//
// Each process asks for its critical section Requests times: a "want"
// timer fires the request and an "exit" timer ends the critical section,
// so a process may ask or leave at any moment, and weak fairness makes it
// do so eventually. The request queue holds at most one request per
// process (a process asks again only after releasing) and is kept as one
// timestamp per process (see Proc). Faults are the actor layer's drop and
// dup budgets on FIFO or unordered networks; crashes are not modelled
// (the text: node failure "must detect failed node, recover"). The
// duplicating network is refused: it redelivers forever. Processes are
// not interchangeable (ties are broken by id), so no symmetry is declared.
//
// # Properties
//
// The shared DME properties of package invariants: "mutual exclusion",
// "every request granted" (liveness under the actor layer's weak
// fairness), "p<i> enters its critical section" for every process, and
// deadlock freedom (final states: every process done). Measures for
// tables: "messages" (sent so far, retransmissions excluded) and "units"
// (critical sections completed).
package lamport
