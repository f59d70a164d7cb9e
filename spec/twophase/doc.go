// Package twophase is Lamport's abstract two-phase commit, a direct
// transcription of the TLA+ module TwoPhase (Leslie Lamport, TwoPhase.tla, in
// the TLA+ examples; described in Jim Gray and Leslie Lamport, "Consensus on
// Transaction Commit", ACM TODS 31(1), 2006, section 3).
//
// One transaction manager (TM) and N resource managers (RMs) decide whether
// to commit. The state is the TLA+ spec's four variables:
//
//   - rmState[rm] in {working, prepared, committed, aborted};
//   - tmState in {init, committed, aborted};
//   - tmPrepared, the set of RMs from which the TM has received Prepared;
//   - msgs, the set of messages ever sent: Prepared(rm), Commit, Abort.
//     Nothing is ever removed from msgs, so a message can be received any
//     number of times and in any order: the network is unordered,
//     duplicating and (since no step is forced) lossy, exactly as in the
//     TLA+ spec.
//
// The steps are the TLA+ actions, in TPNext's order: TMCommit, TMAbort, and
// for each rm TMRcvPrepared(rm), RMPrepare(rm), RMChooseToAbort(rm),
// RMRcvCommitMsg(rm), RMRcvAbortMsg(rm). As in the TLA+ spec (and as TLC
// counts them), RMRcvCommitMsg, RMRcvAbortMsg and TMRcvPrepared are enabled
// whenever their message is in msgs, even when they change nothing: such a
// self-loop is still a generated successor. There are no faults beyond what
// the message set already allows.
//
// The model exists to validate the engines: its distinct-state counts equal
// TLC's (288 for 3 RMs, 8,832 for 5, 10,340,352 for 9), and it is the
// yardstick of the performance comparison with SPIN in bench/. A state is
// therefore one uint64: four bits per RM (rmState, in tmPrepared, Prepared
// sent), two bits of tmState (which also determine the Commit and Abort
// messages, since TMCommit and TMAbort are the only senders and each can
// happen at most once) and the number of RMs, so N is at most MaxN.
//
// Properties: "consistent" (no RM committed while another aborted; TLA+
// TCConsistent) and "type ok" (TPTypeOK) are Always properties; "commit
// reachable" and "abort reachable" are Sometimes witnesses.
//
// The RMs are interchangeable, so the model implements model.Symmetric:
// the canonical state sorts the per-RM tuples, which is complete because no
// part of the state relates one RM to another.
//
// The variant VariantEarlyCommit is deliberately broken: the TM commits as
// soon as it has received one Prepared message instead of all of them, so an
// RM that never prepared can choose to abort while another commits.
package twophase
