package causal

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model/actor"
)

// A scriptStep is one step of a scripted schedule: process Proc sends its
// next message (Msg ""), receives message Msg, or the network duplicates
// Msg on its way to Proc (Dup).
type scriptStep struct {
	Proc int
	Msg  string
	Dup  bool
}

// textScript is a schedule of the text's example (P1 is p0) whose receive
// events exercise every part of the rule: accept (R2_1), delay (R3_1), the
// later accept of a delayed message (R3_2), a delayed message examined
// again and kept (R1_2), and reject (R3_4, a duplicate of M1_2). Each
// process's receive events are numbered as in the text, R<process>_<k>.
var textScript = []scriptStep{
	{Proc: 0}, {Proc: 2}, // M1_1, M3_1
	{Proc: 1, Msg: "M1_1"},          // R2_1
	{Proc: 1},                       // M2_1, which depends on M1_1
	{Proc: 2, Msg: "M2_1"},          // R3_1: before M1_1
	{Proc: 2, Msg: "M1_1"},          // R3_2
	{Proc: 2}, {Proc: 0}, {Proc: 2}, // M3_2, M1_2, M3_3
	{Proc: 0, Msg: "M3_2"}, {Proc: 0, Msg: "M3_1"}, {Proc: 0, Msg: "M2_1"}, {Proc: 0, Msg: "M3_3"}, // R1_1..R1_4
	{Proc: 1, Msg: "M3_3"}, {Proc: 1, Msg: "M3_1"}, {Proc: 1, Msg: "M3_2"}, {Proc: 1, Msg: "M1_2"}, // R2_2..R2_5
	{Proc: 2, Msg: "M1_2", Dup: true},
	{Proc: 2, Msg: "M1_2"}, {Proc: 2, Msg: "M1_2"}, // R3_3, R3_4
}

// matches reports whether action a is the scripted step.
func (st scriptStep) matches(a Action) bool {
	switch {
	case st.Msg == "":
		return a.Kind == actor.Timeout && int(a.To) == st.Proc
	case st.Dup:
		return a.Kind == actor.Dup && int(a.To) == st.Proc && a.Msg.ID.String() == st.Msg
	}
	return a.Kind == actor.Deliver && int(a.To) == st.Proc && a.Msg.ID.String() == st.Msg
}

// replay runs script through the model's own Init and Next: at each step
// it takes the one successor whose action the step names. It returns the
// states (the initial one first) and the actions taken.
func replay(m *Model, script []scriptStep) ([]State, []Action, error) {
	var states []State
	m.Init(func(s State) { states = append(states, s) })
	if len(states) != 1 {
		return nil, nil, fmt.Errorf("causal: %d initial states, want 1", len(states))
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
			return nil, nil, fmt.Errorf("causal: script step %d (%+v): %d matching steps, want 1", i+1, st, len(next))
		}
		states = append(states, next[0])
	}
	return states, acts, nil
}

// computeTable prints the text's table for textScript, in the default
// variant or the one given with -variant.
func computeTable(r catalog.Runner) (*catalog.TableData, error) {
	variant := ""
	for k, v := range r.Args() {
		if k != "variant" {
			return nil, fmt.Errorf("unknown option -%s (the causal table takes -variant)", k)
		}
		variant = v
	}
	in := r.Spec("causal")
	if in == nil {
		return nil, fmt.Errorf("causal: the runner does not know the causal spec")
	}
	c, err := in.Defaults(variant)
	if err != nil {
		return nil, err
	}
	c = c.With("scenario", ScenarioText).With("n", strconv.Itoa(len(TextSends)))
	c.Faults = actor.Faults{Dup: 1} // the script duplicates one message
	if c, err = in.Validate(c); err != nil {
		return nil, err
	}
	m, err := New(Config{Sends: TextSends, Variant: c.Variant, Faults: c.Faults, Network: c.Net()})
	if err != nil {
		return nil, err
	}
	states, acts, err := replay(m, textScript)
	if err != nil {
		return nil, err
	}
	t := &catalog.TableData{
		Title:   "Causal order with vector clocks: the text's example (P1 sends M1_1, M1_2; P2 M2_1; P3 M3_1..M3_3), " + c.String(),
		Columns: []string{"Message", "Tx timestamp", "Rx event", "Action(s)", "VLC after Rx"},
		Rows:    tableRows(states, acts),
		Notes: []string{
			"Rows are the receive events in the order of a scripted schedule replayed through the model's steps; the actions are read off the states before and after.",
			"R3_4 receives the copy of M1_2 that the network duplicated: a thirteenth receive event beyond the text's twelve (only a duplicate can meet the reject test).",
		},
	}
	t.Notes = append(t.Notes, catalog.RunVerdicts(m.Properties(), states, acts)...)
	note, err := catalog.CheckedAtDefaults(r, in, c.Variant)
	if err != nil {
		return nil, err
	}
	t.Notes = append(t.Notes, note)
	return t, nil
}

// tableRows returns one row per receive event.
func tableRows(states []State, acts []Action) [][]string {
	var rows [][]string
	events := map[int]int{}          // receive events so far, by process
	delayedAt := map[[2]int]string{} // (process, message) -> the receive event that delayed it
	for i, a := range acts {
		if a.Kind != actor.Deliver {
			continue
		}
		p := int(a.To)
		events[p]++
		ev := "R" + strconv.Itoa(p+1) + "_" + strconv.Itoa(events[p])
		before, after := states[i].Local(a.To), states[i+1].Local(a.To)
		rows = append(rows, []string{a.Msg.ID.String(), a.Msg.T.Text(int(a.Msg.N)), ev,
			actions(before, after, a.Msg, p, ev, delayedAt), after.S.Text(int(after.N))})
	}
	return rows
}

// actions describes what a receive did, from the process's state before
// and after: the received message accepted, delayed or rejected, then any
// delayed message accepted or rejected when examined again.
func actions(before, after Proc, m Msg, p int, ev string, delayedAt map[[2]int]string) string {
	delivered := after.Seq[len(before.Seq):]
	var out []string
	switch {
	case len(delivered) > 0 && delivered[0] == m.ID:
		out = append(out, "accept")
		delivered = delivered[1:]
	case len(after.Delayed) > len(before.Delayed):
		out = append(out, "delay")
		delayedAt[[2]int{p, int(m.ID)}] = ev
	default:
		out = append(out, "reject")
	}
	for _, id := range delivered {
		out = append(out, "accept delayed "+id.String()+" (from "+delayedAt[[2]int{p, int(id)}]+")")
	}
	for i, d := range before.Delayed {
		if i > 0 && before.Delayed[i-1] == d {
			continue // copies are counted together
		}
		removed := count(before.Delayed, d) - count(after.Delayed, d)
		if slices.Contains(delivered, d.ID) {
			removed--
		}
		for range removed {
			out = append(out, "reject delayed "+d.ID.String())
		}
	}
	if len(after.Seq) > len(before.Seq) {
		for i, d := range after.Delayed {
			if i == 0 || after.Delayed[i-1] != d {
				out = append(out, d.ID.String()+" examined again: delay")
			}
		}
	}
	return strings.Join(out, "; ")
}

// count returns how many copies of m buf holds.
func count(buf []Msg, m Msg) int {
	n := 0
	for _, x := range buf {
		if x == m {
			n++
		}
	}
	return n
}
