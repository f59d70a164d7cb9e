// Package prefetch starts loading memory into the processor's caches
// without waiting for it: the engines' look-ups in tables of hundreds of
// megabytes and the actor layer's walks over its cached entries are
// chains of cache misses, and issuing the loads early lets them overlap.
package prefetch

// Line asks the processor to bring the cache line at addr into the cache
// without waiting for it: unlike a load, it never stalls the pipeline, so
// the miss overlaps with the work that follows. addr may be any address,
// even an invalid one.
//
//go:noescape
func Line(addr uintptr)
