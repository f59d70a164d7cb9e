// Package causal is causal-order multicast with vector clocks, as the text
// gives it in its section "Causal order" (Chow and Johnson, Distributed
// Operating Systems and Algorithms, chapter 4, "Interprocess communication
// and coordination", under "Group communication and multicast"): the
// CBCAST protocol of Birman, Schiper and Stephenson, "Lightweight Causal
// and Atomic Group Multicast", ACM TOCS 9(3), 1991, on the vector clocks
// of Fidge (1988) and Mattern (1989).
//
// # The protocol
//
// Every process is a sender and a receiver of one group. Process j keeps a
// vector clock S: S_k counts the messages of process k it has delivered,
// S_j the messages it has sent. To multicast it increments S_j, stamps the
// message with T = S and sends it to every other process; it delivers its
// own message at once. Process j, receiving m from i with timestamp T,
// applies the text's rule (Rule):
//
//   - accept m if T_i = S_i + 1 and T_k <= S_k for all k != i: deliver it
//     and set S_i = T_i;
//   - delay m if T_i > S_i + 1 or T_k > S_k for some k != i: keep it;
//   - reject m if T_i <= S_i: it is a duplicate of a delivered message.
//
// After every delivery the delayed messages are examined again, with the
// same rule, until none can be accepted or rejected.
//
// # Faults, scenarios and what is abstracted
//
// The network reorders messages (Unordered, or FIFO per channel) and may
// duplicate them (the dup fault's budget); it does not lose them, and
// processes do not crash: the text's rule has no answer to either. A send
// is a step (the "send" timer) that may come between any two deliveries,
// so every interleaving of sends and receipts is explored. In ScenarioText
// the three processes send the text's messages: M1_1 and M1_2 from P1
// (p0), M2_1 from P2 (p1), M3_1 to M3_3 from P3 (p2). The application is
// abstracted to the sequence of messages each process delivers.
//
// # Properties
//
// "causal delivery" (invariants.CausalDelivery): if the send of m happened
// before the send of m', every process delivers m before m'. Happened
// before is ghost state, not the clocks the protocol compares: every
// process keeps its causal past (the messages it sent or delivered, and
// their causal pasts), and each message carries its sender's causal past
// at the send. "no duplicate delivery". "every message eventually
// delivered" (liveness, under the actor layer's weak fairness of
// delivery and of the send timer) and its reachability witness "every
// message delivered everywhere". A state where every process is done is
// final; any other state without a step is a deadlock.
//
// Two broken variants must violate "causal delivery":
// VariantDeliverOnReceipt delivers every message as it arrives, and
// VariantNoDependencyCheck applies the rule without the T_k <= S_k test.
// `check table causal` prints the text's table (Message, Tx timestamp, Rx
// event, Action(s), VLC after Rx) along a scripted run of the text's
// example that accepts, delays, accepts a delayed message and rejects a
// duplicate.
package causal
