// Package raymond is Raymond's tree-based mutual exclusion: the nodes form
// a tree; requests travel along tree edges toward the node holding the
// token, and the token travels back toward the oldest request. It follows
// the text's section "Distributed Mutual Exclusion", "Control
// (Token)-based DME", tree structure ("Send requests toward root (current
// token holder); maintain distributed queue with self, neighbors on it;
// send token toward first request in queue when done"; Chow and Johnson,
// Distributed Operating Systems and Algorithms, 1997, chapter 4), and
// Kerry Raymond, "A tree-based algorithm for distributed mutual
// exclusion", ACM Transactions on Computer Systems 7(1):61-77, 1989.
//
// # The algorithm
//
// Each node keeps the paper's variables: HOLDER (itself, or the neighbour
// toward the token), USING (in its critical section), ASKED (it has sent a
// REQUEST to HOLDER that the token has not yet answered) and REQUEST_Q (a
// FIFO queue of itself and the neighbours that asked). Each event (the
// node wants its critical section, leaves it, receives a REQUEST, receives
// the PRIVILEGE) updates the variables and then runs ASSIGN_PRIVILEGE (a
// holder not using the token gives it to the head of its queue, which may
// be itself: it enters) and MAKE_REQUEST (a node without the token, with a
// non-empty queue, asks its HOLDER once). Messages go only between tree
// neighbours.
//
// # The model
//
// The tree is a parameter (Config.Shape): a line, a star, or a balanced
// binary tree in heap order; p0 is the root and starts with the token,
// every other node's HOLDER is its parent. Each node asks Config.Requests
// times: a "want" timer (set at the start and after each exit while
// requests remain) fires at any moment, an "exit" timer ends the critical
// section; weak fairness of timers and delivery makes both happen. The
// network is unordered by default (the paper assumes reliable delivery,
// not order); FIFO is accepted. Final states are those in which every
// node has completed its requests; any other dead end is a deadlock.
// "messages" counts every REQUEST and PRIVILEGE sent (Proc.Sent), "units"
// the completed entries. No symmetry is declared: the tree and the token's
// starting place distinguish the nodes.
//
// Raymond's bound is O(log N) messages per entry on a balanced tree (a
// request and the token each travel at most the tree's diameter); the
// tests report the measured minimum, mean and maximum per entry and check
// the hand count of the fewest messages a run can take.
//
// # Properties
//
// The shared DME properties of package invariants: "mutual exclusion",
// "every request granted" (liveness under weak fairness), and "p<i> enters
// its critical section" for each node. Loss (-faults drop=1) makes
// "every request granted" fail; a duplicated PRIVILEGE (dup) is a second
// token, and "mutual exclusion" fails.
package raymond
