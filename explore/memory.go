package explore

import (
	"runtime/metrics"
	"sync/atomic"
)

// offHeap is the number of bytes the process holds outside the Go heap for
// fingerprint tables (allocSlots), which the runtime's metrics do not see.
var offHeap atomic.Int64

// runtimeMetrics are the Go runtime's figures processMemory reads: all the
// memory the runtime has mapped (heap, stacks, metadata) and the part of it
// returned to the operating system.
var runtimeMetrics = [...]string{"/memory/classes/total:bytes", "/memory/classes/heap/released:bytes"}

// processMemory returns the memory the process holds as far as it can see:
// what the Go runtime has mapped and not released (the heap in use,
// garbage not yet collected, stacks and the runtime's own metadata) plus
// the off-heap fingerprint tables. It leaves out only the program's code and
// the C libraries it maps, a few MiB. It is cheap (no stop of the world) but
// not free: call it between blocks of work, not per state.
func processMemory() int64 {
	var samples [len(runtimeMetrics)]metrics.Sample
	for i, name := range runtimeMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples[:])
	var total, released uint64
	if v := samples[0].Value; v.Kind() == metrics.KindUint64 {
		total = v.Uint64()
	}
	if v := samples[1].Value; v.Kind() == metrics.KindUint64 {
		released = v.Uint64()
	}
	return int64(total-released) + offHeap.Load()
}

// overBudget reports whether the process holds more memory than budget
// bytes (see processMemory); a budget of 0 means none. Every engine calls
// it between blocks of work (BFS: after each block of states, DFS: every
// memCheckEvery new states, random: after each walk, liveness: while
// building the graph), so a run overshoots its budget by at most what one
// block of work allocates.
func overBudget(budget int64) bool { return budget > 0 && processMemory() > budget }

// memCheckEvery is how many new states the single-threaded engines store
// between two memory checks.
const memCheckEvery = 1024
