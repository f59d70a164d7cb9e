//go:build !amd64

// Package prefetch starts loading memory into the processor's caches
// without waiting for it (a no-op where no prefetch instruction is wired
// up).
package prefetch

// Line is a no-op where no prefetch instruction is wired up.
func Line(uintptr) {}
