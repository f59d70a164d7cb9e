//go:build !linux

package explore

func allocSlots(n int) []slot { return make([]slot, n) }
func freeSlots([]slot)        {}
func peakRSS() int64          { return 0 }
func physicalMemory() int64   { return 0 }
