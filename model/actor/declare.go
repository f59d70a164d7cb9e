package actor

import "github.com/protocheck/protocheck/model"

// Declares implements model.Declarer. A System has every optional method,
// but only what its Config gives it counts: final states when Config.Final
// is set (so "deadlock free" is checked and reported only then), symmetry
// when Config.Symmetry lists a group (so symmetry reduction is refused
// without one), partial-order reduction when Config.Reduction is set (see
// Ample), and weak fairness always (see FairClass).
func (sys *System[P, M]) Declares() model.Capabilities {
	return model.Capabilities{
		Final:     sys.cfg.Final != nil,
		Symmetry:  len(sys.cfg.Symmetry) > 0,
		Fairness:  true,
		Reduction: sys.cfg.Reduction != nil,
	}
}
