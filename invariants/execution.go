package invariants

import "github.com/protocheck/protocheck/model"

// The execution helpers take count(s, i): how many times operation i (a
// request, a message, a job; 0..n-1) has been executed in state s. They
// express the RPC semantics of net/rpc-style calls over a lossy network:
// at-most-once (a retry never re-executes), at-least-once (a call that is
// retried until answered executes), and exactly-once (both).

// AtMost reports whether every one of counts is at most k.
func AtMost(k int, counts ...int) bool {
	for _, c := range counts {
		if c > k {
			return false
		}
	}
	return true
}

// AtLeast reports whether every one of counts is at least k.
func AtLeast(k int, counts ...int) bool {
	for _, c := range counts {
		if c < k {
			return false
		}
	}
	return true
}

// countsOK reports whether lo <= count(s, i) <= hi for every i < n
// (hi < 0: no upper bound).
func countsOK[S any](s S, n int, count func(s S, i int) int, lo, hi int) bool {
	for i := 0; i < n; i++ {
		c := count(s, i)
		if c < lo || (hi >= 0 && c > hi) {
			return false
		}
	}
	return true
}

// AtMostOnce returns an Always property: no operation 0..n-1 is ever
// executed more than once.
func AtMostOnce[S any](name string, n int, count func(s S, i int) int) model.Property[S] {
	return model.Always(name, func(s S) bool { return countsOK(s, n, count, 0, 1) })
}

// AtLeastOnce returns an Eventually property: on every fair behaviour,
// every operation 0..n-1 is executed at some point.
func AtLeastOnce[S any](name string, n int, count func(s S, i int) int) model.Property[S] {
	return model.Eventually(name, func(s S) bool { return countsOK(s, n, count, 1, -1) })
}

// AtLeastOnceWhen returns an Always property: whenever done(s, i) holds
// (for example, the client of operation i received a reply), operation i
// has been executed at least once.
func AtLeastOnceWhen[S any](name string, n int, count func(s S, i int) int, done func(s S, i int) bool) model.Property[S] {
	return model.Always(name, func(s S) bool {
		for i := 0; i < n; i++ {
			if done(s, i) && count(s, i) < 1 {
				return false
			}
		}
		return true
	})
}

// ExactlyOnceWhen returns an Always property: no operation is executed
// more than once, and whenever done(s, i) holds, operation i has been
// executed exactly once.
func ExactlyOnceWhen[S any](name string, n int, count func(s S, i int) int, done func(s S, i int) bool) model.Property[S] {
	return model.Always(name, func(s S) bool {
		for i := 0; i < n; i++ {
			c := count(s, i)
			if c > 1 || (done(s, i) && c != 1) {
				return false
			}
		}
		return true
	})
}
