// Package suzukikasami is the Suzuki-Kasami broadcast algorithm for
// distributed mutual exclusion: a process without the token broadcasts a
// numbered REQUEST; the token (PRIVILEGE) carries LN, the number of each
// process's last granted request, and Q, the queue of processes waiting.
// It follows the text's section "Distributed Mutual Exclusion", "Control
// (Token)-based DME (cont)", broadcast structure (Chow and Johnson,
// Distributed Operating Systems and Algorithms, 1997, chapter 4: the text
// calls LN the token vector T and RN the vector S_i), and Ichiro Suzuki
// and Tadao Kasami, "A distributed mutual exclusion algorithm", ACM
// Transactions on Computer Systems 3(4):344-349, 1985.
//
// # The algorithm
//
// Process i keeps RN_i[j], the largest request number of process j it has
// seen. To enter its critical section it enters at once if it holds the
// token (no message); otherwise it increments RN_i[i] and broadcasts
// REQUEST(i, RN_i[i]), then waits for the token. On REQUEST(j, n) it sets
// RN_i[j] := max(RN_i[j], n), and if it holds the token idle and the
// request is outstanding (RN_i[j] = LN[j]+1) it sends the token to j. On
// leaving its critical section it sets LN[i] := RN_i[i], appends to Q every
// process j not in Q with RN_i[j] = LN[j]+1 (in the order i+1, ..., N-1,
// 0, ..., i-1), and sends the token to the head of Q, if any; otherwise it
// keeps the token idle.
//
// An entry costs N messages (N-1 REQUESTs and the token) or none, when the
// process held the token already: the figure of the paper, checked exactly
// in every final state of the tests.
//
// # The model
//
// p0 starts with the token (LN all 0, Q empty). Each process asks
// Config.Requests times: a "want" timer (set at the start and after each
// exit while requests remain) fires at any moment, an "exit" timer ends
// the critical section; weak fairness of timers and delivery makes both
// happen. The network is unordered by default (the paper assumes no
// order), FIFO accepted. Final states are those in which every process
// has completed its requests; any other dead end is a deadlock. "messages"
// counts every REQUEST and PRIVILEGE sent (Proc.Sent), "units" the
// completed entries; Proc.Free (a ghost) counts the entries made with the
// token already held, so the tests can check the N-or-0 figure per run.
// No symmetry is declared: p0 starts with the token and Q's order follows
// the ids.
//
// # The broken variant
//
// VariantIgnoreSeq drops the comparison with LN when an idle holder
// receives a REQUEST: any REQUEST is taken as new. Over an unordered
// network a REQUEST can arrive after its sender has been served by
// another path (the token reached it through Q): with N = 3 and one
// request each, p2 broadcasts REQUEST(2,1), gets the token from p0, and
// passes it to p1 on leaving; p1 leaves and holds the token idle; the
// late copy REQUEST(2,1) to p1 then arrives and p1 sends the token to p2,
// which no longer wants it ("token only to a requester" fails). p2 keeps
// it idle (the paper has no rule for an unasked token) while p0's request,
// which reached p2 before the token did, is never answered ("every request
// granted" fails, and the engines report a deadlock). The original is safe
// at the same point: p1 has RN[2] = 1 and the token's LN[2] = 1, so the
// request is not outstanding and is ignored; sequence numbers are exactly
// what tells an outdated request from a new one.
//
// # Properties
//
// The shared DME properties of package invariants: "mutual exclusion",
// "every request granted" (liveness under weak fairness), "p<i> enters its
// critical section" for each process; and "token only to a requester":
// every PRIVILEGE in flight goes to a process waiting for it.
package suzukikasami
