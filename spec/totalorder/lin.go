package totalorder

import (
	"sync"

	"github.com/protocheck/protocheck/invariants"
)

// Log is the sequential specification of the replicated log that the
// deliveries build, for porcupine: each delivery reads the next position
// of one log (invariants.DeliveryLog).
var Log = invariants.DeliveryLog(MsgID.String)

// History returns the deliveries of s as operations on the log: process
// i's j-th delivery reads position j (invariants.LogHistory).
func History(s State) []invariants.Op[invariants.LogPos, MsgID] {
	seqs := make([][]MsgID, len(s.Procs))
	for i, p := range s.Procs {
		seqs[i] = p.Local.Seq
	}
	return invariants.LogHistory(seqs)
}

// Linearization checks the deliveries of s with porcupine and returns the
// result, whose WriteHTMLPage draws it.
func Linearization(s State) invariants.Linearization {
	_, lin := invariants.Linearizable(History(s), Log)
	return lin
}

// linCache memoizes porcupine's verdicts by the processes' delivery
// sequences: porcupine costs much more than a step, and many states share
// their deliveries. The cache does not change any verdict.
type linCache struct{ m sync.Map }

// holds reports whether the deliveries of s are linearizable as a log.
func (lc *linCache) holds(s State) bool {
	var buf [64]byte
	k := buf[:0]
	for _, p := range s.Procs {
		k = append(k, byte(len(p.Local.Seq)))
		for _, id := range p.Local.Seq {
			k = append(k, byte(id))
		}
	}
	if v, ok := lc.m.Load(string(k)); ok {
		return v.(bool)
	}
	ok, _ := invariants.Linearizable(History(s), Log)
	lc.m.Store(string(k), ok)
	return ok
}
