package main

import (
	"runtime"
	"syscall"
	"time"
)

// prSetTimerSlack is prctl's PR_SET_TIMERSLACK (linux/prctl.h).
const prSetTimerSlack = 29

// sleepThread sleeps d on the calling goroutine's own OS thread with a 1 ns
// timer slack: the kernel wakes it within tens of µs, where Go's timers fire
// 100-900 µs late on a busy machine (measured with a 200 µs and a 2 ms sleep
// started 200 times a second on the project's 2-core machine).
// examples/bifrost-like/core has the same helper for its added latency: the
// mocker and the replica are separate modules, and the replica must keep
// bifrost's module layout, so neither imports the other.
func sleepThread(d time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// The slack is per thread; this one is only ever used by this goroutine now.
	_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetTimerSlack, 1, 0)
	remaining := syscall.NsecToTimespec(int64(d))
	for {
		var left syscall.Timespec
		if err := syscall.Nanosleep(&remaining, &left); err != syscall.EINTR {
			return
		}
		remaining = left
	}
}
