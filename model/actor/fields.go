package actor

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// How states print. A process is named by its id and its role, as
// "p0(coordinator)" (ProcName), in every field name of a trace and in the
// lifelines of a sequence diagram; a set of processes prints as "{p1,p2}";
// timers print by name. Action labels ("deliver p0->p1 Prepare") keep the
// bare id: saved traces are checked label by label on replay.

// names holds what a System knows to print a state: shared by all the
// states of one System, never part of a key.
type names struct {
	timers []string // indexed by Timer
	procs  []string // indexed by ID: "p0(coordinator)", or "p0" for an actor without a Name
	timed  bool     // Config.Time is set: states print their remaining times
}

// newNames collects the timer names and the process names of cfg.
func newNames[P Value, M Message](cfg *Config[P, M]) *names {
	nm := &names{timers: cfg.Timers, procs: make([]string, len(cfg.Actors)), timed: cfg.Time != nil}
	for i, a := range cfg.Actors {
		nm.procs[i] = procName(ID(i), a.Name)
	}
	return nm
}

// procName formats a process's name: its id, then its role in parentheses
// when it has one.
func procName(id ID, role string) string {
	if role == "" {
		return id.String()
	}
	return id.String() + "(" + role + ")"
}

// ProcName returns how traces name process id: its id and its role
// (Actor.Name), as "p0(coordinator)". A state not made by a System, or an
// actor without a Name, gives the bare id "p0".
func (s State[P, M]) ProcName(id ID) string {
	if s.names != nil && int(id) < len(s.names.procs) {
		return s.names.procs[id]
	}
	return id.String()
}

// ProcNames returns ProcName of every process, in id order. Renderers that
// know only labels (which name processes by bare id) use it to name
// lifelines and to find a process's field.
func (s State[P, M]) ProcNames() []string {
	out := make([]string, len(s.Procs))
	for i := range s.Procs {
		out[i] = s.ProcName(ID(i))
	}
	return out
}

// IDSet formats a bit set of process ids as a set: "{p1,p2}", "{}" for the
// empty set. Specs use it to print sets of processes they keep as bits.
func IDSet(bits uint64) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i < 64; i++ {
		if bits>>i&1 == 1 {
			if b.Len() > 1 {
				b.WriteByte(',')
			}
			b.WriteString(ID(i).String())
		}
	}
	b.WriteByte('}')
	return b.String()
}

// cutString formats a partition as "{p0,p2} | {p1}".
func cutString(cut uint64, n int) string {
	all := uint64(1)<<n - 1
	if n >= 64 {
		all = ^uint64(0)
	}
	return IDSet(cut&all) + " | " + IDSet(^cut&all)
}

// timerName returns timer t's name when the state knows the names (states
// made by a System do), its index otherwise.
func (s State[P, M]) timerName(t int) string {
	if s.names != nil && t < len(s.names.timers) {
		return s.names.timers[t]
	}
	return fmt.Sprint(t)
}

// timerSet formats a process's set timers by name, "retry,work"; in a timed
// run each with when it may fire, "retry(in 2),work(ready)" (see
// timerString).
func (s State[P, M]) timerSet(p *Proc[P]) string {
	var ts []string
	for t := 0; t < 64; t++ {
		if p.Timers&(1<<t) != 0 {
			ts = append(ts, s.timerString(t, &p.clock))
		}
	}
	return strings.Join(ts, ",")
}

// procValue formats process i for a trace: its local state, its set
// timers, and "(down)" while it is crashed ("(down, restart in 2)" while a
// timed run's minimum downtime lasts).
func (s State[P, M]) procValue(i int) string {
	p := &s.Procs[i]
	v := fmt.Sprint(p.Local)
	if p.Timers != 0 {
		v += " timers=" + s.timerSet(p)
	}
	switch {
	case p.Down && p.clock.due[0] > 0:
		v += fmt.Sprintf(" (down, restart in %d)", p.clock.due[0])
	case p.Down:
		v += " (down)"
	}
	return v
}

// Fields implements model.Fielder, for traces: in a timed run first the
// ticks taken so far ("time"), then one field per process, named by
// ProcName ("p1(participant)": its local state, the names of its set
// timers, and "(down)" while it is crashed), then the messages in flight
// ("net"), and when there are any the faults used ("faults"), the
// partition ("partition", as "{p0} | {p1,p2}") and the history. A timed
// run shows every pending deadline: when each timer may fire and when
// each message must arrive (see timerString, envString).
func (s State[P, M]) Fields() []model.Field {
	out := make([]model.Field, 0, len(s.Procs)+5)
	if s.timed() {
		out = append(out, model.Field{Name: "time", Value: fmt.Sprint(s.Ticks)})
	}
	for i := range s.Procs {
		out = append(out, model.Field{Name: s.ProcName(ID(i)), Value: s.procValue(i)})
	}
	net := make([]string, len(s.Net))
	for i := range s.Net {
		net[i] = s.envString(&s.Net[i])
	}
	out = append(out, model.Field{Name: "net", Value: "[" + strings.Join(net, ", ") + "]"})
	if u := s.Used; u != (Used{}) {
		out = append(out, model.Field{Name: "faults", Value: usedString(u, ":", ",")})
	}
	if s.Cut != 0 {
		out = append(out, model.Field{Name: "partition", Value: cutString(s.Cut, len(s.Procs))})
	}
	if len(s.History) > 0 {
		h := make([]string, len(s.History))
		for i, e := range s.History {
			h[i] = e.String()
		}
		out = append(out, model.Field{Name: "history", Value: "[" + strings.Join(h, ", ") + "]"})
	}
	return out
}

// HistoryEvents returns the history for renderers (a sequence diagram
// notes each event over its client's lifeline), oldest first: each
// event's client ("p2") and what happened ("call inc()", "return ok 2").
func (s State[P, M]) HistoryEvents() [][2]string {
	out := make([][2]string, len(s.History))
	for i, e := range s.History {
		out[i] = [2]string{e.Client.String(), fmt.Sprintf("%v %v", e.Kind, e.Op)}
	}
	return out
}

// usedString formats the non-zero fault counts in Faults order, each as
// kind, sep, count, joined by join: "crash:1,drop:1".
func usedString(u Used, sep, join string) string {
	var used []string
	for _, f := range []struct {
		kind string
		n    uint8
	}{{"drop", u.Drop}, {"dup", u.Dup}, {"crash", u.Crash}, {"restart", u.Restart}, {"partition", u.Partition}} {
		if f.n > 0 {
			used = append(used, fmt.Sprintf("%s%s%d", f.kind, sep, f.n))
		}
	}
	return strings.Join(used, join)
}

// String formats the state on several lines: in a timed run the ticks
// taken so far, then one process per line (its name, then as in Fields),
// then the network, the faults used, the
// partition and the history.
func (s State[P, M]) String() string {
	var b strings.Builder
	if s.timed() {
		fmt.Fprintf(&b, "time %d\n", s.Ticks)
	}
	for i := range s.Procs {
		fmt.Fprintf(&b, "%s %s\n", s.ProcName(ID(i)), s.procValue(i))
	}
	fmt.Fprintf(&b, "network (%d in flight):", len(s.Net))
	for i := range s.Net {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(" " + s.envString(&s.Net[i]))
	}
	if u := s.Used; u != (Used{}) {
		b.WriteString("\nfaults used: " + usedString(u, "=", " "))
	}
	if s.Cut != 0 {
		b.WriteString("\npartition " + cutString(s.Cut, len(s.Procs)))
	}
	for _, e := range s.History {
		b.WriteString("\nhistory: " + e.String())
	}
	return b.String()
}
