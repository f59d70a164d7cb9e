package ricartagrawala

import "encoding/gob"

// The lock history's operations are interface values (actor.Value): the
// actor layer's state codec sends them through gob, which must know their
// concrete type by name, in every process that encodes or decodes states
// (a disk engine, Beam workers).
func init() { gob.Register(LockOp(0)) }
