// Package ricartagrawala is Ricart and Agrawala's distributed mutual
// exclusion between N processes written as actors (package model/actor).
// It follows the text's section "Distributed Mutual Exclusion",
// "Contention-based DME", "Ricart & Agrawala" (Chow and Johnson,
// Distributed Operating Systems and Algorithms, chapter 4), and the
// algorithm of Ricart and Agrawala, "An Optimal Algorithm for Mutual
// Exclusion in Computer Networks", Communications of the ACM 24(1), 1981.
//
// # The algorithm
//
// A process asks for its critical section with a sequence number one
// above the highest it has seen (Our_Sequence_Number =
// Highest_Sequence_Number + 1), sends REQUEST to every other process and
// waits for N-1 replies. A process receiving a request records the highest
// sequence number and replies at once, unless it is in its critical
// section or its own pending request comes first (smaller sequence number,
// ties broken by the smaller id): then it defers the reply until it leaves
// its critical section. So each entry costs 2(N-1) messages, whatever the
// order of delivery: the algorithm needs no FIFO channels, and the default
// network is unordered (FIFO is accepted; bench/ra.pml is the same model in
// Promela on FIFO channels, and SPIN stores as many states as protocheck
// finds without the lock history below). VariantReplyInCS, broken, replies
// while in the critical section: "mutual exclusion" and "lock
// linearizable" fail.
//
// # What is modelled and what is abstracted
//
// Each process asks for its critical section Requests times: a "want"
// timer fires the request and an "exit" timer ends the critical section,
// so a process may ask or leave at any moment, and weak fairness makes it
// do so eventually. The variables are the paper's (see Proc), except that
// Our_Sequence_Number is reset to 0 when the process leaves, since it is
// not read again before the next request sets it (a smaller space, the
// same behaviour). The algorithm assumes reliable delivery: the drop and
// dup budgets of the actor layer are accepted, and a loss blocks a
// requester for good ("every request granted" fails) while a duplicated
// reply counts twice ("mutual exclusion" fails). Crashes are not
// modelled. The duplicating network is refused: it redelivers requests
// forever. Processes are not interchangeable (ties are broken by id), so
// no symmetry is declared.
//
// # Properties
//
// The shared DME properties of package invariants: "mutual exclusion",
// "every request granted" (liveness under the actor layer's weak
// fairness), "p<i> enters its critical section" for every process, and
// deadlock freedom (final states: every process done). Measures for
// tables: "messages" (sent so far) and "units" (critical sections
// completed).
//
// # The critical section as a lock object
//
// With Config.History (the catalogue's -history on, its default) the
// processes are the clients of a lock and the actor layer records their
// operations in the run's history: entering the critical section is an
// acquire() and leaving it a release(), each called and returned in its
// step. PropLockLinearizable, "lock linearizable", checks that history
// with porcupine (invariants.Linearizable) against Lock, a sequential lock
// (acquire only when free, release only by the holder), in every state.
// VariantReplyInCS violates it where it violates mutual exclusion, and
// Spec.Viz draws porcupine's page of that history (`check run
// ricart-agrawala -variant reply-in-cs -viz out.html`).
//
// The history is part of the state, so it records only what the verdict
// needs: the order of entries and exits, three bytes of key per event.
// Calling acquire at the request instead (returning at the entry) would
// show the waiting in porcupine's view but decide nothing more: release
// never waits, so the history is linearizable exactly when the sequence
// of entries and exits is a legal lock sequence, whenever the acquires
// were called. And it costs: that history multiplied the states 4.3 times
// at n=3 (2,858 to 12,385, unordered) and 9.9 times at n=4 (2,074,509 to
// 20,436,613), where entries and exits alone add 21 states at n=3 (2,879;
// FIFO 2,080 to 2,101), none at n=2, and 0.5% at n=4 on FIFO (1,405,161 to
// 1,412,160). The history only observes: erased, the states are exactly
// those without it. With -history off (the zero Config) the property is
// not listed, and the space is the one bench/ra.pml gives SPIN.
package ricartagrawala
