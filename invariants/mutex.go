package invariants

import (
	"fmt"

	"github.com/protocheck/protocheck/model"
)

// Names of the mutual exclusion properties every DME spec checks.
const (
	PropMutex   = "mutual exclusion"
	PropGranted = "every request granted"
	// PropDeadlock is the name the engines give their deadlock check (a
	// reachable state with no step that is not final), for specs that list
	// it among a variant's violations. It equals explore.DeadlockProperty.
	PropDeadlock = "deadlock free"
)

// MutualExclusion is the safety property of distributed mutual exclusion:
// at most one of the n processes is in its critical section. inCS reports
// whether process i is in its critical section in s.
func MutualExclusion[S any](n int, inCS func(s S, i int) bool) model.Property[S] {
	return model.Always(PropMutex, func(s S) bool {
		in := 0
		for i := range n {
			if inCS(s, i) {
				in++
			}
		}
		return in <= 1
	})
}

// EveryRequestGranted is the liveness property of distributed mutual
// exclusion when each process asks a bounded number of times: on every
// fair behaviour, every process eventually has all its requests granted
// (no deadlock and no starvation). done reports whether process i has
// entered and left its critical section as often as it asks to.
func EveryRequestGranted[S any](n int, done func(s S, i int) bool) model.Property[S] {
	return model.Eventually(PropGranted, func(s S) bool { return AllDone(s, n, done) })
}

// AllDone reports whether done holds for every process: the final states
// of a DME spec (model.Finaler), so that any other state without a step is
// a deadlock.
func AllDone[S any](s S, n int, done func(s S, i int) bool) bool {
	for i := range n {
		if !done(s, i) {
			return false
		}
	}
	return true
}

// EntersCS returns one reachability witness per process: "p<i> enters its
// critical section" holds in some reachable state. They guard against a
// vacuous model in which nobody ever enters. Process i is named p<i>, as
// actor ids print.
func EntersCS[S any](n int, inCS func(s S, i int) bool) []model.Property[S] {
	out := make([]model.Property[S], n)
	for i := range n {
		out[i] = model.Sometimes(fmt.Sprintf("p%d enters its critical section", i), func(s S) bool { return inCS(s, i) })
	}
	return out
}
