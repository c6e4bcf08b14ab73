package bifrost

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Environment variables that make each request cost more, so that a load
// test's cost per request can be checked against a known figure (a real
// bifrost has none of them).
const (
	// EnvAddedCPUUs burns this many µs of thread CPU time per request.
	EnvAddedCPUUs = "BIFROST_LIKE_ADDED_CPU_US"
	// EnvAddedAllocBytes allocates this many extra heap bytes per request,
	// held until the request ends.
	EnvAddedAllocBytes = "BIFROST_LIKE_ADDED_ALLOC_BYTES"
	// EnvLeakBytes retains this many heap bytes per request, forever.
	EnvLeakBytes = "BIFROST_LIKE_LEAK_BYTES"
	// EnvAddedChunkUs burns this many µs of thread CPU time per stream chunk
	// core relays.
	EnvAddedChunkUs = "BIFROST_LIKE_ADDED_CHUNK_US"
)

// pageBytes is the stride at which allocated buffers are written, so that
// their memory is really used (resident), as a request's own buffers are.
const pageBytes = 4096

// costs is the extra work each request or chunk does.
type costs struct {
	cpuPerRequest time.Duration
	cpuPerChunk   time.Duration
	allocBytes    int
	leakBytes     int
	leakMu        sync.Mutex
	leaked        [][]byte
}

// parseCosts reads the cost knobs strictly: a typo must fail loudly rather
// than run a test against an unintended gateway.
func parseCosts(getenv func(string) string) (*costs, error) {
	c := &costs{}
	for name, target := range map[string]*time.Duration{EnvAddedCPUUs: &c.cpuPerRequest, EnvAddedChunkUs: &c.cpuPerChunk} {
		n, err := parseCount(name, getenv(name), "microseconds")
		if err != nil {
			return nil, err
		}
		*target = time.Duration(n) * time.Microsecond
	}
	for name, target := range map[string]*int{EnvAddedAllocBytes: &c.allocBytes, EnvLeakBytes: &c.leakBytes} {
		n, err := parseCount(name, getenv(name), "bytes")
		if err != nil {
			return nil, err
		}
		*target = n
	}
	if c.cpuPerRequest > 0 || c.cpuPerChunk > 0 {
		prepareBurn() // at start, not in the first request
	}
	return c, nil
}

// parseCount is a non-negative integer below 2^31 ("" is 0), or an error
// naming the variable, the value and what is allowed.
func parseCount(name, v, unit string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(v, 10, 31)
	if err != nil {
		return 0, fmt.Errorf("invalid %s=%q: want a non-negative integer number of %s, below 2^31", name, v, unit)
	}
	return int(n), nil
}

// spendPerRequest does a request's extra work: burns cpuPerRequest of CPU
// time, retains leakBytes forever, and allocates allocBytes, which it
// returns (nil when 0). The caller passes it to runtime.KeepAlive when the
// request ends, so that the allocation is neither optimised away nor
// collected early.
func (c *costs) spendPerRequest() (held []byte) {
	burnCPU(c.cpuPerRequest)
	if c.leakBytes > 0 {
		buffer := touched(make([]byte, c.leakBytes))
		c.leakMu.Lock()
		c.leaked = append(c.leaked, buffer)
		c.leakMu.Unlock()
	}
	if c.allocBytes == 0 {
		return nil
	}
	return touched(make([]byte, c.allocBytes))
}

// spendPerChunk does the extra work of one relayed stream chunk.
func (c *costs) spendPerChunk() { burnCPU(c.cpuPerChunk) }

// touched writes one byte per page of buffer, so that its memory is resident.
func touched(buffer []byte) []byte {
	for i := 0; i < len(buffer); i += pageBytes {
		buffer[i] = 1
	}
	return buffer
}

// spin is one round of busy work (64 steps of xorshift64): it cannot be
// skipped, since its result feeds the next round and ends in burnSink.
func spin(state uint64) uint64 {
	for range 64 {
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
	}
	return state
}

// burnSink keeps the burners' result, so that the compiler keeps their work.
var burnSink atomic.Uint64
