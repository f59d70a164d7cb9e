package tokenring

import "github.com/protocheck/protocheck/model/actor"

// reduction declares what partial-order reduction (-por) may rely on. A
// process sends only to its successor on the ring, and only the token:
// while it holds it (in its critical section, or at rest), or once the
// token has come to it (it passes it on, or enters and later passes it on
// at exit). Its want timer sends nothing. The state properties read only
// whether a process is in its critical section. por_test.go checks both on
// every step of small rings.
func reduction(n int) *actor.Reduction[Proc, Msg] {
	return &actor.Reduction[Proc, Msg]{
		MaySend: func(from actor.ID, p Proc, to actor.ID, _ bool) actor.Sends {
			switch {
			case int(to) != (int(from)+1)%n:
				return actor.SendsNever
			case p.Phase == PhaseInCS || p.Token:
				return actor.SendsAny
			}
			return actor.SendsAfterReceive
		},
		Observe: func(_ actor.ID, p Proc) Proc {
			if p.Phase == PhaseInCS {
				return Proc{Phase: PhaseInCS}
			}
			return Proc{}
		},
	}
}
