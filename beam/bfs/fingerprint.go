package bfs

import (
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Fingerprints are explore's (explore.Fingerprint): the parent rule and
// the choice among discoveries compare fingerprints, so the same function
// is what makes this engine's traces the in-memory BFS's; the tests compare
// the traces' index paths step for step on every catalogue model.

// keyer fingerprints states, by their canonical representative under
// symmetry. It owns a buffer: one keyer per goroutine.
type keyer struct {
	m   model.Model[any, any]
	sym model.Symmetric[any] // nil: no reduction
	buf []byte
}

func newKeyer(m model.Model[any, any], symmetry bool) *keyer {
	k := &keyer{m: m, buf: make([]byte, 0, 256)}
	if symmetry {
		k.sym, _ = m.(model.Symmetric[any])
	}
	return k
}

func (k *keyer) fp(s any) uint64 {
	if k.sym != nil {
		s = k.sym.Canonical(s)
	}
	k.buf = k.m.AppendKey(k.buf[:0], s)
	return explore.Fingerprint(k.buf)
}

// collision is explore's estimate of the probability that a fingerprint
// collision hid a state among n.
func collision(n int64) float64 { return explore.CollisionProbability(n) }
