package protocols

import "github.com/protocheck/protocheck/model"

// Erased returns the instance's model with its types erased
// (model.Erase of the built model): states and actions are the model's
// own, as any. Engines that run any model without knowing its types (the
// Beam engine) use it, with model.CodecOf(in.Erased()) for its states'
// bytes.
func (in *Instance) Erased() model.Model[any, any] { return in.erased }
