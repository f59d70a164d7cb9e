package load

import (
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// A Codec writes a model's states to bytes and reads them back: the
// elements of the Beam engine's collections are encoded states. It is
// model.Codec for erased states.
type Codec = model.Codec[any]

// erased returns a built catalogue instance's erased model and its codec.
func erased(in *protocols.Instance) (model.Model[any, any], Codec, error) {
	m := in.Erased()
	c, err := model.CodecOf(m)
	if err != nil {
		return nil, nil, err
	}
	return m, c, nil
}
