//go:build !linux

package bifrost

import "time"

// burnCPU spins for d of wall time where the thread CPU clock is not read
// here: CPU work still, but time the thread is descheduled counts.
func burnCPU(d time.Duration) {
	state := uint64(d) | 1
	for deadline := time.Now().Add(d); time.Now().Before(deadline); {
		state = spin(state)
	}
	burnSink.Store(state)
}

// prepareBurn has nothing to measure here.
func prepareBurn() {}
