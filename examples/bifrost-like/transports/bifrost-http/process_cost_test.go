package main

// What a load test reads from the outside of the process: its CPU time in
// /proc, its Go runtime's counters and its streaming histograms at /metrics.

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/plugins/telemetry"
)

// scrapeMetrics reads the process's /metrics: each sample's value by its
// name with labels, as written.
func scrapeMetrics(t *testing.T, p *gatewayProcess) map[string]float64 {
	t.Helper()
	resp, err := http.Get(p.url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	samples := map[string]float64{}
	for _, line := range strings.Split(string(body), "\n") {
		key, raw, ok := strings.Cut(line, " ")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		value, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("/metrics line %q: %v", line, err)
		}
		samples[key] = value
	}
	return samples
}

// processCPU is the CPU time of every thread of the process so far: field 1
// of /proc/<pid>/task/<tid>/schedstat (ns on CPU). Go's threads live as long
// as the process, so none is lost between two readings.
func processCPU(t *testing.T, p *gatewayProcess) time.Duration {
	t.Helper()
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", p.cmd.Process.Pid))
	if err != nil || len(tasks) == 0 {
		t.Fatalf("no schedstat for pid %d: %v", p.cmd.Process.Pid, err)
	}
	var total time.Duration
	for _, task := range tasks {
		raw, err := os.ReadFile(task)
		if err != nil {
			continue // a thread that just exited
		}
		ns, _ := strconv.ParseInt(strings.Fields(string(raw))[0], 10, 64)
		total += time.Duration(ns)
	}
	return total
}

// Each cost knob, read back as a load test reads it: one gateway without
// knobs and one per knob, requests alternating between them (so that the
// machine's mood falls on all alike), the difference per request against
// the one without.
func TestProcessCostKnobsReadBackFromOutside(t *testing.T) {
	const (
		warmup, requests = 30, 200
		addedCPU         = 2 * time.Millisecond
		allocBytes       = 64 << 10
		leakBytes        = 128 << 10
	)
	upstream, _ := provider(t)
	knobs := map[string]string{
		"none":  "",
		"cpu":   fmt.Sprintf("%s=%d", bifrost.EnvAddedCPUUs, addedCPU.Microseconds()),
		"alloc": fmt.Sprintf("%s=%d", bifrost.EnvAddedAllocBytes, allocBytes),
		"leak":  fmt.Sprintf("%s=%d", bifrost.EnvLeakBytes, leakBytes),
	}
	processes := map[string]*gatewayProcess{}
	for name, env := range knobs {
		p := startProcess(t, upstream.URL, processOptions{env: []string{env}, args: []string{"-log-level", "warn"}})
		p.waitFor(t, "an answer on /health", func() bool { return p.healthStatus() == http.StatusOK })
		processes[name] = p
	}
	round := func() {
		for name, p := range processes {
			if status, body := postChat(t, p.url); status != http.StatusOK {
				t.Fatalf("%s: chat = %d %s", name, status, body)
			}
		}
	}
	for range warmup {
		round()
	}
	cpuBefore, metricsBefore := map[string]time.Duration{}, map[string]map[string]float64{}
	for name, p := range processes {
		cpuBefore[name], metricsBefore[name] = processCPU(t, p), scrapeMetrics(t, p)
	}
	for range requests {
		round()
	}
	perRequest := func(name, metric string) float64 {
		return (scrapeMetrics(t, processes[name])[metric] - metricsBefore[name][metric]) / requests
	}
	cpuPerRequest := func(name string) time.Duration {
		return (processCPU(t, processes[name]) - cpuBefore[name]) / requests
	}

	// The burn itself is exact on its thread's clock (core's tests); the
	// process as a whole spends 5–20% more on this 2-core VM around a request
	// that keeps a thread busy for 2 ms (measured 2.2–2.4 ms, with
	// GOMAXPROCS 1 or 2; not in the burning thread, cause not pinned down),
	// hence -10% … +25% here.
	base := cpuPerRequest("none")
	t.Logf("CPU per request: %v without knobs, %v with %s", base, cpuPerRequest("cpu"), knobs["cpu"])
	if added := cpuPerRequest("cpu") - base; added < addedCPU*9/10 || added > addedCPU*5/4 {
		t.Errorf("%s: %v more CPU per request than without (%v), want %v -10%% … +25%%", knobs["cpu"], added, base, addedCPU)
	}
	baseBytes := perRequest("none", "go_memstats_alloc_bytes_total")
	t.Logf("bytes allocated per request: %.0f without knobs, %.0f with %s", baseBytes, perRequest("alloc", "go_memstats_alloc_bytes_total"), knobs["alloc"])
	if added := perRequest("alloc", "go_memstats_alloc_bytes_total") - baseBytes; added < allocBytes*0.9 || added > allocBytes*1.1 {
		t.Errorf("%s: %.0f more bytes allocated per request than without (%.0f), want %d ± 10%%", knobs["alloc"], added, baseBytes, allocBytes)
	}
	// go_memstats_mallocs_total is not compared here: small objects are
	// counted a span at a time, so two processes' counts per request differ
	// by a few objects over 200 requests; core's tests count the one object.
	leaked := float64(requests * leakBytes)
	for _, metric := range []string{"go_memstats_heap_alloc_bytes", "process_resident_memory_bytes"} {
		if grown := perRequest("leak", metric) * requests; grown < leaked*0.9 {
			t.Errorf("%s: %s grew %.0f bytes over %d requests, want at least 90%% of the %.0f leaked", knobs["leak"], metric, grown, requests, leaked)
		}
		if grown := perRequest("none", metric) * requests; grown > leaked/2 {
			t.Errorf("without knobs: %s grew %.0f bytes over %d requests, want far less than a leak's %.0f", metric, grown, requests, leaked)
		}
	}
}

