//go:build !linux

package telemetry

// processFamilies is empty: bifrost-like reads the process collector's
// figures from /proc only.
func processFamilies() []family { return nil }
