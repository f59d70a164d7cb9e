//go:build linux

package explore

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// allocSlots returns n zeroed slots outside the Go heap, so the collector
// neither scans nor doubles them and freeSlots returns the memory to the
// system at once.
func allocSlots(n int) []slot { return allocOff[slot](n) }

// freeSlots releases a table made by allocSlots.
func freeSlots(s []slot) { freeOff(s) }

// hugePage is the size and alignment of a transparent huge page. Tables of
// at least this size are mapped at a multiple of it and advised to use huge
// pages: random look-ups into hundreds of megabytes then miss the TLB far
// less often.
const hugePage = 2 << 20

// heapFallback holds the base addresses of allocOff's slices that mapping
// failed for and the Go heap holds instead, so freeOff does not unmap them.
var heapFallback sync.Map

// allocOff returns n zeroed values of a pointer-free type T outside the Go
// heap (anonymous memory), falling back to the heap if mapping fails. Big
// tables live there so that the collector's pacing, which lets the heap
// grow to twice what is live, does not count them.
func allocOff[T any](n int) []T {
	var zero T
	size := uintptr(n) * unsafe.Sizeof(zero)
	if size == 0 {
		return nil
	}
	p, err := mapAligned(size)
	if err != nil {
		s := make([]T, n)
		heapFallback.Store(uintptr(unsafe.Pointer(&s[0])), struct{}{})
		return s
	}
	offHeap.Add(int64(size))
	return unsafe.Slice((*T)(p), n)
}

// mapAligned maps size bytes of zeroed anonymous memory, at a multiple of
// hugePage with huge pages advised when it is that large.
func mapAligned(size uintptr) (unsafe.Pointer, error) {
	if size < hugePage {
		return unix.MmapPtr(-1, 0, nil, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	}
	at, err := reserveAligned(size)
	if err != nil {
		return nil, err
	}
	p, err := unix.MmapPtr(-1, 0, at, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_FIXED)
	if err != nil {
		_ = unix.MunmapPtr(at, size)
		return nil, err
	}
	adviseHuge(p, size)
	return p, nil
}

// reserveAligned reserves size bytes of address space (no access, no
// memory) starting at a multiple of hugePage; the caller maps over it.
func reserveAligned(size uintptr) (unsafe.Pointer, error) {
	r, err := unix.MmapPtr(-1, 0, nil, size+hugePage, unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_NORESERVE)
	if err != nil {
		return nil, err
	}
	base := uintptr(r)
	at := (base + hugePage - 1) &^ (hugePage - 1)
	if head := at - base; head > 0 {
		_ = unix.MunmapPtr(r, head)
	}
	if tail := base + size + hugePage - (at + size); tail > 0 {
		_ = unix.MunmapPtr(unsafe.Add(r, at+size-base), tail)
	}
	return unsafe.Add(r, at-base), nil
}

func adviseHuge(p unsafe.Pointer, size uintptr) {
	_ = unix.Madvise(unsafe.Slice((*byte)(p), size), unix.MADV_HUGEPAGE)
}

// growOff returns s grown to n values (n >= len(s)), made by allocOff like
// s. Its new part is zero but not mapped in yet (see populate). A table of
// at least a huge page keeps its values: its pages are moved (mremap), to
// a multiple of hugePage, instead of copied, so the memory s already has
// is not touched again. A smaller one is not worth moving (its small pages
// would keep the aligned range they land in off huge pages for good): the
// table returned is then fresh, and old is s, which the caller copies into
// it and frees with freeOff. Growing only takes the address space's lock:
// call it for every table first, then fault the tables in on several
// goroutines (a remap waits for every fault in progress in the process).
func growOff[T any](s []T, n int) (grown, old []T) {
	var zero T
	size := unsafe.Sizeof(zero)
	newSize := uintptr(n) * size
	if uintptr(cap(s))*size < hugePage {
		return allocOff[T](n), s
	}
	base := unsafe.Pointer(&s[:cap(s)][0])
	if _, onHeap := heapFallback.Load(uintptr(base)); onHeap {
		return allocOff[T](n), s
	}
	oldSize := uintptr(cap(s)) * size
	at, err := reserveAligned(newSize)
	if err != nil {
		return allocOff[T](n), s
	}
	p, err := unix.MremapPtr(base, oldSize, at, newSize, unix.MREMAP_MAYMOVE|unix.MREMAP_FIXED)
	if err != nil {
		_ = unix.MunmapPtr(at, newSize)
		return allocOff[T](n), s
	}
	adviseHuge(p, newSize)
	offHeap.Add(int64(newSize - oldSize))
	return unsafe.Slice((*T)(p), n), nil
}

// populate maps in the memory of s, made by allocOff, rather than a page
// fault at a time, for a table the caller is about to fill at random
// (Linux 5.14 or later; older kernels fault as before). It splits the work
// among procs goroutines, in whole huge pages: on this project's VM a
// first touch costs about 2.5 ms/MB when the host has reclaimed the
// memory, and two cores fault in 2 GB in 2.9 s against 5.3 s for one.
func populate[T any](s []T, procs int) {
	if len(s) == 0 {
		return
	}
	var zero T
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), uintptr(len(s))*unsafe.Sizeof(zero))
	chunk := (len(b)/max(1, procs) + hugePage - 1) &^ (hugePage - 1)
	if procs <= 1 || chunk >= len(b) {
		_ = unix.Madvise(b, unix.MADV_POPULATE_WRITE)
		return
	}
	var wg sync.WaitGroup
	for off := 0; off < len(b); off += chunk {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = unix.Madvise(b[off:min(off+chunk, len(b))], unix.MADV_POPULATE_WRITE)
		}()
	}
	wg.Wait()
}

// freeOff releases memory made by allocOff or growOff.
func freeOff[T any](s []T) {
	if cap(s) == 0 {
		return
	}
	var zero T
	p := unsafe.Pointer(&s[:cap(s)][0])
	if _, onHeap := heapFallback.LoadAndDelete(uintptr(p)); onHeap {
		return // the collector owns it
	}
	size := uintptr(cap(s)) * unsafe.Sizeof(zero)
	if unix.MunmapPtr(p, size) == nil {
		offHeap.Add(-int64(size))
	}
}

// peakRSS returns the process's peak resident set size (VmHWM) in bytes.
func peakRSS() int64 { return procStatus("VmHWM:") }

func procStatus(field string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	return kbField(data, field)
}

// physicalMemory returns MemTotal from /proc/meminfo in bytes, 0 if unknown.
func physicalMemory() int64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	return kbField(data, "MemTotal:")
}

func kbField(data []byte, field string) int64 {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, []byte(field)) {
			continue
		}
		f := bytes.Fields(line[len(field):])
		if len(f) == 0 {
			return 0
		}
		kb, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return 0
		}
		return kb * 1024
	}
	return 0
}
