//go:build linux

package explore

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"
)

// allocSlots returns n zeroed slots outside the Go heap, so the collector
// neither scans nor doubles them and freeSlots returns the memory to the
// system at once.
func allocSlots(n int) []slot { return allocOff[slot](n) }

// freeSlots releases a table made by allocSlots.
func freeSlots(s []slot) { freeOff(s) }

// allocOff returns n zeroed values of a pointer-free type T outside the Go
// heap (anonymous memory), falling back to the heap if mapping fails. Big
// tables live there so that the collector's pacing, which lets the heap
// grow to twice what is live, does not count them.
func allocOff[T any](n int) []T {
	var zero T
	size := n * int(unsafe.Sizeof(zero))
	if size == 0 {
		return nil
	}
	b, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return make([]T, n)
	}
	if size >= 2<<20 {
		_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	}
	offHeap.Add(int64(size))
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}

// growOff returns s grown to n values (n >= len(s)), its first len(s)
// values kept and the rest zero, made by allocOff like s. It remaps the
// pages (mremap) instead of copying them: the memory s already has is not
// touched again, and only the new part is fresh.
func growOff[T any](s []T, n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if cap(s) == 0 || n*size < 2<<20 {
		return growCopy(s, n)
	}
	old := unsafe.Slice((*byte)(unsafe.Pointer(&s[:cap(s)][0])), cap(s)*size)
	b, err := unix.Mremap(old, n*size, unix.MREMAP_MAYMOVE)
	if err != nil {
		return growCopy(s, n) // not made by Mmap (the fallback in allocOff)
	}
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	offHeap.Add(int64(len(b) - len(old)))
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}

// growCopy is growOff by allocating and copying.
func growCopy[T any](s []T, n int) []T {
	t := allocOff[T](n)
	copy(t, s)
	freeOff(s)
	return t
}

// freeOff releases memory made by allocOff.
func freeOff[T any](s []T) {
	if cap(s) == 0 {
		return
	}
	var zero T
	s = s[:cap(s)]
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(zero)))
	if err := unix.Munmap(b); err != nil {
		// Not made by Mmap (the fallback in allocOff): the collector owns it.
		return
	}
	offHeap.Add(-int64(len(b)))
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
