package multicast

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// The reliability levels, weakest first (the text's list).
const (
	// BestEffort: the sender sends one copy to each destination; a
	// receiver takes every copy that arrives.
	BestEffort = "best-effort"
	// Dedup: best effort, and a receiver ignores a message id it has
	// already received (duplicate detection).
	Dedup = "dedup"
	// Recovery: omission detection and recovery per receiver. Copies carry
	// a sequence number per (origin, receiver); a receiver that sees a gap
	// sends a negative acknowledgement (Nack) and the origin retransmits.
	// A loss at the end of a stream shows no gap, so receivers also
	// acknowledge in order (Ack(k): copies 1..k arrived) and the origin
	// retransmits its first unacknowledged copy on a timer.
	Recovery = "recovery"
	// Atomic: recovery, and all-or-none: the sender sends its message to
	// the first of its direct receivers only, and each, on its first copy,
	// forwards it over its own recovered link to the next (a chain): the
	// multicast is one send, which a crash cannot cut, and a message that
	// reached one receiver reaches them all.
	Atomic = "atomic"
)

// The orderings.
const (
	// OrderNone delivers a message as soon as it is received.
	OrderNone = "none"
	// OrderFIFO delivers the messages of each sender in the order sent,
	// by a per (sender, receiver) sequence number, holding back early ones.
	OrderFIFO = "fifo"
	// OrderCausal is the text's vector-timestamp rule: accept m from i if
	// T_i = S_i + 1 and T_k <= S_k for every k != i, delay it if T_i >
	// S_i + 1 or some T_k > S_k, reject it if T_i <= S_i.
	OrderCausal = "causal"
	// OrderTotal is total order per group: one sequencer per group
	// numbers the group's messages and sends them to its members, who
	// deliver each sequencer's stream in its order. No cross-group
	// mechanism: a member of two groups follows two streams.
	OrderTotal = "total"
	// OrderGlobal is the cross-group mechanism: one sequencer for every
	// group, so the members of an intersection (and of both groups of a
	// multi-group message) see one order.
	OrderGlobal = "global"
)

// Reliabilities lists the reliability levels, weakest first.
func Reliabilities() []string { return []string{BestEffort, Dedup, Recovery, Atomic} }

// Orderings lists the orderings.
func Orderings() []string {
	return []string{OrderNone, OrderFIFO, OrderCausal, OrderTotal, OrderGlobal}
}

// A Config is one configuration of the model.
type Config struct {
	Scenario    string        // one of ScenarioNames
	Reliability string        // one of Reliabilities
	Ordering    string        // one of Orderings
	Msgs        int           // multicasts per sender, 1..MaxPerSender
	Faults      actor.Faults  // drop, dup and crash (of senders) budgets
	Network     actor.Network // Unordered or FIFO
}

// MaxPerSender is the largest number of multicasts per sender.
const MaxPerSender = 2

// maxFault bounds each fault budget (deliveries are kept in a fixed array).
const maxFault = 2

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("multicast: invalid configuration")

// Model is the multicast system as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state.
type State = actor.State[Proc, Msg]

// Action is a step.
type Action = actor.Action[Msg]

// The timers.
const (
	timerSend       actor.Timer = iota // a sender: send the next copy of its multicasts
	timerRetransmit                    // an origin with unacknowledged copies: send the first again
	timerWait                          // a sender that may crash: it may also wait forever (see start)
)

var timerNames = []string{"send", "retransmit", "wait"}

// level is a reliability level as a number, weakest first.
type level uint8

const (
	_ level = iota // best effort: nothing to test for
	levelDedup
	levelRecovery
	levelAtomic
)

// New returns the model of cfg.
func New(cfg Config) (*Model, error) {
	lv := slices.Index(Reliabilities(), cfg.Reliability)
	switch {
	case lv < 0:
		return nil, fmt.Errorf("%w: unknown reliability %q", ErrConfig, cfg.Reliability)
	case !slices.Contains(Orderings(), cfg.Ordering):
		return nil, fmt.Errorf("%w: unknown ordering %q", ErrConfig, cfg.Ordering)
	case cfg.Msgs < 1 || cfg.Msgs > MaxPerSender:
		return nil, fmt.Errorf("%w: %d multicasts per sender (want 1..%d)", ErrConfig, cfg.Msgs, MaxPerSender)
	case cfg.Network != actor.Unordered && cfg.Network != actor.FIFO:
		return nil, fmt.Errorf("%w: network %v (want unordered or fifo)", ErrConfig, cfg.Network)
	case cfg.Faults.Restart > 0 || cfg.Faults.Partition > 0:
		return nil, fmt.Errorf("%w: faults %v: only drop, dup and crash", ErrConfig, cfg.Faults)
	case cfg.Faults.Drop > maxFault || cfg.Faults.Dup > maxFault || cfg.Faults.Crash > maxFault:
		return nil, fmt.Errorf("%w: faults %v: at most %d of each", ErrConfig, cfg.Faults, maxFault)
	}
	p, err := newPlan(cfg)
	if err != nil {
		return nil, err
	}
	mc := &machine{plan: p, lv: level(lv)}
	actors := make([]actor.Actor[Proc, Msg], p.n)
	for id := range p.n {
		actors[id] = mc.actor(actor.ID(id))
	}
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Properties: properties(p),
		// Timeouts are longer than any message delay: a timer fires only
		// when no message to its process can be delivered. It keeps
		// retransmissions and acknowledgements from multiplying the space;
		// losses still lead to retransmissions (see doc.go).
		SlowTimers: true,
	})
}

// A machine holds what every handler needs: the plan and the level.
type machine struct {
	*plan
	lv level
}

// actor returns the behaviour of process id. Senders may crash, for good
// (crash-stop); receivers and sequencers do not crash.
func (mc *machine) actor(id actor.ID) actor.Actor[Proc, Msg] {
	a := actor.Actor[Proc, Msg]{
		Name:    mc.names[id],
		Start:   func(c *actor.Ctx[Msg]) Proc { return mc.start(c, id) },
		Receive: mc.receive,
		Timeout: mc.timeout,
	}
	if mc.roles[id] == roleSender {
		a.NoRestart = true
		// A crashed sender stays down with its state as it was, so a
		// trace shows how far its multicast got.
		a.Stable = func(p Proc) Proc { return p }
	} else {
		a.NoCrash = true
	}
	return a
}

// start sets a sender's send timer: its multicast is a sequence of sends,
// one per step, so a crash can cut it. With a crash budget it also sets
// the wait timer, which fires and sets itself again without changing the
// state: a live sender may wait forever. By default a behaviour ends only
// in a state with no step at all (SPIN's semantics), and a crash of a
// sender stays enabled while the budget lasts; without the wait loop every
// behaviour could end by crashing a sender, and the omissions of live
// senders would go unseen.
func (mc *machine) start(c *actor.Ctx[Msg], id actor.ID) Proc {
	if mc.roles[id] != roleSender {
		return Proc{}
	}
	if len(mc.sends[id]) > 0 {
		c.SetTimer(timerSend)
	}
	if mc.cfg.Faults.Crash > 0 {
		c.SetTimer(timerWait)
	}
	return Proc{}
}
