package actor

import (
	"errors"
	"fmt"
)

// ErrReduction is wrapped by every error CheckReduction reports: a step
// that contradicts the system's Reduction declaration.
var ErrReduction = errors.New("actor: the step contradicts the Reduction declaration")

// CheckReduction checks one step (s, a, t) of the system against its
// Reduction's MaySend, as far as one step shows: every message the acting
// process sent was allowed in s (SendsInReply: only while handling a
// message from the receiver; SendsAfterReceive: only in a delivery or
// after one), and no process's answer for any other grew from s to t (but
// the receiver's SendsAfterReceive, at a delivery). Run on every step of a configuration, it shows that the
// declaration holds on every run of it: an answer covers the future
// because it never grows and covers each step. It returns nil when the
// system declares no Reduction or no MaySend, and an error wrapping
// ErrReduction otherwise.
//
// Observe cannot be checked step by step (properties are opaque); a test
// groups states by AppendObservation and checks that the properties agree
// within each group.
func (sys *System[P, M]) CheckReduction(s State[P, M], a Action[M], t State[P, M]) error {
	r := sys.cfg.Reduction
	if r == nil || r.MaySend == nil {
		return nil
	}
	x := a.subject()
	received := a.Kind == Deliver && !a.Lost // x's handler ran on a message
	if x < MaxProcs && a.Kind != Drop && a.Kind != Dup {
		sent := sentTo(&s, &t, x)
		for q := range ID(sys.n) {
			if q == x || sent&(1<<q) == 0 {
				continue
			}
			ans := r.MaySend(x, s.Procs[x].Local, q, sys.mayRestart(&s, x))
			if ans == SendsNever || (ans == SendsInReply && !(received && a.From == q)) || (ans == SendsAfterReceive && !received) {
				return fmt.Errorf("%w: %v sends to %v, but MaySend(%v, %v) is %v", ErrReduction, a, q, x, q, ans)
			}
		}
	}
	for y := range ID(sys.n) {
		rb, ra := sys.mayRestart(&s, y), sys.mayRestart(&t, y)
		for q := range ID(sys.n) {
			if q == y {
				continue
			}
			b, n := r.MaySend(y, s.Procs[y].Local, q, rb), r.MaySend(y, t.Procs[y].Local, q, ra)
			if n.rank() > b.rank() && !(y == x && received && b == SendsAfterReceive) {
				return fmt.Errorf("%w: after %v, MaySend(%v, %v) grows from %v to %v", ErrReduction, a, y, q, b, n)
			}
		}
	}
	return nil
}

// sentTo returns the processes x sent a message to in the step from s to
// t, as a bit set: the channels from x that hold more messages in t.
func sentTo[P Value, M Message](s, t *State[P, M], x ID) uint64 {
	var before, after [MaxProcs]int
	for i := range s.Net {
		if e := &s.Net[i]; e.From == x {
			before[e.To]++
		}
	}
	for i := range t.Net {
		if e := &t.Net[i]; e.From == x {
			after[e.To]++
		}
	}
	var sent uint64
	for q := range after {
		if after[q] > before[q] {
			sent |= 1 << q
		}
	}
	return sent
}

// AppendObservation appends the key of what the properties see of s by
// the Reduction's Observe: each process's observed local state, in id
// order. States with equal observations must be alike to every property.
func (sys *System[P, M]) AppendObservation(dst []byte, s State[P, M]) []byte {
	if sys.cfg.Reduction == nil {
		return sys.AppendKey(dst, s) // no declaration: properties may read anything
	}
	for p := range ID(sys.n) {
		dst = sys.observe(dst, p, &s)
	}
	return dst
}
