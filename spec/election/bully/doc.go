// Package bully is the bully election algorithm on a complete graph, with
// crashes and recoveries of nodes, written as actors (package model/actor).
// It follows the text's section "Leader Election", "Complete topology: The
// Bully algorithm" (the source text's four steps), and Garcia-Molina,
// "Elections in a Distributed Computing System", IEEE Transactions on
// Computers C-31(1), 1982, with the take-over rules of Coulouris, Dollimore
// and Kindberg, Distributed Systems: Concepts and Design (the chapter on
// coordination and agreement, "Elections").
//
// # The protocol
//
// Nodes p0..p{N-1}; a higher id has priority. A node starts an election at
// boot (Config.Start "boot"), when it recovers from a crash, and when a
// node it waits for fails (a timeout):
//
//  1. It sends Are-U-Up to every higher node (PROBING). A higher node that
//     answers IAmUp makes it wait for an Enter-Election (AWAITING); if that
//     node fails, it starts again.
//  2. If no higher node answers (the Are-U-Up timeout: every higher node is
//     down), it is the highest alive: it sends Enter-Election to every lower
//     node (COORDINATING).
//  3. When every lower node has answered ACK or timed out (is down), it
//     sends Result to the nodes that ACKed and leads (NORMAL, leader itself).
//  4. A node that receives Enter-Election ACKs it and stays in a transient
//     state (HALTED) until that node's Result, which makes it NORMAL with
//     that leader; if that node fails first, it starts an election.
//
// Choices the text leaves open, after Garcia-Molina and Coulouris: a node
// obeys an Enter-Election unless it already follows a higher node (its
// leader, or the node it is halted by: the message is stale, or that node
// failed and its own timer will notice); a coordinating node or the leader
// answers Are-U-Up with Enter-Election (the asker recovered, or lost an
// earlier one in a crash, and joins); the leader answers a late ACK with
// Result; other nodes answer IAmUp and leave the election to the nodes
// above them. The highest node coordinates at once, and the lowest leads at
// once when it is the highest alive. Nothing survives a crash.
//
// # Timing: reliable timeouts, by an oracle or by delay bounds
//
// The algorithm is for a synchronous system: delays are bounded, so a
// timeout is a perfect failure detector. Untimed (Config.Delay 0, the
// default variant "correct") a timer could fire at any moment, which is
// what makes timeouts unreliable, so the model filters the steps
// (Model.Next) by two oracles that read the global state, standing for the
// timing assumptions and not for anything a node computes:
//
//   - reliable timeouts: a timeout about node j expires only when j is
//     down and nothing j sent is still in flight (j has been down longer
//     than any delay); a timeout about several nodes (step 1: the higher
//     ones; step 3: the lower ones that have not ACKed) when all are;
//   - long downtime: a crashed node restarts only when no message to or
//     from it is in flight (what was sent to it was lost, what it sent has
//     arrived).
//
// Untimed, VariantUnreliableTimeouts exempts the Are-U-Up timeout from the
// oracle: it may expire while a higher node is alive but slow, and two
// nodes lead.
//
// Timed (Config.Delay d > 0: the variant "timed", and
// "unreliable-timeouts" at its defaults) there is no oracle: the actor
// layer's discrete time bounds every message's delay by d ticks, and the
// timers have durations (Config.timings). The Are-U-Up timeout (step 1)
// and the ACK timeout (step 3) wait a round trip plus one tick, 2d+1: an
// answer from a node that is up arrives first, so they are failure
// detectors. The text does not say how a follower learns that its leader
// failed; here it checks every 4d+1 ticks by starting an election (step
// 1), which the leader answers with Enter-Election, and the other timers
// (Enter-Election, Result awaited) only make a node start again after 2d+1
// ticks: nothing but the Are-U-Up timeout concludes that a node is down. A
// crashed node stays down d+1 ticks (so nothing of its previous life is
// still in flight), the bound form of the long-downtime oracle.
// VariantUnreliableTimeouts waits 2d ticks, which an answer due at that
// very instant does not beat: two nodes lead
// (TestTimedUnreliableTimeoutLosesTheRace). A check period of 4d-1 or less
// lets two followers' checks overlap forever, so that the election is
// never settled (TestPollMustOutlastACheck).
//
// Time does not give "leader agreement": a follower that has not yet
// checked on its crashed leader still follows it when another node, whose
// Enter-Election it ignored, times out on its ACK and leads
// (TestTimedFollowersLag); no delay bound makes a node notice a crash
// sooner than its next check. A timed run does not list that property,
// and the untimed variant keeps it: the oracle, which lets the ACK
// timeout expire only for a node that is down, is the instant failure
// notification it needs. Timed, "stable means elected" reads stable as:
// nothing in flight, no restart pending, every live node NORMAL and
// following a live node (checks go on forever, so timers never run out).
// The other properties hold timed, with two crashes too
// (TestTimedTwoCrashes).
//
// # Properties
//
// A node in the NORMAL state follows its leader; a node in an election
// (PROBING, AWAITING, COORDINATING, HALTED) follows nobody, and a crashed
// node counts for nothing. Then, with reliable timeouts:
//
//   - "at most one leader": no two live nodes lead at once.
//   - "leader agreement": no two live NORMAL nodes follow different
//     leaders at once (Garcia-Molina's first assertion). It cannot be
//     stated over every node: during an election the halted nodes, the
//     coordinator and the old leader's followers hold different views, and
//     only the NORMAL ones are compared. Untimed, it holds for one crash
//     (the defaults) at N=3 and N=4; with two crashes it fails (see
//     TestTwoCrashesBreakAgreement): a node ACKs a coordinator, crashes,
//     recovers and follows a lower node that coordinated while the higher
//     one was down, and the higher one counts the ACK of the dead
//     incarnation and leads too, while the other's follower is still
//     NORMAL. The higher one's Enter-Election must then be in flight for
//     longer than a whole crash and recovery of another node, which bounded
//     delays forbid and the oracles do not capture. "at most one leader"
//     and the others still hold there, and timed too. Timed runs do not
//     list this property (see Timing).
//   - "stable means elected": once stable (nothing in flight, no timeout
//     that may expire, no restart pending), exactly one live node leads, it
//     is the highest live id, and every live node follows it (or every node
//     is down).
//   - "every live node learns the leader": a liveness property (P ~> Q)
//     under the actor layer's weak fairness: whenever the election is not
//     settled, it is settled later.
//   - "a lower node takes over": some reachable state has a settled
//     election led by a node other than p{N-1} (a witness that crashes lead
//     to new elections).
//
// The shared election properties are in package invariants (Election).
// Every node is compared by its id, so there is no symmetry.
package bully
