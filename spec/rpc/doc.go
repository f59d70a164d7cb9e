// Package rpc models remote procedure calls over a lossy, duplicating
// network: binding through a name service, request ids, retransmission, a
// reply cache, the three call semantics under server crashes, and the
// orphans a crashed client leaves behind.
//
// # Source
//
// A. D. Birrell and B. J. Nelson, "Implementing Remote Procedure Calls",
// ACM TOCS 2(1), 1984 (binding through a database of exported interfaces;
// call ids and retransmission; "exactly once if the call returns, else an
// exception"; server incarnations), and the chapter's "RPC exception and
// failure" list (shared/seed, "Request/reply communication"):
//
//   - link failure: retransmission, sequence number and idempotent requests,
//     use of transaction id xid;
//   - server crash: at least once (server raises an exception and client
//     retries), at most once (server raises an exception and client gives
//     up), maybe (server raises no exception);
//   - client crash: orphan killed by client, by server, by expiration.
//
// # The model
//
// Processes: p0 the binder (the name/port service; never crashes), p1 the
// server, p2 (and p3) the clients. The service is a counter with a
// non-idempotent inc (returns the new value) and a read; client c's j-th
// call is inc when c+j is even.
//
// A client asks the binder for the server's port and incarnation, then
// sends Request(xid) to that port and sets its retry timer. The xid is the
// client's epoch (bumped at every reboot) and the call's index. The server
// starts a computation per request and finishes it later (the "work"
// timer): the counter is incremented and the Reply sent then, so a
// computation can outlive its client (an orphan). Semantics:
//
//   - at-most-once: the server keeps a reply cache (volatile) and skips a
//     request whose computation is running; a request bound to an older
//     incarnation gets the Crashed exception, and the client gives up
//     ("server crashed"). After Retries retransmissions the client gives up
//     ("lost"). The cache is lost in a crash, but the incarnation check
//     keeps a retransmission from running the call again.
//   - at-least-once: no cache; every request runs. On Crashed the client
//     rebinds and retries. Running inc twice makes the history
//     non-linearizable: a single inc() can return 2.
//   - maybe: the client sends once and gives up at its timeout; the server
//     keeps the cache but raises no exception. NB: the text's line reads
//     "maybe: server raises no exception and client retries"; we follow the
//     usual definition (no retransmission, e.g. Tanenbaum) and say so here.
//
// Binding: with Moved, the server moves once to port 2 and re-registers.
// A request to the old port is answered by Rejected (what a host does for a
// port nobody listens on), and the client ends the call with a binding
// error, a distinct outcome, and rebinds for its next call. The broken
// variant SilentStale drops such requests silently, so the client only ever
// times out: no clear error.
//
// Orphans: a client crash keeps its epoch, its position in the program and
// whether a call is outstanding (its log). On restart its epoch is bumped
// and the call in progress is abandoned (its history entry stays pending).
// Extermination: the client sends Kill(epoch) and waits for KillAck before
// calling again; the server kills the older epochs' computations and
// ignores their late requests. ServerKill: the client sends Hello(epoch)
// and goes on; the server kills older computations as soon as it hears of
// a newer epoch. NoKill: nobody does (broken). Expiration (timed, below):
// the server kills a client's computations when the client's lease
// expires, and the rebooted client waits the lease out before it calls
// again; orphans-expiration-no-wait (broken) calls at once.
//
// # Time and leases
//
// By default the model is untimed (Config.Delay 0). With Delay d > 0 it
// runs under the actor layer's discrete time (actor.TimeConfig): every
// message arrives within d ticks, a client retransmits 2d+1 ticks after
// sending (a server that answers at once always wins; its computation may
// still take any time, so premature retransmissions remain), and the
// orphans-expiration variants are timed by default (d = 1, -delay).
// Expiration: every request renews its client's lease at the server
// (Config.Lease ticks, a deadline timer "lease-p2"); when it expires the
// server kills that client's computations at that instant. A rebooted
// client that has called before waits Lease+d+1 ticks (Waiting) before its
// next call: a request sent just before the crash may renew the lease up
// to d ticks later, and at the very instant the lease expires the client's
// first call could come before the kill. TestWaitingOutTheLeaseIsTight
// shows that waiting Lease, or Lease+d, ticks fails the orphan property.
//
// # Properties
//
//   - "linearizable": the client-visible history (calls and their
//     outcomes, as the actor layer records them) is linearizable for a
//     counter, checked with porcupine through invariants.Linearizable.
//     Only "ok" outcomes are responses; lost, crashed, binding error and
//     calls cut short by a client crash are pending (they may or may not
//     have run). Checked in every state with verdicts memoized by history
//     (see linCache), which is exact because linearizability is
//     prefix-closed; a violation is reported at the reply that causes it.
//   - "at least once": a call the client saw succeed ran at least once.
//   - "at most once" (at-most-once and maybe): no call ran twice.
//   - "every call executed" (maybe only, fails on purpose): maybe promises
//     no execution; the witnesses "gave up unexecuted" and "gave up
//     although executed" show that the client cannot tell.
//   - "no orphan outlives its kill rule": extermination (and none): a
//     client that is up and not waiting for its KillAck has no computation
//     of an older epoch at the server; expiration: the same for a client
//     that is up and not waiting out the lease; server: no computation is
//     older than the newest epoch the server heard of.
//   - "every call ends" (eventually, under the actor layer's weak fairness)
//     and the engines' deadlock check (final: every client done or down for
//     good): no client waits forever. With "stale port rejected" (no
//     request to a stale port is discarded without an answer) and "binding
//     error reported" (sometimes), a moved server gives a clear error, not
//     a hang. NB: extermination can block: if every Kill of a rebooted
//     client is lost (drop=2, or drop=1 on a duplicating network, where
//     retransmissions of one message coincide), it waits forever, and both
//     checks say so.
//   - witnesses (sometimes): "call succeeded", "reply resent from cache"
//     (at-most-once), "executed twice" (at-least-once), "server crash
//     reported", "orphan killed", the last two listed only when the fault
//     budgets make them reachable.
//
// # Abstractions
//
// Untimed, a timer may fire at any point, so timeouts can be premature (a
// retransmission can overtake a slow request), which is what makes
// at-least-once run inc twice even without faults; timed, computations
// still take any time, so it does too. Retries are bounded
// (Config.Retries counts every retry of one call: lookups,
// retransmissions and at-least-once rebinds), which keeps the model finite;
// at-least-once then gives up too, as "lost". The lease is per client, not
// per computation, and requests renew it, where in B. J. Nelson's scheme
// (Remote Procedure Call, PhD thesis, CMU, 1981; as Tanenbaum, Distributed
// Operating Systems, 1995, tells it) a computation asks its client for
// another quantum: either way a client that is silent for a lease loses
// its computations, which is all the orphan guarantee needs. Ports,
// incarnations and epochs are small counters; marshalling, the stub
// compiler and security are out of scope. The binder's registry
// survives everything (it never crashes), but Register messages can be
// lost, which leaves it stale.
package rpc
