package rpc

import "encoding/gob"

// The history's operations are interface values (actor.Value): the actor
// layer's state codec sends them through gob, which must know their
// concrete types by name, in every process that encodes or decodes states
// (a disk engine, Beam workers).
func init() {
	gob.Register(Call{})
	gob.Register(Outcome{})
}
