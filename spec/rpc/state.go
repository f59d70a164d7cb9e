package rpc

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Semantics is the call semantics under server crashes, as the text lists
// them.
type Semantics uint8

const (
	// AtMostOnce: the server deduplicates by xid with a reply cache and
	// raises an exception for a call bound to an older incarnation; the
	// client retransmits a bounded number of times, then gives up.
	AtMostOnce Semantics = iota
	// AtLeastOnce: the server executes every request it receives; after a
	// server crash the client rebinds and retries.
	AtLeastOnce
	// Maybe: the client sends once and never retries; the server raises no
	// exception.
	Maybe
)

var semanticsNames = [...]string{"at-most-once", "at-least-once", "maybe"}

// String returns the semantics' name.
func (s Semantics) String() string { return semanticsNames[s] }

// An OrphanRule says who kills the computations a crashed client left
// running at the server (its orphans).
type OrphanRule uint8

const (
	// Extermination: the rebooted client tells the server to kill the
	// computations of its old epoch, and makes no call before the server
	// confirms.
	Extermination OrphanRule = iota
	// ServerKill: the rebooted client announces its new epoch; the server
	// kills the older epoch's computations as soon as it hears of a newer
	// one (from the announcement or any request).
	ServerKill
	// NoKill: nobody kills orphans (a deliberately broken variant).
	NoKill
	// Expiration: the server kills a client's computations when the
	// client's lease expires (Config.Lease ticks after its last request),
	// and the rebooted client waits the lease out (Config.Wait) before it
	// calls again. It needs time (Config.Delay > 0).
	Expiration
)

var orphanNames = [...]string{"extermination", "server", "none", "expiration"}

// String returns the rule's name.
func (r OrphanRule) String() string { return orphanNames[r] }

// Process ids: the binder, the server, then the clients.
const (
	Binder      actor.ID = 0
	Server      actor.ID = 1
	FirstClient actor.ID = 2
)

// Timers.
const (
	retryTimer actor.Timer = iota // client: retransmit or give up; after a reboot (expiration): end the wait
	workTimer                     // server: finish the oldest running computation
	moveTimer                     // server: move to another port (Config.Moved)
	leaseTimer                    // server, expiration: the lease of the first client expires (then the second's)
)

// timerNames names the timers; the leases by their client.
var timerNames = []string{retryTimer: "retry", workTimer: "work", moveTimer: "move", leaseTimer: "lease-p2", leaseTimer + 1: "lease-p3"}

// lease returns the server's lease timer of client c.
func lease(c actor.ID) actor.Timer { return leaseTimer + actor.Timer(c-FirstClient) }

// WaitOutLease (Config.Wait) makes a rebooted client wait Lease+Delay+1
// ticks, the least that is safe: the lease may have been renewed by a
// request still in flight at the crash (up to Delay ticks later), and a
// client that called at the very instant the lease expires could call
// before the server kills its orphan (steps at one instant interleave).
const WaitOutLease = -1

// A Config is one configuration of the model.
type Config struct {
	Clients   int        // client processes, 1..2
	Ops       int        // calls per client, 1..2: client c's j-th call is inc when c+j is even, read otherwise
	Retries   int        // retransmissions per call (and per lookup or kill) before the client gives up; Maybe never retransmits
	Semantics Semantics  // call semantics
	Orphans   OrphanRule // who kills orphans
	// Moved: the server moves once from port 1 to port 2 and re-registers
	// with the binder; a request to the old port is rejected.
	Moved bool
	// SilentStale (a deliberately broken variant, with Moved): a request to
	// the old port is silently discarded instead of rejected.
	SilentStale bool
	Network     actor.Network // delivery semantics
	Faults      actor.Faults  // fault budgets
	// Delay, when positive, makes the run timed (actor.TimeConfig): every
	// message arrives within Delay ticks, a client retransmits 2*Delay+1
	// ticks after sending. 0 is untimed: timers fire at any moment.
	Delay int
	// Lease is the server's lease per client in ticks (expiration): the
	// client's computations are killed Lease ticks after its last request.
	Lease int
	// Wait is how many ticks a rebooted client waits before calling again
	// (expiration): WaitOutLease for Lease+Delay+1, 0 for not at all (the
	// broken variant), or any other count (the tests' findings).
	Wait int
}

// wait returns the ticks a rebooted client waits (see Config.Wait).
func (cfg Config) wait() int {
	if cfg.Wait == WaitOutLease {
		return cfg.Lease + cfg.Delay + 1
	}
	return cfg.Wait
}

// retryAfter returns the ticks a client waits for an answer before it
// retransmits: a round trip and one more tick, so that an answer sent at
// once always wins (the server's computation may still take longer).
func (cfg Config) retryAfter() int { return 2*cfg.Delay + 1 }

// A Phase is where a client is in its program.
type Phase uint8

// The client phases.
const (
	Idle    Phase = iota // between calls (only transiently)
	Looking              // waiting for the binder's answer
	Calling              // waiting for the server's answer
	Killing              // rebooted: waiting for the server to confirm its orphans are dead
	Done                 // all calls made
	Waiting              // rebooted: waiting out the lease of its orphans (expiration)
)

var phaseNames = [...]string{"idle", "looking", "calling", "killing", "done", "waiting"}

// String returns the phase's name.
func (p Phase) String() string { return phaseNames[p] }

// A Comp is a computation running at the server on behalf of a client.
type Comp struct {
	Client actor.ID
	Xid    Xid
	Op     OpKind
}

