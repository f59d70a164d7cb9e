package bfs

import (
	"encoding/binary"
	"fmt"

	"github.com/protocheck/protocheck/beam/load"
	"github.com/protocheck/protocheck/model"
)

// A Spec names the model a run explores in a form every worker can rebuild
// it from (see package load): DoFns carry it, serialized, instead of a
// model.
type Spec struct {
	Protocol string `json:"protocol"` // a catalogue protocol, or a name given to load.Register
	Config   string `json:"config"`   // its complete configuration line (load.Canonical)
	Symmetry bool   `json:"symmetry"` // key states by their canonical representative (only for a model that declares a symmetry)
}

// Open is what a level still checks: the properties not decided by the
// levels before it (decided ones are not checked again, as in
// explore.BFS).
type Open struct {
	Props    []int `json:"props"`    // indices of open Always and Sometimes properties
	Deadlock bool  `json:"deadlock"` // the deadlock check (only for a model that declares final states)
	Steps    []int `json:"steps"`    // indices of open step properties
}

// worker is a model built from a Spec with what expanding and checking its
// states needs. One per DoFn instance: it is not safe for concurrent use.
//
// Discoveries are numbered by slot: property i of Properties() is slot i,
// the deadlock check slot len(props), step property j slot len(props)+1+j,
// then a panic of model code while expanding a state and one while
// checking a new state's properties.
type worker struct {
	m      model.Model[any, any]
	codec  load.Codec
	k      *keyer
	props  []model.Property[any]
	steps  []model.StepProperty[any, any]
	finals model.Finaler[any] // nil: no deadlock check
	within func(any) bool     // nil: no state constraint
}

func newWorker(s Spec) (*worker, error) {
	m, codec, err := load.Build(s.Protocol, s.Config)
	if err != nil {
		return nil, err
	}
	if s.Symmetry && !model.HasSymmetry(m) {
		return nil, fmt.Errorf("bfs: symmetry reduction asked for, but %s declares no symmetry", s.Protocol)
	}
	w := &worker{m: m, codec: codec, k: newKeyer(m, s.Symmetry), props: m.Properties(), steps: model.StepProperties(m)}
	if model.HasFinal(m) {
		w.finals = m.(model.Finaler[any])
	}
	if c, ok := m.(model.Constrained[any]); ok {
		w.within = c.Within
	}
	return w, nil
}

func (w *worker) deadlockSlot() int        { return len(w.props) }
func (w *worker) stepSlot(j int) int       { return len(w.props) + 1 + j }
func (w *worker) expandPanicSlot() int     { return len(w.props) + 1 + len(w.steps) }
func (w *worker) checkPanicSlot() int      { return w.expandPanicSlot() + 1 }
func (w *worker) slots() int               { return w.checkPanicSlot() + 1 }
func (w *worker) stepOf(slot int) int      { return slot - len(w.props) - 1 }
func (w *worker) isStepSlot(slot int) bool { return slot > len(w.props) && slot < w.expandPanicSlot() }

// decode reads an encoded state and checks it against its fingerprint, so
// that a lossy codec is an error and not a silently different search.
func (w *worker) decode(fp uint64, enc []byte) (any, error) {
	s, err := w.codec.DecodeState(enc)
	if err != nil {
		return nil, fmt.Errorf("bfs: state %#x: %w", fp, err)
	}
	if got := w.k.fp(s); got != fp {
		return nil, fmt.Errorf("bfs: state %#x decodes to a state with fingerprint %#x: the model's codec loses information", fp, got)
	}
	return s, nil
}

// candidate encodes a successor for the anti-join: its fingerprint, its
// parent's, then the encoded state. It allocates: the slice goes to the
// runner, which may keep it.
func (w *worker) candidate(fp, parent uint64, t any) []byte {
	c := binary.LittleEndian.AppendUint64(make([]byte, 0, 64), fp)
	c = binary.LittleEndian.AppendUint64(c, parent)
	return w.codec.AppendState(c, t)
}

// expand expands the state fp (encoded as enc): it calls emit for every
// successor with another fingerprint, with the successor's candidate
// record, and find for every open check the state or its steps fail. It
// returns the number of successors Next yielded. A state outside the state
// constraint is not expanded. A panic in model code is a discovery
// (expandPanicSlot): the run reports it as explore.PanicProperty and stops
// after the level.
func (w *worker) expand(fp uint64, enc []byte, open *Open, emit func(uint64, []byte), find func(slot int, fp uint64)) (n int64, err error) {
	defer recoverAsFind(w.expandPanicSlot(), fp, find)
	s, err := w.decode(fp, enc)
	if err != nil {
		return 0, err
	}
	if w.within != nil && !w.within(s) {
		return 0, nil
	}
	w.m.Next(s, func(a, t any) {
		n++
		for _, j := range open.Steps {
			if !w.steps[j].Holds(s, a, t) {
				find(w.stepSlot(j), fp)
			}
		}
		tfp := w.k.fp(t)
		if tfp == fp {
			return // a step back to the same state
		}
		emit(tfp, w.candidate(tfp, fp, t))
	})
	if n == 0 && open.Deadlock && w.finals != nil && !w.finals.Final(s) {
		find(w.deadlockSlot(), fp)
	}
	return n, nil
}

// check evaluates the open Always and Sometimes properties on a new state;
// a panic in them is a discovery (checkPanicSlot).
func (w *worker) check(fp uint64, enc []byte, open *Open, find func(slot int, fp uint64)) (err error) {
	defer recoverAsFind(w.checkPanicSlot(), fp, find)
	if len(open.Props) == 0 {
		return nil
	}
	s, err := w.decode(fp, enc)
	if err != nil {
		return err
	}
	for _, i := range open.Props {
		p := &w.props[i]
		if p.Holds(s) == (p.Expect == model.ExpectSometimes) {
			find(i, fp)
		}
	}
	return nil
}

// recoverAsFind turns a panic in model code on state fp into a discovery
// for slot.
func recoverAsFind(slot int, fp uint64, find func(slot int, fp uint64)) {
	if r := recover(); r != nil {
		find(slot, fp)
	}
}
