package actor_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/model/actor"
)

// TestContract checks the model contract (Init and Next deterministic, Next
// pure, keys canonical, Canonical idempotent) on a sample of each system
// TestRandomSchedules draws.
func TestContract(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sys, _ := actor.DrawFaultySystem(rt)
		exploretest.Contract(rt, sys, exploretest.ContractOptions{States: 100, Walks: 2, Depth: 30,
			Seed: rapid.Uint64().Draw(rt, "contract seed")})
	})
}

// TestTimedContract checks the model contract on timed systems.
func TestTimedContract(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sys, _ := actor.DrawTimedSystem(rt)
		exploretest.Contract(rt, sys, exploretest.ContractOptions{States: 100, Walks: 2, Depth: 30,
			Seed: rapid.Uint64().Draw(rt, "contract seed")})
	})
}
