package bifrost

import (
	"runtime"
	"slices"
	"testing"
	"time"
)

// medianCPU is the median thread CPU time of 21 calls of f, less that of
// the measurement itself (two clock reads with nothing between, lower
// quartile).
func medianCPU(f func()) (time.Duration, []time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	used := make([]time.Duration, 21)
	empty := make([]time.Duration, len(used))
	for i := range used {
		before := threadCPUTime()
		f()
		middle := threadCPUTime()
		empty[i] = threadCPUTime() - middle
		used[i] = middle - before
	}
	slices.Sort(used)
	slices.Sort(empty)
	measurement := empty[len(empty)/4] // a fixed cost: noise only adds
	for i := range used {
		used[i] -= measurement
	}
	return used[len(used)/2], used
}

// The burner's work, read back on the thread CPU clock it burns by: within
// 10% (median of 21 burns, so that a preempted burn does not decide).
func TestBurnCPUReadsBackOnTheThreadCPUClock(t *testing.T) {
	for _, d := range []time.Duration{10 * time.Microsecond, 100 * time.Microsecond, time.Millisecond, 5 * time.Millisecond} {
		median, all := medianCPU(func() { burnCPU(d) })
		t.Logf("burnCPU(%v): median %v of thread CPU time", d, median)
		if median < d-d/10 || median > d+d/10 {
			t.Errorf("burnCPU(%v): median %v of thread CPU time, want %v ± 10%% (all: %v)", d, median, d, all)
		}
	}
}

// CPU time, not a wait: the burner uses at least its CPU time in wall time,
// and a burner that slept would use none.
func TestBurnCPUDoesNotSleep(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const d = 2 * time.Millisecond
	start, before := time.Now(), threadCPUTime()
	burnCPU(d)
	if used, wall := threadCPUTime()-before, time.Since(start); used < d || wall < used {
		t.Errorf("burnCPU(%v) used %v of CPU in %v of wall time", d, used, wall)
	}
}
