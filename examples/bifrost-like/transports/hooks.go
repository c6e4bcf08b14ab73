package main

import (
	"fmt"
	"strconv"
	"time"
)

// Environment variables that make the gateway misbehave on purpose, so that
// a load tester's handling of slow, never-ready and crashing gateways can be
// exercised. A real bifrost has none of them.
const (
	envAddedLatencyMs     = "BIFROST_LIKE_ADDED_LATENCY_MS"
	envNeverReady         = "BIFROST_LIKE_NEVER_READY"
	envCrashAfterRequests = "BIFROST_LIKE_CRASH_AFTER_REQUESTS"
)

type testHooks struct {
	addedLatency       time.Duration // slept before forwarding each request
	neverReady         bool          // /health answers 503 and the ready line is never logged
	crashAfterRequests uint64        // exit when this many chat requests arrived; 0 = never
}

// hooksFromEnv parses the hooks strictly: a typo must fail loudly rather
// than silently run a test against an unintended gateway.
func hooksFromEnv(getenv func(string) string) (testHooks, error) {
	var hooks testHooks
	if v := getenv(envAddedLatencyMs); v != "" {
		// Capping at 31 bits (~24 days) keeps the conversion to Duration from overflowing.
		latencyMs, err := strconv.ParseUint(v, 10, 31)
		if err != nil {
			return testHooks{}, fmt.Errorf("invalid %s=%q: want a non-negative integer number of milliseconds", envAddedLatencyMs, v)
		}
		hooks.addedLatency = time.Duration(latencyMs) * time.Millisecond
	}
	if v := getenv(envNeverReady); v != "" {
		neverReady, err := strconv.ParseBool(v)
		if err != nil {
			return testHooks{}, fmt.Errorf("invalid %s=%q: want 1 or 0", envNeverReady, v)
		}
		hooks.neverReady = neverReady
	}
	if v := getenv(envCrashAfterRequests); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n == 0 {
			return testHooks{}, fmt.Errorf("invalid %s=%q: want a positive integer number of requests", envCrashAfterRequests, v)
		}
		hooks.crashAfterRequests = n
	}
	return hooks, nil
}
