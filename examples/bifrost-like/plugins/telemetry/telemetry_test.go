package telemetry

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHistogramCountsOverheadInMicroseconds(t *testing.T) {
	p := Init()
	p.PostHook(1200*time.Microsecond, 1000*time.Microsecond, 200) // 200 µs
	p.PostHook(3*time.Millisecond, 0, 200)                        // 3000 µs
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`bifrost_overhead_latency_microseconds_bucket{le="100"} 0`,
		`bifrost_overhead_latency_microseconds_bucket{le="250"} 1`,
		`bifrost_overhead_latency_microseconds_bucket{le="2500"} 1`,
		`bifrost_overhead_latency_microseconds_bucket{le="5000"} 2`,
		`bifrost_overhead_latency_microseconds_bucket{le="+Inf"} 2`,
		"bifrost_overhead_latency_microseconds_sum 3200\n",
		"bifrost_overhead_latency_microseconds_count 2\n",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
}

func TestRecordDelayCountsLater(t *testing.T) {
	p := Init()
	p.RecordDelay = 50 * time.Millisecond
	p.PostHook(time.Millisecond, 0, 200)
	count := func() string {
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		body, _ := io.ReadAll(rec.Body)
		return string(body)
	}
	if got := count(); !strings.Contains(got, "_count 0\n") {
		t.Fatalf("counted before the delay:\n%s", got)
	}
	time.Sleep(200 * time.Millisecond)
	if got := count(); !strings.Contains(got, "_count 1\n") || !strings.Contains(got, "_sum 1000\n") {
		t.Errorf("not counted after the delay:\n%s", got)
	}
}
