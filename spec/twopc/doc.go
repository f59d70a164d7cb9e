// Package twopc is two-phase commit with failure and recovery, between a
// coordinator (p0) and N participants (p1..pN) written as actors
// (package model/actor) with stable logs. It follows the text's section on
// the two-phase commit protocol and its "Failure and recovery of the 2PC
// protocol" tables (Chow and Johnson, Distributed Operating Systems and
// Algorithms, chapter 4, "Transaction communication"), the protocol of
// Gray and Lamport, "Consensus on Transaction Commit" (ACM TODS 31(1),
// 2006, section 2), and the termination and recovery protocols of
// Bernstein, Hadzilacos and Goodman, Concurrency Control and Recovery in
// Database Systems (1987), chapter 7.
//
// # The protocol
//
// The coordinator logs WAIT and sends Prepare (VOTE_REQUEST) to every
// participant. A participant in INIT chooses its vote: yes logs READY and
// sends VoteYes; no logs ABORT and sends VoteNo. The coordinator commits
// (logs COMMIT, sends Commit) once every participant voted yes, and aborts
// on a no vote or when its vote timer fires in WAIT. A participant decides
// on receiving the decision.
//
// Failure and recovery actions, as in the text's tables:
//
//   - coordinator recovering in WAIT: abort (its collected votes were
//     volatile) and send Abort; in COMMIT or ABORT: send the decision again;
//   - participant recovering in INIT: abort unilaterally (it never voted);
//     in READY: it must ask: its ask timer is set, and the timer sends
//     DecisionReq to the coordinator; in COMMIT or ABORT: nothing;
//   - timeouts: the coordinator in WAIT aborts; a participant in INIT
//     aborts unilaterally; a participant in READY asks the coordinator,
//     again and again until the decision arrives (a request still in
//     flight is not duplicated: actor Ctx.Resend, which keeps the space
//     finite);
//   - VariantCooperative adds cooperative termination: a participant
//     recovering in READY also asks every other participant at once. A
//     participant asked by a peer answers with its decision if it has one;
//     in INIT it aborts unilaterally and answers Abort; in READY it cannot
//     help and stays silent. (It is a variant because it multiplies the
//     space, about 2.4 times for 3 participants and 5 for 4, and the
//     coordinator's recovery already guarantees termination.)
//
// # Faults and what is abstracted
//
// Faults come from the actor layer's budgets (Config.Faults): message loss
// (drop), duplication (dup), crashes of the coordinator or of participants,
// restarts and partitions; the network is chosen per run. A crash keeps
// the log (phase, vote) and loses the volatile state (the coordinator's
// collected votes) and timers. In VariantCorrect every crash may be
// followed by a restart (the restart budget is raised to the crash budget)
// and restarts are weakly fair, so "every participant eventually decides"
// holds; in VariantNeverRecovers (cooperative) the coordinator is
// crash-stop and READY participants block even with cooperative
// termination: the liveness property fails with a lasso, and the engines
// report a deadlock. Two deliberately broken variants show that safety is
// checked: VariantRecoverCommits (validity fails) and VariantReadyAborts
// (atomicity fails).
//
// Abstracted away: the transaction's operations (one transaction, whose
// outcome is the only data), acknowledgements of the decision and the END
// log record (the coordinator never forgets a transaction), and wall-clock
// timeouts (a timer may fire at any moment; fairness makes it fire
// eventually). The coordinator logs WAIT before it sends Prepare, so it
// never starts in INIT.
//
// # Properties
//
// "atomicity": no two processes decide differently. "validity": a commit
// only if every participant voted yes. "decision stable": no process ever
// logs two different decisions (a ghost set of the decisions each process
// took survives crashes). "commit reachable" and "abort reachable": every
// participant committed, or aborted, in some run. "every participant
// eventually decides": liveness under the actor layer's weak fairness
// (delivery, timers, restarts). The participants are interchangeable
// (Config.Symmetry of the actor system), so symmetry reduction applies.
package twopc
