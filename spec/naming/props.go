package naming

import (
	"slices"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Model is the directory as an actor system.
type Model = actor.System[Proc, Msg]

// State is a global state of the model.
type State = actor.State[Proc, Msg]

// Action is a step of the model.
type Action = actor.Action[Msg]

// New returns the model for cfg: the DUA p0 and DSA1..DSA3 as p1..p3.
func New(cfg Config) (*Model, error) {
	st, err := newSetup(cfg)
	if err != nil {
		return nil, err
	}
	return actor.New(actor.Config[Proc, Msg]{
		Actors:     []actor.Actor[Proc, Msg]{st.duaActor(), st.dsaActor(dsa1), st.dsaActor(dsa2), st.dsaActor(dsa3)},
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     timerNames,
		Properties: st.properties(),
		Final:      st.done,
	})
}

// Property names.
const (
	PropRight     = "answer right"
	PropCache     = "cache right"
	PropDetect    = "loop detection"
	PropAnswered  = "every query answered"
	PropReference = "reference followed"
	PropFound     = "entry found"
	PropNotFound  = "not-found answered"
	PropLoopError = "loop error answered"
)

// done reports whether the DUA has every answer.
func (st *setup) done(s State) bool { return int(s.Local(dua).Q) == len(st.queries) }

// properties returns the properties of the configuration: the safety and
// liveness ones always, and a reachability witness for each kind of answer
// the configuration's queries should get.
func (st *setup) properties() []model.Property[State] {
	props := []model.Property[State]{
		model.Always(PropRight, st.answersRight),
		model.Always(PropCache, st.cachesRight),
		model.Always(PropDetect, func(s State) bool {
			for d := dsa1; d <= dsa3; d++ {
				if s.Local(d).Revisit {
					return false
				}
			}
			return true
		}),
		model.Eventually(PropAnswered, st.done),
		model.Sometimes(PropReference, referenceFollowed),
	}
	for _, w := range []struct {
		prop string
		want func(Result) bool
	}{
		{PropFound, func(r Result) bool { return r >= firstEntry }},
		{PropNotFound, func(r Result) bool { return r == NotFound }},
		{PropLoopError, func(r Result) bool { return r == LoopError }},
	} {
		if !slices.ContainsFunc(st.expect[:], w.want) {
			continue
		}
		props = append(props, model.Sometimes(w.prop, func(s State) bool {
			ans := s.Local(dua).Answers
			return slices.ContainsFunc(ans[:], w.want)
		}))
	}
	return props
}

// answersRight: every answer the DUA has is the expected one (the entry,
// not-found only for a name the DIT lacks, a loop error only where the
// knowledge loops).
func (st *setup) answersRight(s State) bool {
	for i, a := range s.Local(dua).Answers {
		if a != NoResult && a != st.expect[i] {
			return false
		}
	}
	return true
}

// cachesRight: every cached answer is what the DIT says.
func (st *setup) cachesRight(s State) bool {
	for d := dsa1; d <= dsa3; d++ {
		for n, c := range s.Local(d).Cache {
			if c != NoResult && c != truth(queryNames[n]) {
				return false
			}
		}
	}
	return true
}

// referenceFollowed: a DSA has chained a request or referred the DUA (a
// knowledge reference is in use).
func referenceFollowed(s State) bool {
	for _, e := range s.Net {
		if e.Msg.Kind == Referral || (e.Msg.Kind == Request && e.From != dua) {
			return true
		}
	}
	return false
}
