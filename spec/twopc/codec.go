package twopc

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// The fast path of the actor layer's state codec (actor.KeyDecoder): a
// process and a message are read back from their keys, so encoding a
// state is appending keys and decoding it takes no reflection.
var (
	_ actor.KeyDecoder[Proc] = Proc{}
	_ actor.KeyDecoder[Msg]  = Msg{}
)

// errKey is wrapped by DecodeKey's errors.
var errKey = errors.New("twopc: malformed key")

// DecodeKey implements actor.KeyDecoder: it reads the Proc whose key
// (AppendKey: Phase, Vote and Ever as bytes, then Votes as a varint)
// starts src.
func (Proc) DecodeKey(src []byte) (Proc, int, error) {
	if len(src) < 4 {
		return Proc{}, 0, fmt.Errorf("%w: %d bytes for a process", errKey, len(src))
	}
	if int(src[0]) >= len(phaseNames) {
		return Proc{}, 0, fmt.Errorf("%w: phase %d", errKey, src[0])
	}
	votes, n := binary.Uvarint(src[3:])
	if n <= 0 {
		return Proc{}, 0, fmt.Errorf("%w: bad votes varint", errKey)
	}
	p := Proc{Phase: Phase(src[0]), Vote: invariants.Vote(src[1]), Ever: invariants.DecisionSet(src[2]), Votes: votes}
	return p, 3 + n, nil
}

// DecodeKey implements actor.KeyDecoder: a message's key is its kind.
func (Msg) DecodeKey(src []byte) (Msg, int, error) {
	if len(src) < 1 || int(src[0]) >= len(kindNames) {
		return Msg{}, 0, fmt.Errorf("%w: not a message kind", errKey)
	}
	return Msg{Kind: Kind(src[0])}, 1, nil
}
