package rpc

import (
	"fmt"
	"sync"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Counter is the sequential specification of the service, for porcupine:
// inc returns the new value, read the current one.
var Counter = invariants.SeqModel[int, OpKind, int]{
	Init: func() int { return 0 },
	Step: func(s int, in OpKind, out int) (bool, int) {
		if in == Inc {
			return out == s+1, s + 1
		}
		return out == s, s
	},
	Pending: func(s int, in OpKind) int {
		if in == Inc {
			return s + 1
		}
		return s
	},
	DescribeOp:    func(in OpKind, out int) string { return fmt.Sprintf("%v() -> %d", in, out) },
	DescribeState: func(s int) string { return fmt.Sprint(s) },
}

// History returns the client-visible history of s as porcupine operations.
// Times are positions in the recorded history. A call answered by anything
// but a reply (lost, server crashed, binding error) or never answered (the
// client crashed, or still waits) is pending: it may have been executed
// or not.
func History(s State) []invariants.Op[OpKind, int] {
	var ops []invariants.Op[OpKind, int]
	open := map[actor.ID]int{} // client -> index in ops of its open call
	for t, e := range s.History {
		switch e.Kind {
		case actor.Call:
			open[e.Client] = len(ops)
			ops = append(ops, invariants.Op[OpKind, int]{
				Client: int(e.Client - FirstClient), Input: e.Op.(Call).Op, Call: int64(t), Pending: true,
			})
		case actor.Return:
			i, ok := open[e.Client]
			if !ok {
				panic(fmt.Sprintf("rpc: return without call in history at %d: %v", t, e))
			}
			delete(open, e.Client)
			if o := e.Op.(Outcome); o.Kind == OK {
				ops[i].Output, ops[i].Return, ops[i].Pending = int(o.Val), int64(t), false
			}
		}
	}
	return ops
}

// Linearization checks the history of s with porcupine and returns the
// result, whose WriteHTML draws it.
func Linearization(s State) invariants.Linearization {
	_, lin := invariants.Linearizable(History(s), Counter)
	return lin
}

// linCache memoizes linearizability verdicts by history. Porcupine is
// costly next to a state step, and the states of a run share few distinct
// histories, so each is checked once. The cache is an optimization of a
// pure predicate: it does not change any verdict.
type linCache struct{ m sync.Map }

// holds reports whether the history of s is linearizable. The check runs
// in every state, with calls still in progress as pending operations. That
// is exact and finds the earliest violation: linearizability is
// prefix-closed (a history whose prefix is not linearizable is not either),
// and only a reply can make a linearizable history non-linearizable.
func (lc *linCache) holds(s State) bool {
	var buf [128]byte
	k := buf[:0]
	for _, e := range s.History {
		k = append(k, byte(e.Kind), byte(e.Client))
		k = e.Op.AppendKey(k)
	}
	if v, ok := lc.m.Load(string(k)); ok {
		return v.(bool)
	}
	ok, _ := invariants.Linearizable(History(s), Counter)
	lc.m.Store(string(k), ok)
	return ok
}

// execs returns the number of times client's call xid was executed.
func execs(s State, client actor.ID, x Xid) int {
	for _, e := range s.Local(Server).Execs {
		if e.Client == client && e.Xid == x {
			return int(e.N)
		}
	}
	return 0
}

// outcomes calls f on every answered call of the history.
func outcomes(s State, f func(client actor.ID, o Outcome) bool) bool {
	for _, e := range s.History {
		if e.Kind == actor.Return && !f(e.Client, e.Op.(Outcome)) {
			return false
		}
	}
	return true
}

// atMostOnce: no call is executed twice.
func atMostOnce(s State) bool {
	for _, e := range s.Local(Server).Execs {
		if e.N > 1 {
			return false
		}
	}
	return true
}

// atLeastOnce: a call the client saw succeed was executed.
func atLeastOnce(s State) bool {
	return outcomes(s, func(c actor.ID, o Outcome) bool { return o.Kind != OK || execs(s, c, o.Xid) > 0 })
}

// everyCallExecuted: every call that ended was executed (what maybe does
// not promise).
func everyCallExecuted(s State) bool {
	return outcomes(s, func(c actor.ID, o Outcome) bool { return execs(s, c, o.Xid) > 0 })
}

// someOutcome returns a predicate: some call ended with kind k and its
// execution count satisfies n (nil: any).
func someOutcome(k OutcomeKind, n func(int) bool) func(State) bool {
	return func(s State) bool {
		return !outcomes(s, func(c actor.ID, o Outcome) bool {
			return o.Kind != k || (n != nil && !n(execs(s, c, o.Xid)))
		})
	}
}

// noOrphan is the orphan property for cfg's kill rule. An orphan is a
// computation at the server of a client epoch that is gone.
//   - extermination (and none, which should do as well): a client that is
//     up and not waiting for its kill to be confirmed has no orphan left.
//   - expiration: a client that is up and not waiting out the lease has no
//     orphan left.
//   - server: no computation is older than the newest epoch the server has
//     heard of from its client.
func (cfg Config) noOrphan(s State) bool {
	srv := s.Local(Server)
	for _, r := range srv.Running {
		if cfg.Orphans == ServerKill {
			if r.Xid.Epoch < srv.Known[r.Client-FirstClient] {
				return false
			}
			continue
		}
		cl := s.Local(r.Client)
		if s.Up(r.Client) && cl.Phase != Killing && cl.Phase != Waiting && r.Xid.Epoch < cl.Epoch {
			return false
		}
	}
	return true
}

// properties lists the properties checked for cfg. Witnesses that need a
// fault are listed only when its budget allows it, so that every listed
// Sometimes can be witnessed.
func (cfg Config) properties() []model.Property[State] {
	lc := &linCache{}
	ps := []model.Property[State]{
		model.Always("linearizable", lc.holds),
		model.Always("at least once", atLeastOnce),
	}
	if cfg.Semantics != AtLeastOnce {
		ps = append(ps, model.Always("at most once", atMostOnce))
	}
	ps = append(ps,
		model.Always("no orphan outlives its kill rule", cfg.noOrphan),
		model.Always("stale port rejected", func(s State) bool { return !s.Local(Server).Discarded }),
		model.Sometimes("call succeeded", someOutcome(OK, nil)),
		// The liveness form of "no client waits forever" (the deadlock
		// check, through final, is its safety form).
		model.Eventually("every call ends", cfg.final),
	)
	f := cfg.Faults
	if cfg.Semantics == Maybe {
		// A timeout can be premature, so both witnesses need no fault.
		ps = append(ps,
			model.Always("every call executed", everyCallExecuted),
			model.Sometimes("gave up unexecuted", someOutcome(Lost, func(n int) bool { return n == 0 })),
			model.Sometimes("gave up although executed", someOutcome(Lost, func(n int) bool { return n > 0 })))
	}
	if cfg.Semantics == AtLeastOnce {
		ps = append(ps, model.Sometimes("executed twice", func(s State) bool { return !atMostOnce(s) }))
	}
	if cfg.Semantics == AtMostOnce {
		ps = append(ps, model.Sometimes("reply resent from cache", func(s State) bool { return s.Local(Server).Resent }))
	}
	if cfg.Semantics == AtMostOnce && f.Crash > 0 && f.Restart > 0 {
		ps = append(ps, model.Sometimes("server crash reported", someOutcome(ServerCrashed, nil)))
	}
	if cfg.Orphans != NoKill && f.Crash > 0 && f.Restart > 0 {
		ps = append(ps, model.Sometimes("orphan killed", func(s State) bool { return s.Local(Server).Killed }))
	}
	if cfg.Moved {
		ps = append(ps, model.Sometimes("binding error reported", someOutcome(BindError, nil)))
	}
	return ps
}

// final reports whether s is an intended end: every client is done, or
// down for good (no restart left in the budget). A reachable state with no
// step that is not final is a client waiting forever, which the engines
// report as a deadlock; "every call ends" is the liveness form.
func (cfg Config) final(s State) bool {
	restartLeft := int(s.Used.Restart) < cfg.Faults.Restart
	for i := 0; i < cfg.Clients; i++ {
		id := FirstClient + actor.ID(i)
		if (s.Up(id) && s.Local(id).Phase != Done) || (!s.Up(id) && restartLeft) {
			return false
		}
	}
	return true
}
