package multicast

import (
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// Bounds of the static plan: they size the arrays of Proc.
const (
	MaxSenders = 2 // senders per scenario
	MaxSeqs    = 2 // sequencers (one per group, or one global)
	MaxMsgs    = 4 // messages in a run (a bit set of ids fits a byte)
	MaxProcs   = 8 // senders, receivers and sequencers
	maxLog     = 4 // data copies from one origin to one destination
	maxDeliv   = 12
)

// A scenarioDef is one of the text's six figures: its senders, its groups
// (receiver indices) and, per sender, the groups its successive
// multicasts go to (a bit set of groups per multicast, cycled).
type scenarioDef struct {
	name      string
	senders   int
	receivers int
	groups    [][]int   // members of each group, as receiver indices
	targets   [][]uint8 // per sender: the groups of its 1st, 2nd, ... multicast (cycled)
	summary   string
}

const (
	g1 = 1 << iota
	g2
)

// scenarios are the text's (a), (b), (c-L), (c-R), (d-L), (d-R).
var scenarios = []scenarioDef{
	{name: "a", senders: 1, receivers: 2, groups: [][]int{{0, 1}}, targets: [][]uint8{{g1}},
		summary: "S1 -> G1={r1,r2}"},
	{name: "b", senders: 2, receivers: 2, groups: [][]int{{0, 1}}, targets: [][]uint8{{g1}, {g1}},
		summary: "S1,S2 -> G1={r1,r2}"},
	{name: "c-L", senders: 1, receivers: 3, groups: [][]int{{0, 1, 2}, {1, 2}}, targets: [][]uint8{{g1, g2}},
		summary: "S1 -> G1={r1,r2,r3}, then G2={r2,r3}"},
	{name: "c-R", senders: 2, receivers: 3, groups: [][]int{{0, 1, 2}, {1, 2}}, targets: [][]uint8{{g1}, {g2}},
		summary: "S1 -> G1={r1,r2,r3}, S2 -> G2={r2,r3}"},
	{name: "d-L", senders: 2, receivers: 3, groups: [][]int{{0, 1}, {2}}, targets: [][]uint8{{g1 | g2}, {g1 | g2}},
		summary: "S1,S2 -> G1 and G2, G1={r1,r2}, G2={r3}"},
	{name: "d-R", senders: 2, receivers: 3, groups: [][]int{{0, 1, 2}, {1, 2}}, targets: [][]uint8{{g1 | g2}, {g1 | g2}},
		summary: "S1,S2 -> G1 and G2, G1={r1,r2,r3}, G2={r2,r3}"},
}

// ScenarioNames lists the scenarios in the text's order.
func ScenarioNames() []string {
	out := make([]string, len(scenarios))
	for i, s := range scenarios {
		out[i] = s.name
	}
	return out
}

// A role is what a process does.
type role uint8

const (
	roleSender role = iota
	roleReceiver
	roleSequencer
)

// A message is one multicast of the plan. Everything in it is fixed
// before the run: it is the header a real sender would compute and stamp
// on the message, so copies carry only the message's id.
type message struct {
	sender int               // the sender's id (senders are p0, p1)
	index  uint8             // 1, 2, ...: its place among its sender's multicasts
	groups uint8             // bit set of destination groups
	dests  []actor.ID        // the receivers addressed (members of its groups), ascending
	direct []actor.ID        // who the sender sends it to: dests, or the sequencers of its groups
	fifo   [MaxProcs]uint8   // per direct receiver: its number among the sender's messages to that process
	vt     [MaxSenders]uint8 // its vector timestamp (the text's T): senders deliver nothing, so only T_sender is nonzero
}

// A plan is one configuration's processes, groups and messages.
type plan struct {
	scen     scenarioDef
	cfg      Config
	n        int          // processes
	roles    []role       // by id
	names    []string     // by id: "S1", "r2", "q1"
	groups   [][]actor.ID // members (ids) per group
	seqs     []actor.ID   // sequencer ids (total: one per group; global: one)
	seqServe [][]int      // per sequencer: the groups it orders
	msgs     []message
	sends    [MaxSenders][]send           // per sender: its copies in sending order
	memb     [MaxSeqs][MaxMsgs][]actor.ID // per sequencer and message: the members it sends the message to
}

// A send is one copy a sender sends: message m to process to.
type send struct {
	m  uint8
	to actor.ID
}

// newPlan lays out the processes (senders, then receivers, then
// sequencers) and the messages of cfg.
func newPlan(cfg Config) (*plan, error) {
	i := slices.IndexFunc(scenarios, func(s scenarioDef) bool { return s.name == cfg.Scenario })
	if i < 0 {
		return nil, fmt.Errorf("%w: unknown scenario %q", ErrConfig, cfg.Scenario)
	}
	sc := scenarios[i]
	p := &plan{scen: sc, cfg: cfg}
	for s := range sc.senders {
		p.add(roleSender, fmt.Sprintf("S%d", s+1))
	}
	for r := range sc.receivers {
		p.add(roleReceiver, fmt.Sprintf("r%d", r+1))
	}
	for _, g := range sc.groups {
		var ids []actor.ID
		for _, r := range g {
			ids = append(ids, actor.ID(sc.senders+r))
		}
		p.groups = append(p.groups, ids)
	}
	switch cfg.Ordering {
	case OrderTotal:
		for gi := range sc.groups {
			p.seqs = append(p.seqs, p.add(roleSequencer, fmt.Sprintf("q%d", gi+1)))
			p.seqServe = append(p.seqServe, []int{gi})
		}
	case OrderGlobal:
		p.seqs = append(p.seqs, p.add(roleSequencer, "q"))
		p.seqServe = append(p.seqServe, []int{0, 1}[:len(sc.groups)])
	}
	for s := range sc.senders {
		for k := range cfg.Msgs {
			p.msgs = append(p.msgs, p.message(s, uint8(k+1), sc.targets[s][k%len(sc.targets[s])]))
		}
	}
	for qi := range p.seqs {
		for mi := range p.msgs {
			p.memb[qi][mi] = p.orderedFor(qi, uint8(mi))
		}
	}
	for mi, m := range p.msgs {
		to := m.direct
		if cfg.Reliability == Atomic {
			to = to[:1] // the chain: the first direct receiver forwards it
		}
		for _, d := range to {
			p.sends[m.sender] = append(p.sends[m.sender], send{m: uint8(mi), to: d})
		}
	}
	return p, nil
}

// add appends a process and returns its id.
func (p *plan) add(r role, name string) actor.ID {
	p.roles = append(p.roles, r)
	p.names = append(p.names, name)
	p.n++
	return actor.ID(p.n - 1)
}

// message builds the header of sender s's index-th multicast to groups gs.
func (p *plan) message(s int, index, gs uint8) message {
	m := message{sender: s, index: index, groups: gs}
	m.vt[s] = index
	var dests uint64
	for gi, g := range p.groups {
		if gs&(1<<gi) != 0 {
			for _, r := range g {
				dests |= 1 << r
			}
		}
	}
	for id := range p.n {
		if dests&(1<<id) != 0 {
			m.dests = append(m.dests, actor.ID(id))
		}
	}
	m.direct = m.dests
	if len(p.seqs) > 0 {
		m.direct = nil
		for qi, q := range p.seqs {
			if p.serves(qi, gs) {
				m.direct = append(m.direct, q)
			}
		}
	}
	for _, d := range m.direct {
		count := uint8(1)
		for _, prev := range p.msgs {
			if prev.sender == s && slices.Contains(prev.direct, d) {
				count++
			}
		}
		m.fifo[d] = count
	}
	return m
}

// serves reports whether sequencer qi orders messages for some group in gs.
func (p *plan) serves(qi int, gs uint8) bool {
	for _, g := range p.seqServe[qi] {
		if gs&(1<<g) != 0 {
			return true
		}
	}
	return false
}

// groupsOf returns the groups process id belongs to, as a bit set.
func (p *plan) groupsOf(id actor.ID) uint8 {
	var gs uint8
	for gi, g := range p.groups {
		if slices.Contains(g, id) {
			gs |= 1 << gi
		}
	}
	return gs
}

// seqIndex returns the index of sequencer id, -1 if id is none.
func (p *plan) seqIndex(id actor.ID) int { return slices.Index(p.seqs, id) }

// members returns the destinations of message m that sequencer qi orders
// (computed once, by orderedFor).
func (p *plan) members(qi int, m uint8) []actor.ID { return p.memb[qi][m] }

// orderedFor returns the destinations of message m that belong to a
// group sequencer qi orders for.
func (p *plan) orderedFor(qi int, m uint8) []actor.ID {
	var out []actor.ID
	for _, r := range p.msgs[m].dests {
		if p.serves(qi, p.groupsOf(r)&p.msgs[m].groups) {
			out = append(out, r)
		}
	}
	return out
}

// successor returns the direct receiver of m after self (the atomic
// level's chain), and false when self is the last.
func (p *plan) successor(m uint8, self actor.ID) (actor.ID, bool) {
	d := p.msgs[m].direct
	i := slices.Index(d, self)
	if i < 0 || i+1 == len(d) {
		return 0, false
	}
	return d[i+1], true
}

// intersections returns the processes that belong to two groups or more,
// as a bit set of ids.
func (p *plan) intersections() uint64 {
	var out uint64
	for id := range p.n {
		gs := p.groupsOf(actor.ID(id))
		if gs&(gs-1) != 0 {
			out |= 1 << id
		}
	}
	return out
}
