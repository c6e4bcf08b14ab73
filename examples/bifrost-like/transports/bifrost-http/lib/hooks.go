package lib

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Environment variables that make the transport misbehave on purpose, so that
// a load tester's handling of bad gateways can be exercised. A real bifrost
// has none of them. (Core reads its own: the added latency, the stale
// connections and the per-request and per-chunk costs.)
const (
	EnvNeverReady         = "BIFROST_LIKE_NEVER_READY"
	EnvCrashAfterRequests = "BIFROST_LIKE_CRASH_AFTER_REQUESTS"
	EnvErrorBody          = "BIFROST_LIKE_ERROR_BODY"
	EnvFailPercent        = "BIFROST_LIKE_FAIL_PERCENT"
	EnvStreamAsJSON       = "BIFROST_LIKE_STREAM_AS_JSON"
	EnvTelemetryDelayMs   = "BIFROST_LIKE_TELEMETRY_DELAY_MS"
	EnvBufferStream       = "BIFROST_LIKE_BUFFER_STREAM"
)

// Hooks are the transport's misbehaviours; the zero value is a healthy gateway.
type Hooks struct {
	// NeverReady: /health answers 503 and the ready line is never logged.
	NeverReady bool
	// CrashAfterRequests: exit when this many chat requests arrived; 0 = never.
	CrashAfterRequests uint64
	// ErrorBody: answer every chat request at once with 200 and an error body.
	ErrorBody bool
	// FailBasisPoints: answer this share of chat requests (in 1/10000) at
	// once with a 500 error body, spread evenly.
	FailBasisPoints uint64
	// StreamAsJSON: answer a "stream": true request with a JSON completion.
	StreamAsJSON bool
	// BufferStream: hold a stream's events back and send them all at once
	// when the stream ends, as a proxy that reads the whole body first does.
	BufferStream bool
	// TelemetryDelay: the overhead histogram counts each request this long
	// after it was answered; 0 = at once.
	TelemetryDelay time.Duration
}

// HooksFromEnv parses the hooks strictly: a typo must fail loudly rather
// than silently run a test against an unintended gateway.
func HooksFromEnv(getenv func(string) string) (Hooks, error) {
	var hooks Hooks
	var err error
	for name, target := range map[string]*bool{
		EnvNeverReady:   &hooks.NeverReady,
		EnvErrorBody:    &hooks.ErrorBody,
		EnvStreamAsJSON: &hooks.StreamAsJSON,
		EnvBufferStream: &hooks.BufferStream,
	} {
		if v := getenv(name); v != "" {
			if *target, err = strconv.ParseBool(v); err != nil {
				return Hooks{}, fmt.Errorf("invalid %s=%q: want 1 or 0", name, v)
			}
		}
	}
	if v := getenv(EnvCrashAfterRequests); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n == 0 {
			return Hooks{}, fmt.Errorf("invalid %s=%q: want a positive integer number of requests", EnvCrashAfterRequests, v)
		}
		hooks.CrashAfterRequests = n
	}
	if v := getenv(EnvFailPercent); v != "" {
		percent, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(percent) || percent < 0 || percent > 100 {
			return Hooks{}, fmt.Errorf("invalid %s=%q: want a percentage from 0 to 100", EnvFailPercent, v)
		}
		hooks.FailBasisPoints = uint64(math.Round(percent * 100))
	}
	if v := getenv(EnvTelemetryDelayMs); v != "" {
		ms, err := strconv.ParseUint(v, 10, 31)
		if err != nil {
			return Hooks{}, fmt.Errorf("invalid %s=%q: want a non-negative integer number of milliseconds", EnvTelemetryDelayMs, v)
		}
		hooks.TelemetryDelay = time.Duration(ms) * time.Millisecond
	}
	return hooks, nil
}

// FailsRequest reports whether the n-th chat request (from 1) is one of the
// FailBasisPoints share: exactly that share of any prefix, rounded down,
// spread evenly (at 25%, every 4th request).
func (h Hooks) FailsRequest(n uint64) bool {
	if h.FailBasisPoints == 0 || n == 0 {
		return false
	}
	return n*h.FailBasisPoints/10000 > (n-1)*h.FailBasisPoints/10000
}
