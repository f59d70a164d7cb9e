// Package tree is leader election in a tree topology, as the text lists it
// under "Leader Election (cont)", "Tree topology" (Chow and Johnson,
// Distributed Operating Systems and Algorithms, chapter 4): "Distributed
// MST formation, Gallager, Humblet & Spira (Sollin's method in parallel)",
// "Leader election: last node to yield and merge", and "Timestamp
// protocol in tree". Parameter "algorithm" chooses between the two.
//
// # GHS (algorithm=ghs)
//
// R. G. Gallager, P. A. Humblet and P. M. Spira, "A distributed algorithm
// for minimum-weight spanning trees", ACM TOPLAS 5(1):66-77, 1983, as the
// paper's Appendix gives it, response by response (ghs.go numbers them):
// fragments with a name (the weight of their core edge) and a level;
// Connect(L), Initiate(L,F,S), Test(L,F), Accept, Reject, Report(w) and
// Change-root; node states Sleeping, Find, Found; edge states Basic,
// Branch, Rejected. Every edge weight is distinct, which the algorithm
// assumes (New rejects a graph with equal weights).
//
// The leader is the text's "last node to yield and merge": when both
// halves of the final fragment report ∞ over the core edge, both of its
// ends halt (the paper's "halt"), and each knows the other; the end with
// the larger id is the leader. Each end then sends Elected(leader) over
// its Branch edges away from the core, and every node forwards it down the
// tree: N-2 messages more than GHS.
//
// The paper's delays ("place the received message on the end of the
// queue": a Connect over a Basic edge from a level not below the node's, a
// Test from a higher level, a Report over the core edge while the node
// still searches) are modelled in one of two ways (parameter "queue"):
//
//   - input (default): the paper's input queue exactly. A delivery puts the
//     message on the end of the receiver's queue; a step of its own (timer
//     "process", weakly fair) takes the head and handles it, or puts it on
//     the end again when it must wait. Every interleaving of arrivals and
//     processing is explored. (A lone message that must wait is not
//     re-examined until the node's state or queue changes: that step
//     would change nothing.)
//   - deferred: a message is handled when delivered, or kept on a queue of
//     deferred messages, which the node goes through again (oldest first,
//     until none is acceptable) at the end of every step. This is the
//     schedule of the paper's queue in which every message is processed as
//     soon as it arrives, a subset of the paper's runs in a space 4 to 20
//     times smaller on the graphs below.
//
// NB: the queue's order matters. A model that handles an acceptable
// deferred message at any later time, after messages that arrived later,
// deadlocks on the square: a node handles the Initiate answering its own
// Connect before the deferred Connect of the other side, takes that
// Connect for an absorption, and waits for a Report that never comes. The
// paper's queue forbids it (the deferred Connect is ahead of the Initiate),
// and so do both models here.
//
// # Saturation (algorithm=saturation)
//
// The "timestamp protocol in tree" is modelled as the saturation election
// (N. Santoro, Design and Analysis of Distributed Algorithms, Wiley, 2007,
// "Saturation: a basic technique" and "Election in trees"), each node's
// timestamp being its id, on the minimum spanning tree of the chosen graph
// (Kruskal's). A node that wakes up floods Wakeup; a leaf sends Inward(its
// id) to its neighbour; a node that heard Inward from all neighbours but
// one sends Inward(largest id seen) to that one, its parent. Exactly two
// neighbours receive Inward from their parent: they are saturated, both
// know the largest id, which is the leader, and each sends Elected into
// its side of the tree.
//
// # Graphs
//
// Parameter "graph" (weights in brackets; the minimum spanning trees, by
// hand and by Kruskal in the tests, in braces):
//
//	triangle  p0-p1[1] p1-p2[2] p0-p2[3]                                   {1,2}
//	square    p0-p1[1] p2-p3[2] p0-p2[3] p1-p2[4] p3-p0[5]                 {1,2,3}
//	five      p0-p1[1] p3-p4[2] p0-p3[3] p1-p4[4] p0-p2[5] p2-p3[6] p2-p4[7] {1,2,3,5}
//	six       p0-p1[1] p2-p3[2] p4-p5[3] p3-p4[4] p2-p5[5] p1-p2[6]
//	          p0-p3[7] p1-p4[8] p5-p0[9]                                   {1,2,3,4,6}
//	cube      the 3-cube: p0-p1[1] p2-p3[2] p4-p5[3] p6-p7[4] p0-p2[5]
//	          p1-p3[6] p1-p5[7] p4-p6[8] p5-p7[9] p0-p4[10] p2-p6[11]
//	          p3-p7[12]                                                    {1,2,3,4,5,7,8}
//
// The square is a 4-cycle with the diagonal p0-p2. In GHS the triangle
// merges once (core 1, leader p1); the square merges two level-1 fragments
// over the diagonal (core 3, leader p2); five, six and the cube have
// edges outside the tree lighter than edges in it, and the cube reaches
// level 3. For the saturation election the trees of the triangle and the
// square are paths, those of five, six and the cube are not.
//
// Every node may wake up by itself at any moment (a weakly fair timer
// "wake"), unless a message wakes it first; with wake=one only p0 does.
//
// # Abstracted away and assumed
//
// The network is FIFO per channel (both algorithms assume it; it is the
// only network offered) and reliable: no faults. Nodes do not crash.
// Processing takes no time. No symmetry reduction applies (weights and
// ids tell the nodes apart), and the engine has no partial-order
// reduction yet.
//
// # Properties
//
// Both algorithms: "at most one leader" and "leader agreement" (the shared
// properties of package invariants), "every node learns the leader"
// (liveness under weak fairness of deliveries and timers: on every fair
// run every node comes to know the same leader; with the deadlock check,
// since final states are those where every node knows the leader and no
// message is queued, every run terminates) and "elected" (sometimes).
//
// GHS: "branches in mst" (always: every edge marked Branch at either end
// is in the tree Kruskal's algorithm computes on the same graph), "tree is
// the mst" (always: once every node knows the leader, the edges marked
// Branch, at both ends, are exactly Kruskal's tree), "leader ends the
// core" (always: a node that knows a leader knows the larger end of the
// core edge its fragment is named after) and "a test meets a lower level"
// (sometimes: the case the paper delays arises). Saturation: "leader is
// highest" (always: a known leader is the largest id, invariants) and "two
// saturated neighbours" (always: at most two nodes saturate, and two are
// neighbours). Measures: "messages" (sent so far, counted in each node)
// and "units" (1 once every node knows the leader).
//
// VariantAnswerTestEarly breaks GHS: a Test from a higher level is
// answered at once. A node that is being absorbed, not yet knowing its new
// fragment's name, accepts a Test from that fragment, which then connects
// over an edge inside it: "branches in mst" fails, the run deadlocks and
// on the triangle no run elects.
//
// # Sizes
//
// Distinct states (BFS and DFS agree; wake=all, then wake=one) and the
// time of a full check with liveness on 2 shared cores:
//
//	ghs, queue=input        triangle 266 / 197, square 5,228 / 4,212,
//	                        five 45,690 / 17,363 (0.3 s),
//	                        six 306,688 / 184,677 (2 s); cube: not
//	                        exhaustive (7.5 million states, depth 55 of
//	                        about 250, after 90 s)
//	ghs, queue=deferred     triangle 70 / 49, square 658 / 497, five 3,834 /
//	                        1,326, six 16,194 / 9,585, cube 291,678 / 60,180 (3 s)
//	saturation              triangle 213 / 17, square 1,563 / 39, five
//	                        12,274 / 98, six 58,660 / 96, cube 1,943,510
//	                        (20 s) / 217
//
// Beyond that, seeded random walks (explore.Random) run GHS on the cube
// in the tests: every walk reaches a final state in at most about 250
// steps, and the broken variant fails there too.
package tree
