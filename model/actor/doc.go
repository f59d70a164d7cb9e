// Package actor turns a set of message-passing processes into a
// model.Model. A spec author writes only per-process handlers, pure
// functions from (state, input) to (new state, output): Start, Receive (a
// message arrives) and Timeout (a timer fires), plus, for crash-recovery,
// Stable (what survives a crash: the process's log) and Recover (what a
// restarted process does with it). Output goes to a Ctx: messages to send,
// timers to set or cancel, client-visible history events, and
// nondeterministic choices. This is etcd raft's pure Step and stateright's
// actor model, with faults made explicit, bounded and visible.
//
// # Steps
//
// A System's steps are labelled by an Action and appear in every trace:
//
//	deliver p0->p1 Prepare      a message is received (the handler runs)
//	timeout p1 retry            a set timer fires (no wall clock: any time)
//	drop p0->p1 Prepare         fault: a message is lost
//	dup p0->p1 Prepare          fault: a message is duplicated
//	crash p2                    fault: p2 stops, keeping only Stable(state)
//	restart p2                  p2 runs Recover on its stable state
//	partition {p0} | {p1,p2}    fault: messages across the sides are held
//	heal                        the partition ends
//
// In an untimed run (see Time) a set timer may fire at any moment, which
// checks premature timeouts too; with Config.SlowTimers a timer waits until
// no message to its process can be delivered (timeouts longer than any
// message delay), a smaller space.
// A handler that retries on a timer should use Ctx.Resend, which does not
// put a second copy of a message in flight, so retry loops stay finite.
//
// Faults are bounded per run by Faults (parsed from the CLI's
// "drop=1,crash=1" with ParseFaults); each fault taken is counted in the
// state, so no run exceeds its budget. Messages to a crashed process are
// consumed without effect (the label ends "(lost: p2 down)"): a crash loses
// what arrives while the process is down, not only its volatile state.
//
// # Time
//
// A run is untimed unless Config.Time is set: then it has discrete time,
// chosen per run, for guarantees that rest on bounded delays (leases,
// timeouts as failure detectors). Steps take no time; a global step
//
//	tick                        time advances by one tick
//
// separates instants 0, 1, 2, ... Between two ticks any number of steps
// happen, at the same instant. A timer set with Ctx.SetTimerAfter(t, d) at
// instant k fires at some instant >= k+d; with Ctx.SetDeadline(t, d), at
// instant k+d exactly (its firing is urgent: no tick while it is due and
// its process is up); SetTimer is SetTimerAfter(t, 0). A message sent at
// instant k is delivered, dropped or lost at instant <= k+MaxDelay (no
// tick while a message is at its bound, unless a partition holds it). A
// crashed process restarts at instant >= its crash's + MinDowntime. A
// duplicating network is refused (it would keep messages past any bound).
// Traces show the ticks, the instant ("time") and every pending deadline:
// "timers=retry(in 2),lease(deadline now)", "net=[p0->p1 Req (due in 1)]".
//
// The state space stays finite and the check is exact, for two reasons.
// (1) Clock abstraction: a state holds the remaining time of each pending
// bound (0..the bound), never the instant or the ages; an expired timer's
// remaining time stays 0. Every condition a step depends on reads only
// remaining times, and a tick lowers them all alike, so two states with
// equal keys have the same futures: the finite graph is bisimilar to the
// infinite one that counts time, as clock values above the largest
// constant form one region in Alur and Dill's timed automata (TCS 126,
// 1994). State.Ticks, the instant, is kept for traces only, out of the key.
// (2) Digitization: every bound is closed (>= d, <= d ticks, integers), and
// for such bounds each dense-time behaviour has an integer-time twin with
// the same sequence of steps (Henzinger, Manna and Pnueli, "What good are
// digital clocks?", ICALP 1992; the basis of DTSpin, Bošnački and Dams
// 1998). No property reads time, so a property holds with real-valued
// delays iff it holds with ticks. Time costs states: each pending bound
// multiplies them by up to its length.
//
// Liveness under time. The tick is weakly fair (class "tick"), so time
// cannot stop while it may pass: a Zeno behaviour, infinitely many steps
// at one instant with the tick enabled all along, is not fair. An expired
// timer stays enabled across ticks (its class "timeout p1 retry" is
// enabled at every state until it fires), so a behaviour in which time
// passes forever while a timer of a live process has expired is not fair
// either: weak fairness of the timer forces it to fire. What weak fairness
// cannot exclude is a cycle that disables the tick again and again
// (urgent steps or messages at their bound at every instant, as in a
// ping-pong with MaxDelay 0): keep zero-time cycles out of timed models.
// A tick that would change nothing (no pending bound) is offered only
// beside other steps: in a state where nothing else can happen the run
// ends, so such a state is terminal and Config.Final still finds
// deadlocks; beside a fault that may or may not happen, time may pass
// forever (the tick loops on the state).
//
// # Networks
//
// The network semantics are chosen per run (ParseNetwork): Unordered (a
// multiset; any message next), FIFO (per channel, oldest first) or
// Duplicating (a set; delivery never removes a message). Loss is never
// implicit: it is the budgeted drop step. In flight messages are kept in
// canonical order (by channel, then by message key, or by send order for
// FIFO) by every step, so the state key is a plain loop with no sorting
// and the same multiset of messages gives the same key whatever the order
// of sending. An envelope is just the channel and the message, as small
// as the message.
//
// States share memory: a System caches the process vectors and networks
// its steps build, with their parts of the key, so that equal ones are one
// slice, most steps allocate nothing and a state's key is a copy of cached
// bytes (see intern.go; a System whose vectors rarely repeat stops caching,
// see plain.go). That is safe because states are values: never change a
// state's slices in place (copy one first), as Next never does.
//
// # Fairness, final states and symmetry
//
// A System implements model.Fair: delivery of each message, each timer of a
// live process, each restart and heal (and in a timed run the tick) are
// weakly fair; drop, dup, crash and partition are not. A process with Actor.NoRestart is crash-stop: its
// crash is forever. Config.Final declares intended end states
// (model.Finaler). Config.Symmetry declares interchangeable ids; Canonical
// (model.Symmetric) then returns a complete canonical representative. It
// permutes ids in processes, messages, the partition and history clients,
// but not inside history operations.
//
// # Example
//
// A pinger that sends Ping and a ponger that answers Pong:
//
//	type msg struct{ pong bool }
//
//	func (m msg) AppendKey(dst []byte) []byte { return model.AppendBool(dst, m.pong) }
//	func (m msg) String() string               { if m.pong { return "Pong" }; return "Ping" }
//
//	type proc struct{ got int }
//
//	func (p proc) AppendKey(dst []byte) []byte { return model.AppendInt(dst, p.got) }
//
//	sys, err := actor.New(actor.Config[proc, msg]{
//		Actors: []actor.Actor[proc, msg]{
//			{Name: "pinger",
//				Start:   func(c *actor.Ctx[msg]) proc { c.Send(1, msg{}); return proc{} },
//				Receive: func(c *actor.Ctx[msg], s proc, from actor.ID, m msg) proc { s.got++; return s }},
//			{Name: "ponger",
//				Start:   func(c *actor.Ctx[msg]) proc { return proc{} },
//				Receive: func(c *actor.Ctx[msg], s proc, from actor.ID, m msg) proc {
//					c.Send(from, msg{pong: true}); s.got++; return s }},
//		},
//		Network: actor.Unordered,
//		Faults:  actor.Faults{Drop: 1},
//		Properties: []model.Property[actor.State[proc, msg]]{
//			model.Sometimes("pong received", func(s actor.State[proc, msg]) bool { return s.Local(0).got == 1 }),
//		},
//	})
//	res, err := explore.BFS(sys, explore.Options{})
//
// A System is a model.Model[actor.State[P, M], actor.Action[M]].
package actor
