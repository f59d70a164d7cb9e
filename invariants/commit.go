package invariants

import "github.com/protocheck/protocheck/model"

// A Decision is the outcome a process of a commit protocol has reached.
type Decision uint8

const (
	// Undecided: the process has not decided (yet).
	Undecided Decision = iota
	// Commit: the process decided to commit.
	Commit
	// Abort: the process decided to abort.
	Abort
)

// String returns "undecided", "commit" or "abort".
func (d Decision) String() string {
	switch d {
	case Commit:
		return "commit"
	case Abort:
		return "abort"
	}
	return "undecided"
}

// A Vote is a participant's vote in the first phase of a commit protocol.
type Vote uint8

const (
	// NoVote: the process has not voted.
	NoVote Vote = iota
	// Yes: the process voted to commit (it is prepared).
	Yes
	// No: the process voted to abort.
	No
)

// String returns "none", "yes" or "no".
func (v Vote) String() string {
	switch v {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "none"
}

// A DecisionSet is the set of decisions a process has ever taken: a
// monotone (ghost) record that a spec keeps in its state so that a changed
// decision stays visible after it is overwritten or lost in a crash.
type DecisionSet uint8

// Add returns the set with d added (Undecided adds nothing).
func (ds DecisionSet) Add(d Decision) DecisionSet {
	if d == Undecided {
		return ds
	}
	return ds | 1<<d
}

// Has reports whether d is in the set.
func (ds DecisionSet) Has(d Decision) bool { return d != Undecided && ds&(1<<d) != 0 }

// Agree reports whether no two of the decisions differ, ignoring
// Undecided ones.
func Agree(ds ...Decision) bool {
	return agree(len(ds), func(i int) Decision { return ds[i] })
}

// agree reports whether no two of the n decisions decision(i) differ,
// ignoring Undecided ones.
func agree(n int, decision func(i int) Decision) bool {
	seen := Undecided
	for i := 0; i < n; i++ {
		d := decision(i)
		if d == Undecided {
			continue
		}
		if seen != Undecided && d != seen {
			return false
		}
		seen = d
	}
	return true
}

// Atomicity returns an Always property: among processes 0..n-1, no two
// decide differently (no process commits while another aborts). decision
// returns process i's decision in s.
func Atomicity[S any](name string, n int, decision func(s S, i int) Decision) model.Property[S] {
	return model.Always(name, func(s S) bool {
		return agree(n, func(i int) Decision { return decision(s, i) })
	})
}

// Valid reports whether a commit is allowed by the votes: every vote is
// Yes. An abort is always valid.
func Valid(votes ...Vote) bool {
	for _, v := range votes {
		if v != Yes {
			return false
		}
	}
	return true
}

// Validity returns an Always property: if any of processes 0..n-1 has
// decided Commit, then every voter 0..voters-1 voted Yes. decision and vote
// return a process's decision and vote in s (indices may coincide, or the
// voters may be a subset, e.g. the participants but not the coordinator).
func Validity[S any](name string, n, voters int, decision func(s S, i int) Decision, vote func(s S, i int) Vote) model.Property[S] {
	return model.Always(name, func(s S) bool {
		committed := false
		for i := 0; i < n && !committed; i++ {
			committed = decision(s, i) == Commit
		}
		if !committed {
			return true
		}
		for i := 0; i < voters; i++ {
			if vote(s, i) != Yes {
				return false
			}
		}
		return true
	})
}

// Irrevocable returns an Always property: none of processes 0..n-1 has
// ever taken two different decisions. ever returns the DecisionSet the
// spec records for process i.
func Irrevocable[S any](name string, n int, ever func(s S, i int) DecisionSet) model.Property[S] {
	return model.Always(name, func(s S) bool {
		for i := 0; i < n; i++ {
			if ds := ever(s, i); ds.Has(Commit) && ds.Has(Abort) {
				return false
			}
		}
		return true
	})
}

// AllDecided returns an Eventually property: on every fair behaviour,
// processes 0..n-1 all reach a decision at some point.
func AllDecided[S any](name string, n int, decision func(s S, i int) Decision) model.Property[S] {
	return model.Eventually(name, func(s S) bool {
		for i := 0; i < n; i++ {
			if decision(s, i) == Undecided {
				return false
			}
		}
		return true
	})
}
