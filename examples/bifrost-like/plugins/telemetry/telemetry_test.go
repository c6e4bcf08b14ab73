package telemetry

import (
	"io"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
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

func scrape(t *testing.T, p *Plugin) string {
	t.Helper()
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	return string(body)
}

// exposition is a parsed scrape: each family's TYPE, and each sample's value
// by its full name with labels, as written.
type exposition struct {
	types   map[string]string
	samples map[string]float64
	order   []string // family names in order of appearance
}

// parseExposition parses Prometheus' text format strictly enough to catch a
// malformed line, a sample before its family's TYPE, or a family twice.
func parseExposition(t *testing.T, text string) exposition {
	t.Helper()
	e := exposition{types: map[string]string{}, samples: map[string]float64{}}
	family := ""
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if rest, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, kind, _ := strings.Cut(rest, " ")
			if _, seen := e.types[name]; seen {
				t.Fatalf("family %s appears twice", name)
			}
			e.types[name], family = kind, name
			e.order = append(e.order, name)
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		key, rawValue, ok := strings.Cut(line, " ")
		if !ok || family == "" || !strings.HasPrefix(key, family) {
			t.Fatalf("line %q is not a sample of the family before it (%s)", line, family)
		}
		value, err := strconv.ParseFloat(rawValue, 64)
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		e.samples[key] = value
	}
	return e
}

func TestStreamChunkHookFillsBifrostsStreamingHistograms(t *testing.T) {
	p := Init()
	if got := scrape(t, p); strings.Contains(got, "bifrost_stream_") {
		t.Fatalf("streaming histograms before any stream:\n%s", got)
	}
	// Latencies are counted in whole milliseconds, as bifrost's ExtraFields.Latency.
	p.StreamChunkHook("openai", "gpt-4o-mini", 0, 7900*time.Microsecond)
	p.StreamChunkHook("openai", "gpt-4o-mini", 1, 20400*time.Microsecond)
	p.StreamChunkHook("openai", "gpt-4o-mini", 2, 19900*time.Microsecond)
	e := parseExposition(t, scrape(t, p))
	const labels = `provider="openai",model="gpt-4o-mini",method="chat_completion_stream"`
	for key, want := range map[string]float64{
		FirstTokenHistogram + `_bucket{` + labels + `,le="0.005"}`: 0,
		FirstTokenHistogram + `_bucket{` + labels + `,le="0.01"}`:  1,
		FirstTokenHistogram + `_bucket{` + labels + `,le="300"}`:   1,
		FirstTokenHistogram + `_sum{` + labels + `}`:               0.007,
		FirstTokenHistogram + `_count{` + labels + `}`:             1,
		InterTokenHistogram + `_bucket{` + labels + `,le="0.01"}`:  0,
		InterTokenHistogram + `_bucket{` + labels + `,le="0.025"}`: 2,
		InterTokenHistogram + `_sum{` + labels + `}`:               0.039,
		InterTokenHistogram + `_count{` + labels + `}`:             2,
	} {
		if got, ok := e.samples[key]; !ok || got != want {
			t.Errorf("%s = %v (present %t), want %v", key, got, ok, want)
		}
	}
	for _, name := range []string{FirstTokenHistogram, InterTokenHistogram, OverheadHistogram} {
		if e.types[name] != "histogram" {
			t.Errorf("TYPE of %s = %q, want histogram", name, e.types[name])
		}
	}
}

// The Go collector's families, with the names, types and values
// Prometheus' client_golang gives them, beside bifrost's own.
func TestMetricsCarryTheGoAndProcessCollectorsFamilies(t *testing.T) {
	p := Init()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	first := parseExposition(t, scrape(t, p))
	held := make([]byte, 4<<20)
	runtime.GC()
	second := parseExposition(t, scrape(t, p))
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(held)

	if !slices.IsSorted(second.order) {
		t.Errorf("families are not sorted by name: %v", second.order)
	}
	for name, kind := range map[string]string{
		"go_memstats_alloc_bytes_total":    "counter",
		"go_memstats_mallocs_total":        "counter",
		"go_memstats_frees_total":          "counter",
		"go_memstats_heap_alloc_bytes":     "gauge",
		"go_memstats_heap_objects":         "gauge",
		"go_memstats_next_gc_bytes":        "gauge",
		"go_memstats_last_gc_time_seconds": "gauge",
		"go_gc_duration_seconds":           "summary",
		"go_goroutines":                    "gauge",
		"go_threads":                       "gauge",
		"go_info":                          "gauge",
		"go_gc_gogc_percent":               "gauge",
		"go_gc_gomemlimit_bytes":           "gauge",
		"go_sched_gomaxprocs_threads":      "gauge",
		"process_cpu_seconds_total":        "counter",
		"process_resident_memory_bytes":    "gauge",
		"process_virtual_memory_bytes":     "gauge",
		"process_start_time_seconds":       "gauge",
		"process_open_fds":                 "gauge",
		"process_max_fds":                  "gauge",
		OverheadHistogram:                  "histogram",
	} {
		if got := second.types[name]; got != kind {
			t.Errorf("TYPE of %s = %q, want %s", name, got, kind)
		}
	}
	for _, quantile := range []string{"0", "0.25", "0.5", "0.75", "1"} {
		if _, ok := second.samples[`go_gc_duration_seconds{quantile="`+quantile+`"}`]; !ok {
			t.Errorf("go_gc_duration_seconds has no quantile %s", quantile)
		}
	}

	// Counters move with the runtime's own account, read just outside the scrapes.
	allocated := second.samples["go_memstats_alloc_bytes_total"] - first.samples["go_memstats_alloc_bytes_total"]
	if allocated < 4<<20 || first.samples["go_memstats_alloc_bytes_total"] < float64(before.TotalAlloc) || second.samples["go_memstats_alloc_bytes_total"] > float64(after.TotalAlloc) {
		t.Errorf("go_memstats_alloc_bytes_total went %v → %v (%v more), want within TotalAlloc %d … %d and at least the 4 MiB allocated between",
			first.samples["go_memstats_alloc_bytes_total"], second.samples["go_memstats_alloc_bytes_total"], allocated, before.TotalAlloc, after.TotalAlloc)
	}
	if second.samples["go_memstats_mallocs_total"] <= first.samples["go_memstats_mallocs_total"] {
		t.Errorf("go_memstats_mallocs_total did not grow: %v → %v", first.samples["go_memstats_mallocs_total"], second.samples["go_memstats_mallocs_total"])
	}
	if got := second.samples["go_gc_duration_seconds_count"]; got != float64(after.NumGC) || got <= first.samples["go_gc_duration_seconds_count"] {
		t.Errorf("go_gc_duration_seconds_count = %v (before the GC %v), want NumGC %d", got, first.samples["go_gc_duration_seconds_count"], after.NumGC)
	}
	if rss := second.samples["process_resident_memory_bytes"]; rss < 4<<20 {
		t.Errorf("process_resident_memory_bytes = %v, want at least the 4 MiB held", rss)
	}
	if gomaxprocs := second.samples["go_sched_gomaxprocs_threads"]; gomaxprocs != float64(runtime.GOMAXPROCS(0)) {
		t.Errorf("go_sched_gomaxprocs_threads = %v, want %d", gomaxprocs, runtime.GOMAXPROCS(0))
	}
}
