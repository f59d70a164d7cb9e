package ricartagrawala

import (
	"fmt"
	"io"
	"sync"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// PropLockLinearizable is the property that the critical section, seen as
// a lock object, behaves as a sequential lock: the history of acquire and
// release operations is linearizable (checked with porcupine). It is
// listed only when Config.History records that history.
const PropLockLinearizable = "lock linearizable"

// A LockOp is what a history event records about the lock: the operation
// called, or the response to it. One byte in the state key per event.
type LockOp uint8

// The lock's history entries. Entering the critical section calls Acquire
// and returns OK in the one step; leaving it calls Release and returns OK.
const (
	Acquire LockOp = iota // call: the process enters its critical section
	Release               // call: the process leaves its critical section
	OK                    // return: the operation took effect
)

var lockOpNames = [...]string{"acquire()", "release()", "ok"}

// AppendKey implements actor.Value.
func (o LockOp) AppendKey(dst []byte) []byte { return append(dst, byte(o)) }

// String returns "acquire()", "release()" or "ok".
func (o LockOp) String() string {
	if int(o) < len(lockOpNames) {
		return lockOpNames[o]
	}
	return "lockop?"
}

// A LockCall is the input of one lock operation for porcupine: which
// process called what. The lock's sequential model needs the caller,
// since only the holder may release.
type LockCall struct {
	Client int    // the calling process's id
	Op     LockOp // Acquire or Release
}

// String formats the call as "p1 acquire()".
func (c LockCall) String() string { return actor.ID(c.Client).String() + " " + c.Op.String() }

// free is the sequential lock's state when nobody holds it; otherwise the
// state is the holder's id.
const free = -1

// Lock is the sequential specification of a lock, for porcupine: acquire
// succeeds only when the lock is free and makes the caller its holder;
// release succeeds only when the caller holds it. Operations return
// nothing (struct{}). The model's histories have no pending operation
// (every call returns in its own step), so Lock has no Pending.
var Lock = invariants.SeqModel[int, LockCall, struct{}]{
	Init: func() int { return free },
	Step: func(s int, in LockCall, _ struct{}) (bool, int) {
		if in.Op == Acquire {
			return s == free, in.Client
		}
		return s == in.Client, free
	},
	DescribeOp:    func(in LockCall, _ struct{}) string { return in.Op.String() },
	DescribeState: describeHolder,
}

func describeHolder(s int) string {
	if s == free {
		return "free"
	}
	return "held by " + actor.ID(s).String()
}

// History returns the lock operations recorded in s as porcupine
// operations, oldest call first. Times are positions in s.History. It is
// empty unless the model records the history (Config.History).
func History(s State) []invariants.Op[LockCall, struct{}] {
	var ops []invariants.Op[LockCall, struct{}]
	var open [MaxN]int // client -> 1 + index in ops of its open call; 0: none
	for t, e := range s.History {
		c := int(e.Client)
		switch e.Kind {
		case actor.Call:
			open[c] = len(ops) + 1
			ops = append(ops, invariants.Op[LockCall, struct{}]{
				Client: c, Input: LockCall{Client: c, Op: e.Op.(LockOp)}, Call: int64(t), Pending: true,
			})
		case actor.Return:
			i := open[c] - 1
			if i < 0 {
				panic(fmt.Sprintf("ricartagrawala: return without call in history at %d: %v", t, e))
			}
			open[c] = 0
			ops[i].Return, ops[i].Pending = int64(t), false
		}
	}
	return ops
}

// Linearization checks the lock history of s with porcupine and returns
// the result, whose WriteHTMLPage draws it.
func Linearization(s State) invariants.Linearization {
	_, lin := invariants.Linearizable(History(s), Lock)
	return lin
}

// lockCache memoizes PropLockLinearizable's verdicts by history. The
// history changes only on an entry or an exit, so many states
// (every delivery in between) share one, and porcupine runs once per
// distinct history. The cache is an optimization of a pure predicate: it
// changes no verdict.
type lockCache struct{ m sync.Map }

// holds reports whether the lock history of s is linearizable. It runs in
// every state: exact, and it finds the earliest violation, since
// linearizability is prefix-closed.
func (lc *lockCache) holds(s State) bool {
	var buf [64]byte
	k := buf[:0]
	for _, e := range s.History {
		k = append(k, byte(e.Kind), byte(e.Client), byte(e.Op.(LockOp)))
	}
	if v, ok := lc.m.Load(string(k)); ok {
		return v.(bool)
	}
	ok, _ := invariants.Linearizable(History(s), Lock)
	lc.m.Store(string(k), ok)
	return ok
}

// viz writes porcupine's view of the lock history ending in s, for a
// violation of PropLockLinearizable or of mutual exclusion (two processes
// in the critical section is an acquire that returned while the lock was
// held: the same history, not linearizable).
func viz(w io.Writer, page catalog.Page, prop string, s State) error {
	if prop != PropLockLinearizable && prop != invariants.PropMutex {
		return catalog.ErrNoView
	}
	if len(s.History) == 0 {
		return fmt.Errorf("%w: no lock history recorded (run with -history on)", catalog.ErrNoView)
	}
	clients := make([]string, len(s.Procs))
	for i := range clients {
		clients[i] = actor.ID(i).String()
	}
	return Linearization(s).WriteHTMLPage(w, invariants.PageInfo{Protocol: page.Protocol, Params: page.Params,
		Property: page.Property, Verdict: page.Verdict, Clients: clients})
}
