package ricartagrawala

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Phase is where a process stands with respect to its critical section.
type Phase uint8

// The phases. Ricart and Agrawala's Requesting_Critical_Section is true in
// PhaseWaiting and PhaseInCS.
const (
	PhaseIdle    Phase = iota // not asking (or finished)
	PhaseWaiting              // requested, waiting for the replies
	PhaseInCS                 // in its critical section
)

var phaseNames = [...]string{"idle", "waiting", "in-cs"}

// String returns the phase's name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase?"
}

// A Proc is the local state of one process: the variables of Ricart and
// Agrawala's algorithm (their names in parentheses) plus the bookkeeping
// of a bounded run.
type Proc struct {
	Phase    Phase  // Requesting_Critical_Section, and whether in it
	Our      uint8  // the pending request's sequence number (Our_Sequence_Number); 0 when idle
	Highest  uint8  // the largest sequence number seen in a request (Highest_Sequence_Number)
	Out      uint8  // replies still awaited (Outstanding_Reply_Count)
	Deferred uint8  // the processes whose requests wait for this one's exit (Reply_Deferred), a bit set of ids
	Done     uint8  // critical sections completed (entered and left)
	Sent     uint16 // messages sent so far (the "messages" measure)
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(p.Phase), p.Our, p.Highest, p.Out, p.Deferred, p.Done)
	return model.AppendUint(dst, uint64(p.Sent))
}

// String formats the process for traces, as
// "waiting our=2 highest=1 out=1 deferred={p2} done=0 sent=2".
func (p Proc) String() string {
	s := p.Phase.String()
	if p.Phase != PhaseIdle {
		s += fmt.Sprintf(" our=%d", p.Our)
	}
	s += fmt.Sprintf(" highest=%d", p.Highest)
	if p.Phase == PhaseWaiting {
		s += fmt.Sprintf(" out=%d", p.Out)
	}
	if p.Deferred != 0 {
		s += " deferred=" + actor.IDSet(uint64(p.Deferred))
	}
	return s + fmt.Sprintf(" done=%d sent=%d", p.Done, p.Sent)
}
