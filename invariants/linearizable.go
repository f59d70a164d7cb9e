package invariants

import (
	"fmt"
	"io"

	"github.com/anishathalye/porcupine"
)

// A SeqModel is a sequential specification of an object (a register, a
// counter, a key-value store): the typed counterpart of porcupine.Model, so
// that specs never handle interface{} values. St is the object's state, In an
// operation's input and Out its output.
//
// Every function must be pure: it must not mutate the states, inputs or
// outputs it is given (porcupine explores many linearizations from one
// state).
type SeqModel[St, In, Out any] struct {
	// Init returns the initial state. Required.
	Init func() St
	// Step reports whether the operation (in, out) may be applied to s, and
	// the state after it. Required.
	Step func(s St, in In, out Out) (bool, St)
	// Pending returns the state after an operation whose response was never
	// seen (see Op.Pending) takes effect: whatever its output was, nobody
	// observed it. Required only for histories with pending operations:
	// Linearizable panics on one when Pending is nil (a programming error).
	Pending func(s St, in In) St
	// Equal reports whether two states are equal. Nil means ==, which needs a
	// comparable St.
	Equal func(a, b St) bool
	// DescribeOp renders an operation for the HTML view, e.g. "inc() -> 2".
	// Nil means fmt's %v of the input and output. A pending operation is
	// rendered "<input> -> ? (pending)" with %v of the input, so give In a
	// String method.
	DescribeOp func(in In, out Out) string
	// DescribeState renders a state for the HTML view. Nil means %v.
	DescribeState func(s St) string
	_             struct{} // forbids positional literals
}

// An Op is one operation of a history as a client saw it: the call and, unless
// Pending, the return. Times are logical (the sequence numbers of the call and
// return events in the model's history), never wall-clock readings; an
// operation whose interval ends before another's begins precedes it in real
// time, and closed intervals that overlap are concurrent.
type Op[In, Out any] struct {
	Client  int   // the calling client, zero-indexed (porcupine's ClientId)
	Input   In    // the call's arguments
	Output  Out   // the response; ignored when Pending
	Call    int64 // logical time of the call event
	Return  int64 // logical time of the return event; ignored when Pending
	Pending bool  // no response was seen: the client crashed, gave up or still waits
	_       struct{}
}

// A Linearization is the verbose outcome of a linearizability check: the
// verdict and what porcupine needs to draw the history.
type Linearization struct {
	OK    bool // the history is linearizable
	model porcupine.Model
	info  porcupine.LinearizationInfo
	ops   []porcupine.Operation // the history as checked; an operation's id is its index
}

// pendingOut is the output porcupine sees for a pending operation: the
// wrapped Step then applies SeqModel.Pending instead of SeqModel.Step.
type pendingOut struct{}

// Linearizable reports whether history is linearizable with respect to m: the
// operations can be put in one sequential order that respects real time
// (an operation that returned before another was called comes first) and in
// which every response is the one m gives.
//
// A pending operation may take effect at any point after its call, or never:
// it is given a return time later than every event of the history, and no
// output (m.Pending applies it). That is the standard treatment of
// indeterminate operations (a crashed client, a lost reply): linearizing it
// last is the same as it never taking effect.
//
// The check has no timeout, so it always decides; it is exponential in the
// number of concurrent operations, so keep histories small (a model state's
// history is). The returned Linearization feeds WriteHTML and WriteHTMLPage.
func Linearizable[St, In, Out any](history []Op[In, Out], m SeqModel[St, In, Out]) (bool, Linearization) {
	pm := m.porcupine()
	ops := operations(history, m.Pending != nil)
	res, info := porcupine.CheckOperationsVerbose(pm, ops, 0)
	ok := res == porcupine.Ok
	return ok, Linearization{OK: ok, model: pm, info: info, ops: ops}
}

// WriteHTML writes porcupine's interactive HTML view of the checked history to
// w: the operations per client on a time line and, for a history that is not
// linearizable, the longest partial linearizations and where they get stuck.
func (l Linearization) WriteHTML(w io.Writer) error {
	if l.model.Init == nil {
		return fmt.Errorf("invariants: WriteHTML on a zero Linearization")
	}
	return porcupine.Visualize(l.model, l.info, w)
}

// operations converts a typed history into porcupine's operations, in the
// given order. Pending operations return after every event of the history.
func operations[In, Out any](history []Op[In, Out], havePending bool) []porcupine.Operation {
	var end int64
	for _, op := range history {
		end = max(end, op.Call, op.Return)
	}
	out := make([]porcupine.Operation, 0, len(history))
	for _, op := range history {
		po := porcupine.Operation{ClientId: op.Client, Input: op.Input, Call: op.Call, Output: op.Output, Return: op.Return}
		if op.Pending {
			if !havePending {
				panic(fmt.Sprintf("invariants: pending operation %v of client %d but SeqModel.Pending is nil", op.Input, op.Client))
			}
			po.Output, po.Return = pendingOut{}, end+1
		}
		out = append(out, po)
	}
	return out
}

// porcupine erases m into a porcupine.Model.
func (m SeqModel[St, In, Out]) porcupine() porcupine.Model {
	pm := porcupine.Model{
		Init: func() any { return m.Init() },
		Step: func(s, in, out any) (bool, any) {
			if _, ok := out.(pendingOut); ok {
				return true, m.Pending(s.(St), in.(In))
			}
			return m.Step(s.(St), in.(In), out.(Out))
		},
		DescribeOperation: func(in, out any) string {
			if _, ok := out.(pendingOut); ok {
				return fmt.Sprintf("%v -> ? (pending)", in)
			}
			if m.DescribeOp != nil {
				return m.DescribeOp(in.(In), out.(Out))
			}
			return fmt.Sprintf("%v -> %v", in, out)
		},
		DescribeState: func(s any) string {
			if m.DescribeState != nil {
				return m.DescribeState(s.(St))
			}
			return fmt.Sprintf("%v", s)
		},
	}
	if m.Equal != nil {
		pm.Equal = func(a, b any) bool { return m.Equal(a.(St), b.(St)) }
	}
	return pm
}
