// Package testmodel is a small model for the Beam engine's tests, written
// against the erased interfaces (model.Model[any, any], model.Codec[any])
// and registered with package load as "counters". Importing it registers
// it, in the test process and so in prism's in-process workers.
//
// A state is n counters in 0..k. A step raises one counter by one ("inc
// i"); with jump=1 a counter at 0 may also jump to 2 ("jump i"). The run
// ends when every counter is at k (final). Options make it fail in each
// way the engine checks:
//
//	limit=L  Always "bounded": the counters sum to at most L (default n*k: holds)
//	dead=1   no step from a state whose first counter is k-1 and second 0: a deadlock
//	jump=1   the step property "one at a time" fails on a jump
//	sym=1    declares the counters interchangeable (symmetry reduction)
//	bound=B  a state constraint: states whose counters sum to B or more are not expanded
//	panicnext=D  Next panics on the state whose counters are the digits D ("210")
//	panicprop=D  the predicate of "bounded" panics on that state
//	panicinit=1  Init panics
//
// Sometimes "all full" is reached whenever k > 0, and Eventually "ends"
// is a liveness property, which the Beam engine reports as not checked.
package testmodel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/beam/load"
	"github.com/protocheck/protocheck/model"
)

// Name is the name the model is registered under.
const Name = "counters"

func init() {
	load.Register(Name, func(config string) (model.Model[any, any], error) { return New(config) })
}

// State is the counters' values.
type State [4]uint8

// Model is the counters model; see the package doc.
type Model struct {
	n, k, limit, bound int
	dead, jump, sym    bool
	panicNext          string // Next panics on the state with these counters ("" none)
	panicProp          string // "bounded" panics on the state with these counters ("" none)
	panicInit          bool   // Init panics
}

// New builds the model from a line such as "n=3 k=2 limit=4 dead=1".
func New(config string) (*Model, error) {
	m := &Model{n: 2, k: 2, limit: -1}
	for _, tok := range strings.Fields(config) {
		key, val, _ := strings.Cut(tok, "=")
		switch key {
		case "panicnext":
			m.panicNext = val
			continue
		case "panicprop":
			m.panicProp = val
			continue
		}
		v, err := strconv.Atoi(val)
		if err != nil {
			return nil, fmt.Errorf("counters: %q: %v", tok, err)
		}
		switch key {
		case "n":
			m.n = v
		case "k":
			m.k = v
		case "limit":
			m.limit = v
		case "dead":
			m.dead = v == 1
		case "jump":
			m.jump = v == 1
		case "sym":
			m.sym = v == 1
		case "bound":
			m.bound = v
		case "panicinit":
			m.panicInit = v == 1
		default:
			return nil, fmt.Errorf("counters: unknown key %q", key)
		}
	}
	if m.n < 1 || m.n > len(State{}) || m.k < 1 || m.k > 9 {
		return nil, fmt.Errorf("counters: want 1 <= n <= 4 and 1 <= k <= 9")
	}
	if m.limit < 0 {
		m.limit = m.n * m.k
	}
	return m, nil
}

// Init implements model.Model.
func (m *Model) Init(yield func(any)) {
	if m.panicInit {
		panic("counters: Init")
	}
	yield(State{})
}

// Next implements model.Model.
func (m *Model) Next(s any, yield func(any, any)) {
	st := s.(State)
	if m.panicNext != "" && m.digits(st) == m.panicNext {
		panic("counters: Next on " + m.panicNext)
	}
	if m.dead && m.k > 1 && st[0] == uint8(m.k-1) && st[1] == 0 {
		return
	}
	for i := 0; i < m.n; i++ {
		if int(st[i]) < m.k {
			t := st
			t[i]++
			yield("inc "+strconv.Itoa(i), t)
		}
		if m.jump && st[i] == 0 && m.k >= 2 {
			t := st
			t[i] = 2
			yield("jump "+strconv.Itoa(i), t)
		}
	}
}

// AppendKey implements model.Model.
func (m *Model) AppendKey(dst []byte, s any) []byte {
	st := s.(State)
	return append(dst, st[:m.n]...)
}

// Properties implements model.Model.
func (m *Model) Properties() []model.Property[any] {
	return []model.Property[any]{
		model.Always[any]("bounded", func(s any) bool {
			if m.panicProp != "" && m.digits(s.(State)) == m.panicProp {
				panic("counters: bounded on " + m.panicProp)
			}
			return m.sum(s) <= m.limit
		}),
		model.Sometimes[any]("all full", m.Final),
		model.Eventually[any]("ends", m.Final),
	}
}

// StepProperties implements model.StepChecker.
func (m *Model) StepProperties() []model.StepProperty[any, any] {
	return []model.StepProperty[any, any]{
		model.AlwaysStep[any, any]("one at a time", func(s, _, t any) bool { return m.sum(t)-m.sum(s) <= 1 }),
	}
}

// Final implements model.Finaler: every counter at k.
func (m *Model) Final(s any) bool { return m.sum(s) == m.n*m.k }

// Within implements model.Constrained: every state without bound=B.
func (m *Model) Within(s any) bool { return m.bound == 0 || m.sum(s) < m.bound }

// Canonical implements model.Symmetric: the counters sorted.
func (m *Model) Canonical(s any) any {
	st := s.(State)
	slices.Sort(st[:m.n])
	return st
}

// Declares implements model.Declarer.
func (m *Model) Declares() model.Capabilities {
	return model.Capabilities{Final: true, Symmetry: m.sym}
}

// AppendState implements model.Codec.
func (m *Model) AppendState(dst []byte, s any) []byte {
	st := s.(State)
	return append(dst, st[:]...)
}

// DecodeState implements model.Codec.
func (m *Model) DecodeState(src []byte) (any, error) {
	var st State
	if len(src) != len(st) {
		return nil, fmt.Errorf("%w: counters: %d bytes", model.ErrDecode, len(src))
	}
	copy(st[:], src)
	return st, nil
}

// digits writes the counters of st as decimal digits, "210" for 2, 1, 0.
func (m *Model) digits(st State) string {
	var b strings.Builder
	for _, c := range st[:m.n] {
		b.WriteByte('0' + c)
	}
	return b.String()
}

func (m *Model) sum(s any) int {
	st := s.(State)
	n := 0
	for _, c := range st[:m.n] {
		n += int(c)
	}
	return n
}
