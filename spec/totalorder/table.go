package totalorder

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
)

// A scriptStep is one step of a scripted schedule: process Proc sends its
// next message (Msg "") or receives the message that prints as Msg.
type scriptStep struct {
	Proc int
	Msg  string
}

// matches reports whether action a is the scripted step.
func (st scriptStep) matches(a Action) bool {
	if st.Msg == "" {
		return a.Kind == actor.Timeout && int(a.To) == st.Proc
	}
	return a.Kind == actor.Deliver && int(a.To) == st.Proc && a.Msg.String() == st.Msg
}

// scriptN and scriptMsgs are the configuration of tableScript: p0 sends
// m0 and m1, p1 sends m2 and m3.
const scriptN, scriptMsgs = 2, 2

// tableScript is a schedule over an unordered network in which each
// process holds a committed message that must wait for a pending one with
// a smaller proposal, as in the text's table (m1, committed at 9, waits
// for m2): p1 at step 7 (m0 committed at 2 behind its own m2, proposed at
// 1) and p0 at step 11 (m1 committed at 4 behind m2, proposed at 3, which
// commits at 3 and goes first).
var tableScript = []scriptStep{
	{Proc: 0}, {Proc: 1}, // m0, m2
	{Proc: 1, Msg: "Data(m0)"}, {Proc: 0, Msg: "Ack(m0,2)"}, {Proc: 0, Msg: "Data(m2)"},
	{Proc: 0}, // m1
	{Proc: 1, Msg: "Commit(m0,2)"}, {Proc: 1, Msg: "Ack(m2,3)"}, {Proc: 1, Msg: "Data(m1)"},
	{Proc: 1}, // m3
	{Proc: 0, Msg: "Ack(m1,4)"}, {Proc: 0, Msg: "Commit(m2,3)"}, {Proc: 0, Msg: "Data(m3)"},
	{Proc: 1, Msg: "Commit(m1,4)"}, {Proc: 1, Msg: "Ack(m3,5)"}, {Proc: 0, Msg: "Commit(m3,5)"},
}

// replay runs script through the model's own Init and Next: at each step
// it takes the one successor whose action the step names. It returns the
// states (the initial one first) and the actions taken.
func replay(m *Model, script []scriptStep) ([]State, []Action, error) {
	var states []State
	m.Init(func(s State) { states = append(states, s) })
	if len(states) != 1 {
		return nil, nil, fmt.Errorf("totalorder: %d initial states, want 1", len(states))
	}
	var acts []Action
	for i, st := range script {
		var next []State
		m.Next(states[len(states)-1], func(a Action, s State) {
			if st.matches(a) {
				next = append(next, s)
				acts = append(acts, a)
			}
		})
		if len(next) != 1 {
			return nil, nil, fmt.Errorf("totalorder: script step %d (%+v): %d matching steps, want 1", i+1, st, len(next))
		}
		states = append(states, next[0])
	}
	return states, acts, nil
}

// tableArgs reads the table's options: -variant and -proc.
func tableArgs(args map[string]string) (variant string, proc int, err error) {
	for k, v := range args {
		switch k {
		case "variant":
			variant = v
		case "proc":
			if proc, err = strconv.Atoi(v); err != nil || proc < 0 || proc >= scriptN {
				return "", 0, fmt.Errorf("-proc %q: want 0..%d", v, scriptN-1)
			}
		default:
			return "", 0, fmt.Errorf("unknown option -%s (the totalorder table takes -variant and -proc)", k)
		}
	}
	return variant, proc, nil
}