// bifrost's own account of a stream: time to first token and the gaps
// between chunks, in whole milliseconds, at /metrics.
func TestProcessExportsStreamingHistograms(t *testing.T) {
	const (
		firstChunkAfter = 30 * time.Millisecond
		gap             = 20 * time.Millisecond
		chunks          = 4
	)
	upstream := httptestStreamingProvider(t, firstChunkAfter, gap, chunks)
	p := startProcess(t, upstream.URL, processOptions{args: []string{"-log-level", "warn"}})
	p.waitFor(t, "an answer on /health", func() bool { return p.healthStatus() == http.StatusOK })
	resp, err := http.Post(p.url+"/v1/chat/completions", "application/json", strings.NewReader(`{"model":"openai/gpt-4o-mini","stream":true}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.HasSuffix(string(body), "data: [DONE]\n\n") {
		t.Fatalf("stream = %q, want one ending with [DONE]", body)
	}
	metrics := scrapeMetrics(t, p)
	const labels = `{provider="openai",model="gpt-4o-mini",method="chat_completion_stream"}`
	for _, tc := range []struct {
		histogram  string
		wantCount  float64
		minS, maxS float64
	}{
		{telemetry.FirstTokenHistogram, 1, firstChunkAfter.Seconds(), firstChunkAfter.Seconds() + 0.01},
		{telemetry.InterTokenHistogram, chunks - 1, (chunks - 1) * (gap.Seconds() - 0.001), (chunks - 1) * (gap.Seconds() + 0.01)},
	} {
		count, sum := metrics[tc.histogram+"_count"+labels], metrics[tc.histogram+"_sum"+labels]
		if count != tc.wantCount || sum < tc.minS || sum > tc.maxS {
			t.Errorf("%s: count %v, sum %v s; want %v observations summing to %v … %v s", tc.histogram, count, sum, tc.wantCount, tc.minS, tc.maxS)
		}
	}
}

// httptestStreamingProvider streams chunks content chunks, the first after
// firstChunkAfter, then one every gap, a finish chunk and [DONE].
func httptestStreamingProvider(t *testing.T, firstChunkAfter, gap time.Duration, chunks int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			_, _ = io.WriteString(w, `{"object":"list","data":[]}`)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		rc := http.NewResponseController(w)
		send := func(delta, finish string) {
			fmt.Fprintf(w, `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":%s,"finish_reason":%s}]}`+"\n\n", delta, finish)
			_ = rc.Flush()
		}
		time.Sleep(firstChunkAfter)
		for i := range chunks {
			if i > 0 {
				time.Sleep(gap)
			}
			send(`{"content":"w "}`, "null")
		}
		send(`{}`, `"stop"`)
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(srv.Close)
	return srv
}
