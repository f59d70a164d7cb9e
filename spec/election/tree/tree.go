package tree

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The algorithms (parameter "algorithm").
const (
	AlgGHS        = "ghs"        // Gallager, Humblet and Spira's minimum spanning tree, the leader at the final core
	AlgSaturation = "saturation" // the saturation (timestamp) election on the minimum spanning tree
)

// Algorithms lists the algorithms, the default first.
var Algorithms = []string{AlgGHS, AlgSaturation}

// Who wakes up spontaneously (parameter "wake").
const (
	WakeAll = "all" // every node may wake up by itself, at any moment
	WakeOne = "one" // only p0 does; the others wake up when a message arrives
)

// Wakes lists the values of "wake", the default first.
var Wakes = []string{WakeAll, WakeOne}

// How a GHS node queues the messages it receives (parameter "queue"; see
// the package documentation).
const (
	// QueueInput: the paper's input queue. An arriving message goes on the
	// end of the node's queue; a step of its own (timer "process") takes
	// the head and handles it, or places it on the end again.
	QueueInput = "input"
	// QueueDeferred: a node handles a message when it arrives, or places
	// it on its queue of deferred messages, which it goes through again
	// after every step: a deferred message is handled in the step that
	// allows it. Some of the paper's schedules, in a smaller space.
	QueueDeferred = "deferred"
)

// Queues lists the values of "queue", the default first.
var Queues = []string{QueueInput, QueueDeferred}

// The variants.
const (
	// VariantCorrect is the algorithm as published.
	VariantCorrect = "correct"
	// VariantAnswerTestEarly is broken GHS: a node answers a Test from a
	// fragment of higher level at once instead of delaying it. Not yet
	// knowing its new fragment name, it may Accept a Test from its own
	// fragment, which then takes an inner edge for an outgoing one.
	VariantAnswerTestEarly = "answer-test-early"
)

// A Config is one configuration of the model. The network is FIFO: both
// algorithms assume it (GHS's correctness proof does; in the saturation
// election Wakeup must arrive before Inward).
type Config struct {
	Graph     string // one of Graphs' names; "" means GraphTriangle
	Algorithm string // one of Algorithms; "" means AlgGHS
	Wake      string // one of Wakes; "" means WakeAll
	Queue     string // one of Queues (GHS only); "" means QueueInput
	Variant   string // one of the variants; "" means VariantCorrect
}

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("tree: invalid configuration")

// Model is the election as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the model.
type State = actor.State[Proc, Msg]

// Action is a step of the model.
type Action = actor.Action[Msg]

// withDefaults fills in the defaults and validates cfg.
func (cfg Config) withDefaults() (Config, error) {
	cfg.Graph = cmpOr(cfg.Graph, GraphTriangle)
	cfg.Algorithm = cmpOr(cfg.Algorithm, AlgGHS)
	cfg.Wake = cmpOr(cfg.Wake, WakeAll)
	cfg.Queue = cmpOr(cfg.Queue, QueueInput)
	cfg.Variant = cmpOr(cfg.Variant, VariantCorrect)
	switch {
	case !slices.Contains(Algorithms, cfg.Algorithm):
		return cfg, fmt.Errorf("%w: unknown algorithm %q", ErrConfig, cfg.Algorithm)
	case !slices.Contains(Wakes, cfg.Wake):
		return cfg, fmt.Errorf("%w: unknown wake %q", ErrConfig, cfg.Wake)
	case !slices.Contains(Queues, cfg.Queue):
		return cfg, fmt.Errorf("%w: unknown queue %q", ErrConfig, cfg.Queue)
	case cfg.Variant != VariantCorrect && cfg.Variant != VariantAnswerTestEarly:
		return cfg, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	case cfg.Variant == VariantAnswerTestEarly && cfg.Algorithm != AlgGHS:
		return cfg, fmt.Errorf("%w: variant %s is a GHS variant", ErrConfig, cfg.Variant)
	}
	if _, ok := GraphNamed(cfg.Graph); !ok {
		return cfg, fmt.Errorf("%w: unknown graph %q", ErrConfig, cfg.Graph)
	}
	return cfg, nil
}

// cmpOr returns s, or def when s is empty.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// New returns the model for cfg: GHS on the graph, or the saturation
// election on the graph's minimum spanning tree.
func New(cfg Config) (*Model, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	g, _ := GraphNamed(cfg.Graph)
	if err := g.validate(); err != nil {
		return nil, err
	}
	mst := Kruskal(g.N, g.Edges)
	topo := g
	if cfg.Algorithm == AlgSaturation {
		topo = Graph{Name: g.Name + " mst", N: g.N, Edges: mst}
	}
	adj := topo.adjacency()
	actors := make([]actor.Actor[Proc, Msg], g.N)
	for i := range actors {
		n := &node{self: actor.ID(i), adj: adj[i], early: cfg.Variant == VariantAnswerTestEarly,
			input: cfg.Queue == QueueInput && cfg.Algorithm == AlgGHS}
		actors[i] = n.actor(cfg.Algorithm, cfg.Wake == WakeAll || i == 0)
	}
	var props []model.Property[State]
	if cfg.Algorithm == AlgSaturation {
		props = satProperties(topo)
	} else {
		props = ghsProperties(g, adj, mst)
	}
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     actors,
		Network:    actor.FIFO,
		Timers:     timerNames,
		Properties: props,
		Final:      final,
	})
}

// final reports whether every node knows the leader and no message waits
// in a queue: the intended end of a run (a terminal state that is not
// final is a deadlock).
func final(s State) bool {
	for _, p := range s.Procs {
		if p.Local.Leader == None || p.Local.NQ > 0 {
			return false
		}
	}
	return true
}

// Messages returns the messages sent so far in s.
func Messages(s State) int {
	sum := 0
	for _, p := range s.Procs {
		sum += int(p.Local.Sent)
	}
	return sum
}

// Elections returns 1 when every node knows the leader in s, else 0.
func Elections(s State) int {
	if everyoneKnows(s) {
		return 1
	}
	return 0
}
