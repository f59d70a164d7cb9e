package explore

// prefetch asks the processor to bring the cache line at addr into the
// cache without waiting for it: unlike a load, it never stalls the
// pipeline, so the miss overlaps with the work that follows.
//
//go:noescape
func prefetch(addr uintptr)
