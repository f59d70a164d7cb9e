package lamport

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

func mustNew(t require.TestingT, cfg Config) *Model {
	m, err := New(cfg)
	require.NoError(t, err)
	return m
}

// build returns the model of the named variant at its catalogue defaults,
// with the given parameters and network (when not empty) overridden.
func build(t *testing.T, variant, network string, params map[string]string) *Model {
	t.Helper()
	c, err := Spec.Resolve(catalog.Request{Variant: variant, Network: network, Params: params})
	require.NoError(t, err)
	m, err := Spec.Build(c)
	require.NoError(t, err)
	return m.(*Model)
}

// local returns process i's local state.
func local(s State, i int) Proc { return s.Local(actor.ID(i)) }

// counts formats a final state's measures for failure messages.
func counts(s State) string {
	return fmt.Sprintf("messages=%d entries=%d\n%v", Messages(s), Entries(s), s)
}

// overtakes reports whether on the trace a reply is delivered while a
// request its sender sent earlier (a smaller timestamp: every send
// advances the sender's clock) is still in flight on the same channel.
func overtakes(steps []model.Step) bool {
	for i := 1; i < len(steps); i++ {
		before, after := steps[i-1].State.(State), steps[i].State.(State)
		for _, e := range removed(before.Net, after.Net) {
			if e.Msg.Kind != Reply {
				continue
			}
			for _, f := range after.Net {
				if f.From == e.From && f.To == e.To && f.Msg.Kind == Request && f.Msg.TS < e.Msg.TS {
					return true
				}
			}
		}
	}
	return false
}

// removed returns the envelopes of before that after lacks (as multisets).
func removed(before, after []actor.Envelope[Msg]) []actor.Envelope[Msg] {
	left := append([]actor.Envelope[Msg](nil), after...)
	var out []actor.Envelope[Msg]
	for _, e := range before {
		i := slices.Index(left, e)
		if i < 0 {
			out = append(out, e)
			continue
		}
		left = slices.Delete(left, i, i+1)
	}
	return out
}

// successors returns the states the steps of s lead to.
func successors(m *Model, s State) []State {
	var out []State
	m.Next(s, func(_ Action, u State) { out = append(out, u) })
	return out
}
