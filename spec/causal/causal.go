package causal

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantCorrect is the text's rule: accept, delay or reject.
	VariantCorrect = "correct"
	// VariantDeliverOnReceipt is broken: every message is delivered when it
	// arrives, with no test at all. "causal delivery" fails.
	VariantDeliverOnReceipt = "deliver-on-receipt"
	// VariantNoDependencyCheck is broken: the rule without the T_k <= S_k
	// test, so a message is delivered before messages its sender had
	// delivered. "causal delivery" fails.
	VariantNoDependencyCheck = "no-dependency-check"
)

// The scenarios: who sends how many messages.
const (
	// ScenarioUniform: each of n processes multicasts the same number of
	// messages.
	ScenarioUniform = "uniform"
	// ScenarioText is the text's example: three processes; P1 (p0) sends
	// M1_1 and M1_2, P2 (p1) sends M2_1, P3 (p2) sends M3_1, M3_2, M3_3.
	ScenarioText = "text"
)

// TextSends are the messages each process sends in ScenarioText.
var TextSends = []int{2, 1, 3}

// A Config is one configuration of the protocol.
type Config struct {
	Sends   []int         // messages each process multicasts (0..MaxMsgs); len is the number of processes, 1..MaxN
	Variant string        // one of the variants; "" means VariantCorrect
	Faults  actor.Faults  // fault budgets: only dup
	Network actor.Network // Unordered or FIFO
}

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("causal: invalid configuration")

// Model is the protocol as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the protocol.
type State = actor.State[Proc, Msg]

// Action is a step of the protocol.
type Action = actor.Action[Msg]

// timerSend fires when a process multicasts its next message: a send may
// come at any point, between any deliveries.
const timerSend actor.Timer = 0

// Property names.
const (
	PropCausal    = "causal delivery"
	PropNoDup     = "no duplicate delivery"
	PropDelivered = "every message eventually delivered"
	PropComplete  = "every message delivered everywhere"
)

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	n := len(cfg.Sends)
	actors := make([]actor.Actor[Proc, Msg], n)
	for i := range actors {
		actors[i] = process(cfg, i)
	}
	all := cfg.Multicasts()
	d := deliveries(n)
	return actor.New(actor.Config[Proc, Msg]{
		Actors:  actors,
		Network: cfg.Network,
		Faults:  cfg.Faults,
		Timers:  []string{"send"},
		Properties: []model.Property[State]{
			invariants.CausalDelivery(PropCausal, d, happenedBefore),
			invariants.NoDuplicateDelivery(PropNoDup, d),
			invariants.EventuallyDelivered(PropDelivered, d, all),
			model.Sometimes(PropComplete, func(s State) bool { return d.AllDelivered(s, all) }),
		},
		Final: func(s State) bool { return d.AllDelivered(s, all) },
	})
}

func (cfg *Config) validate() error {
	if cfg.Variant == "" {
		cfg.Variant = VariantCorrect
	}
	switch {
	case len(cfg.Sends) < 1 || len(cfg.Sends) > MaxN:
		return fmt.Errorf("%w: %d processes (want 1..%d)", ErrConfig, len(cfg.Sends), MaxN)
	case !slices.Contains([]string{VariantCorrect, VariantDeliverOnReceipt, VariantNoDependencyCheck}, cfg.Variant):
		return fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.Network == actor.Duplicating:
		// Delivery on receipt would deliver a message without end; the
		// dup fault bounds duplication instead.
		return fmt.Errorf("%w: network %v (want unordered or fifo, with the dup fault)", ErrConfig, cfg.Network)
	case cfg.Faults != actor.Faults{Dup: cfg.Faults.Dup}:
		return fmt.Errorf("%w: faults %v (only dup)", ErrConfig, cfg.Faults)
	}
	for _, k := range cfg.Sends {
		if k < 0 || k > MaxMsgs {
			return fmt.Errorf("%w: %d messages from one process (want 0..%d)", ErrConfig, k, MaxMsgs)
		}
	}
	return nil
}

// Multicasts returns every message the configuration sends, by sender.
func (cfg Config) Multicasts() []MsgID {
	var out []MsgID
	for i, k := range cfg.Sends {
		for seq := 1; seq <= k; seq++ {
			out = append(out, ID(i, seq))
		}
	}
	return out
}

// process returns the behaviour of process self: its send timer sends its
// messages one at a time; Receive applies the variant's rule.
func process(cfg Config, self int) actor.Actor[Proc, Msg] {
	n, k := len(cfg.Sends), cfg.Sends[self]
	return actor.Actor[Proc, Msg]{
		Name: "P" + fmt.Sprint(self+1),
		Start: func(c *actor.Ctx[Msg]) Proc {
			if k > 0 {
				c.SetTimer(timerSend)
			}
			return Proc{N: uint8(n)}
		},
		Receive: func(_ *actor.Ctx[Msg], s Proc, _ actor.ID, m Msg) Proc { return s.receive(cfg.Variant, m) },
		Timeout: func(c *actor.Ctx[Msg], s Proc, _ actor.Timer) Proc {
			s, m := s.send(self, n)
			c.Broadcast(m)
			if int(s.S[self]) < k {
				c.SetTimer(timerSend)
			}
			return s
		},
		NoCrash: true,
	}
}

// deliveries describes the processes' delivery sequences for the order
// properties.
func deliveries(n int) invariants.Deliveries[State, MsgID] {
	return invariants.Deliveries[State, MsgID]{N: n, Seq: func(s State, i int) []MsgID { return s.Procs[i].Local.Seq }}
}

// happenedBefore reports whether the send of a happened before the send of
// b: a is in the causal past recorded (ghost state) when b was sent.
func happenedBefore(s State, a, b MsgID) bool {
	return s.Procs[b.Sender()].Local.Deps[b.Seq()-1]&a.bit() != 0
}

// Messages returns the messages sent on the network so far: each
// multicast goes to the n-1 other processes (duplicates made by the
// network are not sent).
func Messages(s State) int {
	total := 0
	for i, p := range s.Procs {
		total += int(p.Local.S[i]) * (len(s.Procs) - 1)
	}
	return total
}

// Units returns the multicasts delivered by every process.
func Units(s State) int {
	d := deliveries(len(s.Procs))
	units := 0
	for i, p := range s.Procs {
		for seq := 1; seq <= int(p.Local.S[i]); seq++ {
			if d.AllDelivered(s, []MsgID{ID(i, seq)}) {
				units++
			}
		}
	}
	return units
}