// An Exec counts the executions of one call at the server (a ghost
// variable for the properties: it survives crashes).
type Exec struct {
	Client actor.ID
	Xid    Xid
	N      uint8
}

// A Cached is a reply in the server's reply cache.
type Cached struct {
	Client actor.ID
	Xid    Xid
	Val    int8
}

// A Proc is the local state of any process; each role uses its own fields.
// Slices are copied before they are changed (copy-on-write).
type Proc struct {
	// Binder and client: the server's binding (client: its current one).
	Bound bool  // client: holds a binding
	Port  uint8 // binder, client: the server's port; server: the port it listens on
	Inc   uint8 // binder, client: the server's incarnation; server: its incarnation (stable)
	Ver   uint8 // binder, server: the registration version (stable at the server)

	// Client.
	Epoch  uint8 // incarnation of the client (stable)
	Next   uint8 // index of the current (or next) call in the program (stable)
	InCall bool  // a call is in progress (stable: the client's log of outstanding calls)
	Phase  Phase // where the client is
	Tries  uint8 // retransmissions of the current lookup, request or kill

	// Server.
	Counter int8     // the service's state (stable: the database)
	Running []Comp   // computations in progress, oldest first (volatile)
	Cache   []Cached // reply cache, sorted (volatile)
	Known   []uint8  // per client (index c-FirstClient): the newest epoch heard of (stable)
	Execs   []Exec   // ghost: executions per call, sorted (stable)
	// Ghost flags for the properties (stable). They are flags, not counts,
	// so that a duplicating network, which redelivers a message without
	// end, keeps the state space finite.
	Killed    bool // an orphan was killed
	Discarded bool // a request to a stale port was discarded without answer
	Resent    bool // a reply was resent from the cache
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = model.AppendBool(dst, p.Bound)
	dst = append(dst, p.Port, p.Inc, p.Ver, p.Epoch, p.Next, byte(p.Phase), p.Tries, byte(p.Counter))
	dst = model.AppendBool(dst, p.InCall)
	dst = model.AppendUint(dst, uint64(len(p.Running)))
	for _, c := range p.Running {
		dst = append(dst, byte(c.Client), c.Xid.Epoch, c.Xid.Seq, byte(c.Op))
	}
	dst = model.AppendUint(dst, uint64(len(p.Cache)))
	for _, c := range p.Cache {
		dst = append(dst, byte(c.Client), c.Xid.Epoch, c.Xid.Seq, byte(c.Val))
	}
	dst = model.AppendBytes(dst, p.Known)
	dst = model.AppendUint(dst, uint64(len(p.Execs)))
	for _, e := range p.Execs {
		dst = append(dst, byte(e.Client), e.Xid.Epoch, e.Xid.Seq, e.N)
	}
	dst = model.AppendBool(dst, p.Killed)
	dst = model.AppendBool(dst, p.Discarded)
	return model.AppendBool(dst, p.Resent)
}

// String formats the fields a role uses: a client's phase, the xid of
// its current call, its binding and retransmissions ("calling e0#1
// bound=port1/incarnation0 tries=1"); the binder's registration ("port=1
// incarnation=0 version=0"); the server's registration, counter, running
// computations, reply cache, the newest epoch heard of per client
// ("known=[p2:e0]") and the executions per call ("execs=[p2:e0#0=2]"),
// then the ghost flags that are set.
func (p Proc) String() string {
	var b strings.Builder
	if p.Phase != Idle || p.InCall || p.Epoch != 0 || p.Next != 0 {
		fmt.Fprintf(&b, "%v e%d#%d", p.Phase, p.Epoch, p.Next)
		if p.Bound {
			fmt.Fprintf(&b, " bound=port%d/incarnation%d", p.Port, p.Inc)
		}
		if p.Tries > 0 {
			fmt.Fprintf(&b, " tries=%d", p.Tries)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "port=%d incarnation=%d version=%d", p.Port, p.Inc, p.Ver)
	if p.Known != nil {
		fmt.Fprintf(&b, " counter=%d running=%v cache=%v known=%s execs=%v", p.Counter, p.Running, p.Cache, knownString(p.Known), p.Execs)
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{p.Killed, "killed"}, {p.Discarded, "discarded"}, {p.Resent, "resent"}} {
		if f.on {
			b.WriteString(" " + f.name)
		}
	}
	return b.String()
}

// knownString formats the server's newest epoch per client with the
// client's id, "[p2:e0 p3:e1]", rather than as a bare list of epochs
// indexed by client number.
func knownString(known []uint8) string {
	parts := make([]string, len(known))
	for i, e := range known {
		parts[i] = fmt.Sprintf("%v:e%d", FirstClient+actor.ID(i), e)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// String formats the computation as "p2:e0#0 inc".
func (c Comp) String() string { return fmt.Sprintf("%v:%v %v", c.Client, c.Xid, c.Op) }

// String formats the count as "p2:e0#0=1": call e0#0 of p2 ran once.
func (e Exec) String() string { return fmt.Sprintf("%v:%v=%d", e.Client, e.Xid, e.N) }

// String formats the entry as "p2:e0#0=1": the cached result of the call.
func (c Cached) String() string { return fmt.Sprintf("%v:%v=%d", c.Client, c.Xid, c.Val) }

// State is a global state of the model.
type State = actor.State[Proc, Msg]

// ClientNames returns the names of the clients of s ("p2(client)") in the
// order History numbers them (Op.Client), for invariants.PageInfo.Clients.
func ClientNames(s State) []string { return s.ProcNames()[FirstClient:] }
