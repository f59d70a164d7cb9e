package twophase

import (
	"encoding/binary"
	"fmt"

	"github.com/protocheck/protocheck/model"
)

var _ model.Codec[State] = (*Model)(nil)

// AppendState implements model.Codec: a State is its word, eight bytes
// little-endian (the same bytes as its key).
func (m *Model) AppendState(dst []byte, s State) []byte { return appendKey(dst, s) }

// DecodeState implements model.Codec: it reads back the word AppendState
// wrote, and refuses one that is not a well-formed state of this model
// (TypeOK, and m's number of resource managers). Errors wrap
// model.ErrDecode.
func (m *Model) DecodeState(src []byte) (State, error) {
	if len(src) != 8 {
		return State{}, fmt.Errorf("%w: twophase: %d bytes, want 8", model.ErrDecode, len(src))
	}
	s := State{w: binary.LittleEndian.Uint64(src)}
	if !s.TypeOK() || s.N() != m.n {
		return State{}, fmt.Errorf("%w: twophase: %#x is not a state with %d resource managers", model.ErrDecode, s.w, m.n)
	}
	return s, nil
}
