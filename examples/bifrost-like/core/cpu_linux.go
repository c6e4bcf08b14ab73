package bifrost

import (
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTimeID is CLOCK_THREAD_CPUTIME_ID (linux/time.h): the CPU
// time, user and system, of the calling thread.
const clockThreadCPUTimeID = 3

// threadCPUTime is the CPU time the calling OS thread has used so far. It
// is a real system call (the vDSO serves only the wall clocks: 1.5 µs on
// the project's VM) and is only meaningful while the goroutine is locked to
// its thread.
func threadCPUTime() time.Duration {
	var ts syscall.Timespec
	// clock_gettime cannot block: RawSyscall spares the scheduler hand-off.
	if _, _, errno := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		panic("clock_gettime(CLOCK_THREAD_CPUTIME_ID): " + errno.Error())
	}
	return time.Duration(ts.Nano())
}

// burnCPU keeps the calling goroutine's OS thread busy until the call has
// used d of that thread's CPU time: CPU work, not a wait, so that time the
// thread is descheduled does not count and a slow machine burns as much as
// a fast one. The goroutine is locked to its thread meanwhile, so that the
// clock read is the thread doing the work. The call's own cost (locking,
// the clock reads) is measured once and counted in d, so a burn below it
// (about 3 µs on the project's VM) still costs that much.
func burnCPU(d time.Duration) {
	if d <= 0 {
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	burnThreadCPU(d - burnOverhead())
}

// burnThreadCPU spins until the thread clock has advanced by target since
// its first read: it spins for the remaining time by the wall clock (read
// cheaply through the vDSO), which equals CPU time while the thread runs,
// then checks the thread clock; a thread descheduled meanwhile spins again
// for what it lacks. Usually two thread-clock reads in all.
func burnThreadCPU(target time.Duration) {
	state := uint64(target) | 1
	start := threadCPUTime()
	for {
		remaining := target - (threadCPUTime() - start)
		if remaining <= 0 {
			break
		}
		for deadline := time.Now().Add(remaining); time.Now().Before(deadline); {
			state = spin(state)
		}
	}
	burnSink.Store(state)
}

// prepareBurn measures burnOverhead now.
func prepareBurn() { burnOverhead() }

// burnOverhead is the thread CPU time a burnCPU call costs beyond its
// target (the two clock reads, locking), measured once: after a few
// warm-up burns, the lower quartile of 31 calibration burns of 20 µs, less
// that of the calibration's own clock read. A quartile rather than the
// median: the cost is fixed, and noise (an interrupt, a cold cache) only
// ever adds to it.
var burnOverhead = sync.OnceValue(func() time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const target = 20 * time.Microsecond
	for range 5 {
		burnThreadCPU(target)
	}
	excess := make([]time.Duration, 31)
	reads := make([]time.Duration, len(excess))
	for i := range excess {
		before := threadCPUTime()
		burnThreadCPU(target)
		middle := threadCPUTime()
		after := threadCPUTime()
		excess[i] = middle - before - target
		reads[i] = after - middle
	}
	slices.Sort(excess)
	slices.Sort(reads)
	return max(excess[len(excess)/4]-reads[len(reads)/4], 0)
})
