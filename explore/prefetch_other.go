//go:build !amd64

package explore

// prefetch is a no-op where no prefetch instruction is wired up.
func prefetch(uintptr) {}
