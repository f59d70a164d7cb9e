// Package tokenring is token-ring mutual exclusion: a token passed around
// a logical ring p0 -> p1 -> ... -> p(N-1) -> p0; a process that wants its
// critical section waits for the token, keeps it while inside, and passes
// it on when it leaves; a process that does not want it passes it on at
// once. It follows the text's section "Distributed Mutual Exclusion",
// "Control (Token)-based DME", ring structure ("Pass DME token around
// logical ring; must wait for DME token to enter CS"; Chow and Johnson,
// Distributed Operating Systems and Algorithms, 1997, chapter 4), and the
// ring of Le Lann, "Distributed systems: towards a formal approach",
// Information Processing 77 (IFIP Congress), 1977.
//
// # The model
//
// Each process asks for its critical section Config.Requests times: a
// "want" timer (set at the start and after each exit while requests
// remain) fires at any moment and makes it wait; the token's arrival lets
// it in, and an "exit" timer lets it out. No wall clock: weak fairness of
// timers and delivery makes every request eventually fire and the token
// eventually arrive. p0 makes the token at the start and passes it on.
//
// Two fields of the token are the model's, not the algorithm's:
//
//   - Termination. A real token circulates forever. Here the token counts
//     (Msg.Fin) the consecutive holders, ending with its sender, that had
//     finished all their requests; a finished process receiving it with
//     Fin = N-1 keeps it, since every process is then done (being done is
//     stable). So runs end, "final" means every process has completed its
//     requests, and any other dead end is a deadlock. Idle circulation
//     before that (nobody waiting) is a cycle of the state graph, which
//     liveness handles: fairness forces a pending request to fire.
//   - Measure. "messages" counts, for each entry, the token passes from
//     the previous user (p0 at the start) to the entering process, modulo
//     N (Msg.Hops): the ring distance, 0..N-1, the text's delay and the
//     issue's figure "0 to N-1 per entry". Full idle circulations and the
//     termination round are not counted: in a real ring their number is
//     unbounded and depends only on how long nobody asks, so a finite
//     model cannot count them. "units" counts completed entries.
//
// Faults: with -faults drop=1 the token can be lost and nobody enters
// again; the variant "lossy" has that default, and "every request
// granted" fails (a terminal state in which processes wait forever: also a
// deadlock). With dup=1 a second token appears and mutual exclusion fails.
// The network changes nothing: there is never more than one message.
//
// No symmetry is declared: rotating the ring maps runs to runs only if the
// token's starting place rotates too, and p0 makes it.
//
// # Properties
//
// The shared DME properties of package invariants: "mutual exclusion",
// "every request granted" (liveness under weak fairness), and "p<i> enters
// its critical section" for each process (reachability witnesses).
package tokenring
