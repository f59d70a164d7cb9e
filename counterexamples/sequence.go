package counterexamples

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// A Sequence is an actor trace as a sequence diagram shows it, for
// renderers other than Mermaid (the explorer draws it as SVG). It holds
// what WriteMermaid writes, as data.
type Sequence struct {
	Lifelines []Lifeline // the processes, in id order
	Events    []SeqEvent // in the order they are drawn, top to bottom
	Loop      int        // the step a lasso's loop starts after (Trace.Loop); -1 for a finite path
	Steps     int        // the number of steps after the initial state
	_         struct{}   // forbids positional literals
}

// A Lifeline is one process: its id as labels write it ("p1") and its
// name as the state's fields write it ("p1(participant)").
type Lifeline struct {
	ID, Name string
}

// Kinds of SeqEvent.
const (
	SeqMessage = "message" // a delivered message: an arrow From -> To
	SeqDrop    = "drop"    // a message lost: a crossed arrow From -> To
	SeqDup     = "dup"     // a message duplicated: a note over From and To
	SeqNote    = "note"    // a step of one process (timeout, crash, restart) or of the network, over From..To
	SeqState   = "state"   // what a step changed in a process's local state (the whole state at step 0), over From
	SeqHistory = "history" // an event added to the history, over From..To
)

// A SeqEvent is one element of a sequence diagram.
type SeqEvent struct {
	Step     int    // the step it belongs to; 0 for the initial state's notes
	Kind     string // SeqMessage, SeqDrop, SeqDup, SeqNote, SeqState or SeqHistory
	From, To string // lifeline ids: an arrow's ends, or the first and last lifeline a note spans (equal for one)
	Text     string // the message, or the note's text; step events start with the step number ("3. Prepare")
}

// SequenceOf describes an actor model's trace as a sequence diagram, as
// WriteMermaid draws it: an arrow per delivered message, a crossed arrow
// per dropped one, notes for timeouts, crashes, restarts, partitions and
// duplicates, a note with each process's initial state and after each step
// a note over every process whose local state changed, and a note for
// every event added to the history. It returns an error for a trace whose
// labels are not the actor layer's.
func SequenceOf(t *model.Trace) (*Sequence, error) {
	procs, err := lifelines(t)
	if err != nil {
		return nil, err
	}
	sq := &Sequence{Loop: t.Loop, Steps: t.Len()}
	ids := make([]string, len(procs))
	for i, p := range procs {
		ids[i] = p.id
		sq.Lifelines = append(sq.Lifelines, Lifeline{ID: p.id, Name: p.name})
	}
	var prev []field
	var prevEvents int
	for i, s := range t.Steps {
		if i > 0 {
			sq.Events = append(sq.Events, seqStep(i, s.Action, ids))
		}
		cur := flatten(s.State)
		for _, p := range procs {
			if change := procChange(prev, cur, p.name, i == 0); change != "" {
				sq.Events = append(sq.Events, SeqEvent{Step: i, Kind: SeqState, From: p.id, To: p.id, Text: change})
			}
		}
		prev = cur
		if el, ok := s.State.(eventLister); ok {
			events := el.HistoryEvents()
			for _, e := range events[min(prevEvents, len(events)):] {
				from, to := spanOf(lifelineOf(e[0], ids))
				sq.Events = append(sq.Events, SeqEvent{Step: i, Kind: SeqHistory, From: from, To: to, Text: "history: " + e[1]})
			}
			prevEvents = len(events)
		}
	}
	return sq, nil
}

// seqStep is step i as an event (the label is known to be an actor step).
func seqStep(i int, label string, ids []string) SeqEvent {
	num := fmt.Sprintf("%d. ", i)
	if m := msgLabel.FindStringSubmatch(label); m != nil {
		kind := map[string]string{"deliver": SeqMessage, "drop": SeqDrop, "dup": SeqDup}[m[1]]
		text := num + m[4]
		if kind == SeqDup {
			text += " duplicated"
		}
		return SeqEvent{Step: i, Kind: kind, From: m[2], To: m[3], Text: text}
	}
	if m := timeoutLabel.FindStringSubmatch(label); m != nil {
		return SeqEvent{Step: i, Kind: SeqNote, From: m[1], To: m[1], Text: num + "timeout " + m[2]}
	}
	if m := procLabel.FindStringSubmatch(label); m != nil {
		return SeqEvent{Step: i, Kind: SeqNote, From: m[2], To: m[2], Text: num + m[1]}
	}
	from, to := "p0", "p0"
	if len(ids) > 0 {
		from, to = ids[0], ids[len(ids)-1]
	}
	return SeqEvent{Step: i, Kind: SeqNote, From: from, To: to, Text: num + label} // partition, heal
}

// spanOf splits a Note target ("p0,p2" or "p1") into its ends.
func spanOf(target string) (string, string) {
	if a, b, ok := strings.Cut(target, ","); ok {
		return a, b
	}
	return target, target
}
