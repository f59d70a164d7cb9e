// Package pack defines the compact form in which a model may keep its
// states while they wait in a BFS frontier (explore's BFS and one-pass
// engines). A frontier holds a whole level of states, and at millions of
// states their size decides a run's peak memory: an actor system's State is
// 112 bytes of slice headers and pointers, most of them redundant with the
// cached vectors it points to, and packs into 48.
//
// The package is internal: the form is an agreement between the engines
// and the model packages of this module (model/actor), not a promise to
// users, whose models are stored as they are.
package pack

import "unsafe"

// State is a packed state: three references, which keep what they point to
// alive, and three words. Only the packer that made it reads it.
type State struct {
	Refs  [3]unsafe.Pointer
	Words [3]uint64
}

// A Packer is a model whose states the engines may store packed. Unpack
// must return a state equal to the one packed in every respect a property,
// a step or a key can see, for any number of Unpack calls.
type Packer[S any] interface {
	PackState(s S) State
	UnpackState(p *State) S
}
