//go:build !linux

package explore

// hugePage is the huge-page size mem_linux.go aligns big tables to.
const hugePage = 2 << 20

func allocSlots(n int) []slot   { return make([]slot, n) }
func freeSlots([]slot)          {}
func allocOff[T any](n int) []T { return make([]T, n) }
func freeOff[T any]([]T)        {}
func populate[T any]([]T, int)  {}

func growOff[T any](s []T, n int) (grown, old []T) { return make([]T, n), s }
func peakRSS() int64                               { return 0 }
func physicalMemory() int64                        { return 0 }