// computeTable prints the buffer of one process (-proc, default p0) after
// each of its steps along tableScript, in the default variant or the one
// given with -variant.
func computeTable(r catalog.Runner) (*catalog.TableData, error) {
	variant, proc, err := tableArgs(r.Args())
	if err != nil {
		return nil, err
	}
	in := r.Spec("totalorder")
	if in == nil {
		return nil, fmt.Errorf("totalorder: the runner does not know the totalorder spec")
	}
	c, err := in.Defaults(variant)
	if err != nil {
		return nil, err
	}
	c = c.With("n", strconv.Itoa(scriptN)).With("msgs", strconv.Itoa(scriptMsgs))
	c.Network, c.Faults = actor.Unordered.String(), actor.Faults{}
	if c, err = in.Validate(c); err != nil {
		return nil, err
	}
	m, err := New(Config{N: scriptN, Msgs: scriptMsgs, Variant: c.Variant, Network: c.Net()})
	if err != nil {
		return nil, err
	}
	states, acts, err := replay(m, tableScript)
	if err != nil {
		return nil, err
	}
	t := &catalog.TableData{
		Title:   fmt.Sprintf("Total-order multicast: the buffer of p%d along a scripted run (p0 sends m0, m1; p1 sends m2, m3), %v", proc, c),
		Columns: []string{"step", "event", "message", "acknowledge time", "commit time", "delivered"},
		Rows:    bufferRows(Config{N: scriptN, Msgs: scriptMsgs}, states, acts, actor.ID(proc)),
		Notes: []string{
			"After each step of p" + strconv.Itoa(proc) + ", every message it has seen: its acknowledge time (its own proposal), the commit time or pending, and its place in p" + strconv.Itoa(proc) + "'s delivery order.",
			"The schedule is replayed through the model's steps; a pending proposal is a lower bound of the commit time, so a committed message waits behind it.",
		},
	}
	last := states[len(states)-1]
	for i := range last.Procs {
		t.Notes = append(t.Notes, fmt.Sprintf("p%d delivered %v.", i, last.Local(actor.ID(i)).Seq))
	}
	t.Notes = append(t.Notes, catalog.RunVerdicts(m.Properties(), states, acts)...)
	note, err := catalog.CheckedAtDefaults(r, in, c.Variant)
	if err != nil {
		return nil, err
	}
	t.Notes = append(t.Notes, note)
	return t, nil
}

// bufferRows returns, after each step of process id, one row per message
// it has seen, in its delivery order: delivered ones first, then its
// buffer by (time, id).
func bufferRows(cfg Config, states []State, acts []Action, id actor.ID) [][]string {
	var rows [][]string
	proposal := map[MsgID]uint8{} // id's acknowledge time of each message
	commit := map[MsgID]string{}  // its commit time, once known
	for i, a := range acts {
		if a.To != id {
			continue
		}
		p := states[i+1].Local(id)
		buf := slices.Clone(p.Buf)
		slices.SortFunc(buf, func(x, y Entry) int {
			if x.before(y) {
				return -1
			}
			return 1
		})
		// A message committed and delivered in one step leaves the buffer
		// at once: its commit time is in the Commit received, or, for
		// its sender, in the largest proposal.
		if a.Kind == actor.Deliver && a.Msg.Kind == Commit {
			commit[a.Msg.ID] = strconv.Itoa(int(a.Msg.Time))
		}
		for k := range int(p.Sent) {
			if p.Acks[k] == 1<<len(states[i].Procs)-1 {
				commit[cfg.ID(int(id), k+1)] = strconv.Itoa(int(p.Max[k]))
			}
		}
		for _, e := range buf {
			if _, ok := proposal[e.ID]; !ok {
				proposal[e.ID] = e.Time
			}
			commit[e.ID] = "pending"
			if e.Committed {
				commit[e.ID] = strconv.Itoa(int(e.Time))
			}
		}
		order := slices.Clone(p.Seq)
		for _, e := range buf {
			order = append(order, e.ID)
		}
		for k, m := range order {
			row := []string{"", "", m.String(), strconv.Itoa(int(proposal[m])), commit[m], ""}
			if k == 0 {
				row[0], row[1] = strconv.Itoa(i+1), a.String()
			}
			if k < len(p.Seq) {
				row[5] = "#" + strconv.Itoa(k+1)
			}
			rows = append(rows, row)
		}
	}
	return rows
}
