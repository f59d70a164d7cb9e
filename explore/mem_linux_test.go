//go:build linux

package explore

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// resident returns how many of the pages under s are in memory.
func resident(t *testing.T, s []slot) int {
	t.Helper()
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), uintptr(len(s))*unsafe.Sizeof(slot{}))
	vec := make([]byte, (len(b)+unix.Getpagesize()-1)/unix.Getpagesize())
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	require.Zero(t, errno, "mincore")
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

// TestPopulateMapsEveryPage checks that populate maps in the whole table,
// split among goroutines or not, and leaves it zero.
func TestPopulateMapsEveryPage(t *testing.T) {
	probe, err := unix.Mmap(-1, 0, unix.Getpagesize(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	require.NoError(t, err)
	supported := unix.Madvise(probe, unix.MADV_POPULATE_WRITE) == nil
	require.NoError(t, unix.Munmap(probe))
	if !supported {
		t.Skip("MADV_POPULATE_WRITE is not supported by this kernel (before Linux 5.14): populate does nothing")
	}
	for _, procs := range []int{1, 3} {
		s := allocSlots(5 * hugePage / int(unsafe.Sizeof(slot{}))) // five huge pages: uneven chunks for 3
		pages := len(s) * int(unsafe.Sizeof(slot{})) / unix.Getpagesize()
		require.Zero(t, resident(t, s), "a fresh mapping has no pages yet")
		populate(s, procs)
		assert.Equal(t, pages, resident(t, s), "procs=%d", procs)
		for i := range s {
			if s[i] != (slot{}) {
				t.Fatalf("slot %d is not zero after populate", i)
			}
		}
		freeSlots(s)
	}
}
