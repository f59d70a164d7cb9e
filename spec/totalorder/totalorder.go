package totalorder

import (
	"errors"
	"fmt"
	"math/bits"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantCorrect is the text's protocol.
	VariantCorrect = "correct"
	// VariantEarlyDelivery is broken: a process delivers the committed
	// message with the smallest commit time even while a pending message
	// with a smaller proposal could still commit lower. "same delivery
	// order" fails.
	VariantEarlyDelivery = "early-delivery"
)

// A Config is one configuration of the protocol.
type Config struct {
	N       int           // processes, 1..MaxN, each a sender and a receiver
	Msgs    int           // messages each process multicasts, 0..MaxMsgs
	Variant string        // one of the variants; "" means VariantCorrect
	Faults  actor.Faults  // fault budgets: only dup
	Network actor.Network // the network semantics
}

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("totalorder: invalid configuration")

// Model is the protocol as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the protocol.
type State = actor.State[Proc, Msg]

// Action is a step of the protocol.
type Action = actor.Action[Msg]

// timerSend fires when a process multicasts its next message.
const timerSend actor.Timer = 0

// Property names.
const (
	PropOrder     = "same delivery order"
	PropIntegrity = "integrity"
	PropLog       = "deliveries linearizable as a log"
	PropDelivered = "every message eventually delivered"
	PropComplete  = "every message delivered everywhere"
)

// New returns the model for cfg.
func New(cfg Config) (*Model, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	actors := make([]actor.Actor[Proc, Msg], cfg.N)
	for i := range actors {
		actors[i] = process(cfg, i)
	}
	all := cfg.Multicasts()
	d := deliveries(cfg.N)
	lin := &linCache{}
	return actor.New(actor.Config[Proc, Msg]{
		Actors:  actors,
		Network: cfg.Network,
		Faults:  cfg.Faults,
		Timers:  []string{"send"},
		Properties: []model.Property[State]{
			invariants.TotalOrder(PropOrder, d),
			model.Always(PropIntegrity, func(s State) bool { return d.NoDuplicates(s) && allSent(s, cfg) }),
			model.Always(PropLog, lin.holds),
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
	case cfg.N < 1 || cfg.N > MaxN:
		return fmt.Errorf("%w: %d processes (want 1..%d)", ErrConfig, cfg.N, MaxN)
	case cfg.Msgs < 0 || cfg.Msgs > MaxMsgs:
		return fmt.Errorf("%w: %d messages per process (want 0..%d)", ErrConfig, cfg.Msgs, MaxMsgs)
	case cfg.Variant != VariantCorrect && cfg.Variant != VariantEarlyDelivery:
		return fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.Faults != actor.Faults{Dup: cfg.Faults.Dup}:
		return fmt.Errorf("%w: faults %v (only dup)", ErrConfig, cfg.Faults)
	}
	return nil
}

// ID returns the id of the seq-th message (from 1) of process p.
func (cfg Config) ID(p, seq int) MsgID { return MsgID(p*cfg.Msgs + seq - 1) }

// Multicasts returns every message the configuration sends.
func (cfg Config) Multicasts() []MsgID {
	out := make([]MsgID, cfg.N*cfg.Msgs)
	for i := range out {
		out[i] = MsgID(i)
	}
	return out
}

// process returns the behaviour of process self.
func process(cfg Config, self int) actor.Actor[Proc, Msg] {
	early := cfg.Variant == VariantEarlyDelivery
	all := uint8(1)<<cfg.N - 1
	return actor.Actor[Proc, Msg]{
		Name: "member",
		Start: func(c *actor.Ctx[Msg]) Proc {
			if cfg.Msgs > 0 {
				c.SetTimer(timerSend)
			}
			return Proc{}
		},
		// Send: the sender proposes a time for its own message, as every
		// receiver does, and multicasts it.
		Timeout: func(c *actor.Ctx[Msg], s Proc, _ actor.Timer) Proc {
			s.Sent++
			k := s.Sent - 1
			id := cfg.ID(self, int(s.Sent))
			s, t := s.propose(id)
			s.Acks[k], s.Max[k] = 1<<self, t
			c.Broadcast(Msg{Kind: Data, ID: id})
			if int(s.Sent) < cfg.Msgs {
				c.SetTimer(timerSend)
			}
			if s.Acks[k] == all {
				s = s.commit(id, t) // alone in the group
			}
			return s.deliver(early)
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			switch m.Kind {
			case Data:
				if s.Seen&m.ID.bit() != 0 {
					return s // a duplicate
				}
				s, t := s.propose(m.ID)
				c.Send(from, Msg{Kind: Ack, ID: m.ID, Time: t})
				return s
			case Ack:
				k := int(m.ID) - self*cfg.Msgs
				if s.Acks[k]&(1<<from) != 0 {
					return s // a duplicate
				}
				s.Acks[k] |= 1 << from
				s.Max[k] = max(s.Max[k], m.Time)
				if s.Acks[k] != all {
					return s
				}
				c.Broadcast(Msg{Kind: Commit, ID: m.ID, Time: s.Max[k]})
				return s.commit(m.ID, s.Max[k]).deliver(early)
			}
			if i := s.entry(m.ID); i >= 0 && !s.Buf[i].Committed {
				return s.commit(m.ID, m.Time).deliver(early)
			}
			return s // a duplicate commit
		},
		NoCrash: true,
	}
}

// deliveries describes the processes' delivery sequences.
func deliveries(n int) invariants.Deliveries[State, MsgID] {
	return invariants.Deliveries[State, MsgID]{N: n, Seq: func(s State, i int) []MsgID { return s.Procs[i].Local.Seq }}
}

// allSent reports whether every delivered message was sent.
func allSent(s State, cfg Config) bool {
	for _, p := range s.Procs {
		for _, id := range p.Local.Seq {
			if cfg.Msgs == 0 || int(s.Local(actor.ID(int(id)/cfg.Msgs)).Sent) < int(id)%cfg.Msgs+1 {
				return false
			}
		}
	}
	return true
}

// Messages returns the messages sent on the network so far: per
// multicast, Data to the n-1 others, an Ack from each that received it,
// and a Commit to the n-1 others once every proposal is in (duplicates
// made by the network are not sent).
func Messages(s State) int {
	n := len(s.Procs)
	total := 0
	for _, p := range s.Procs {
		l := p.Local
		total += int(l.Sent) * (n - 1)                  // Data
		total += bits.OnesCount16(l.Seen) - int(l.Sent) // an Ack per message of another process received
		total += l.committedOwn(n) * (n - 1)            // Commit
	}
	return total
}

// Units returns the multicasts delivered by every process.
func Units(s State) int {
	d := deliveries(len(s.Procs))
	units := 0
	for _, id := range s.Procs[0].Local.Seq { // a message everyone delivered is among p0's
		if d.AllDelivered(s, []MsgID{id}) {
			units++
		}
	}
	return units
}
