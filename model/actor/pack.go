package actor

import (
	"unsafe"

	"github.com/protocheck/protocheck/internal/pack"
)

// Packing (internal/pack). A state that a System made holds its process
// vector and network twice: as the slices Procs and Net and as the cache
// entries they come from (pe, ne). Packed, it keeps the entries, its
// history's array and its small fields in 48 bytes instead of 112, which
// is what a BFS frontier of millions of states is made of. A state whose
// vectors are not those of its entries (built by hand, decoded, or changed
// after the fact) or that another System made is packed as a copy on the
// heap instead, so unpacking always gives back an equal state.

// packBoxed marks, in Words[0], a packed state that is a pointer to a copy.
const packBoxed = 1 << 63

// PackState implements the engines' packing (internal/pack): the
// frontier of a BFS keeps states in this form.
func (sys *System[P, M]) PackState(s State[P, M]) pack.State {
	if s.names != sys.names || !sameSlice(s.Procs, s.pe) || !sameNet(s.Net, s.ne) || cap(s.History) > 1<<32-1 {
		c := s
		return pack.State{Refs: [3]unsafe.Pointer{unsafe.Pointer(&c)}, Words: [3]uint64{packBoxed}}
	}
	u := s.Used
	p := pack.State{
		Refs: [3]unsafe.Pointer{unsafe.Pointer(s.pe), unsafe.Pointer(s.ne)},
		Words: [3]uint64{
			uint64(u.Drop) | uint64(u.Dup)<<8 | uint64(u.Crash)<<16 | uint64(u.Restart)<<24 |
				uint64(u.Partition)<<32 | uint64(s.Ticks)<<40,
			s.Cut,
		},
	}
	if s.History != nil {
		p.Refs[2] = unsafe.Pointer(unsafe.SliceData(s.History))
		p.Words[2] = uint64(len(s.History)) | uint64(cap(s.History))<<32
	}
	return p
}

// UnpackState implements the engines' packing: it returns the state
// PackState packed.
func (sys *System[P, M]) UnpackState(p *pack.State) State[P, M] {
	w := p.Words[0]
	if w&packBoxed != 0 {
		return *(*State[P, M])(p.Refs[0])
	}
	pe, ne := (*procsEntry[P])(p.Refs[0]), (*netEntry[M])(p.Refs[1])
	s := State[P, M]{
		Procs: pe.procs,
		Net:   ne.net,
		Used: Used{Drop: uint8(w), Dup: uint8(w >> 8), Crash: uint8(w >> 16), Restart: uint8(w >> 24),
			Partition: uint8(w >> 32)},
		Ticks: uint16(w >> 40),
		Cut:   p.Words[1],
		names: sys.names,
		pe:    pe,
		ne:    ne,
	}
	if h := p.Refs[2]; h != nil {
		s.History = unsafe.Slice((*Event)(h), p.Words[2]>>32)[:uint32(p.Words[2])]
	}
	return s
}

// sameSlice reports whether procs are the vector of entry e.
func sameSlice[P any](procs []Proc[P], e *procsEntry[P]) bool {
	return e != nil && len(procs) == len(e.procs) && cap(procs) == cap(e.procs) &&
		unsafe.SliceData(procs) == unsafe.SliceData(e.procs)
}

// sameNet reports whether net is the network of entry e.
func sameNet[M Message](net []Envelope[M], e *netEntry[M]) bool {
	return e != nil && len(net) == len(e.net) && cap(net) == cap(e.net) &&
		unsafe.SliceData(net) == unsafe.SliceData(e.net)
}
