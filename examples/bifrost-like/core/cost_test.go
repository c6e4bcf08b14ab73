package bifrost

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/maximhq/bifrost/core/schemas"
)

func readRuntimeMetrics(names ...string) []uint64 {
	samples := make([]metrics.Sample, len(names))
	for i, name := range names {
		samples[i].Name = name
	}
	metrics.Read(samples)
	values := make([]uint64, len(names))
	for i, s := range samples {
		values[i] = s.Value.Uint64()
	}
	return values
}

// Each request allocates the configured bytes more, in one object: what a
// Go collector's go_memstats_alloc_bytes_total and go_memstats_mallocs_total
// count.
func TestAddedAllocationIsCountedOncePerRequest(t *testing.T) {
	const requests, allocBytes = 2000, 1024
	c, err := parseCosts(envOf(map[string]string{EnvAddedAllocBytes: "1024"}))
	if err != nil {
		t.Fatal(err)
	}
	before := readRuntimeMetrics("/gc/heap/allocs:bytes", "/gc/heap/allocs:objects")
	for range requests {
		held := c.spendPerRequest()
		if len(held) != allocBytes {
			t.Fatalf("held %d bytes, want %d", len(held), allocBytes)
		}
		runtime.KeepAlive(held)
	}
	after := readRuntimeMetrics("/gc/heap/allocs:bytes", "/gc/heap/allocs:objects")
	perRequestBytes := float64(after[0]-before[0]) / requests
	perRequestObjects := float64(after[1]-before[1]) / requests
	// runtime/metrics counts small objects when their span is handed over,
	// so a reading can be a span behind: hence ±10%.
	if perRequestBytes < allocBytes*0.9 || perRequestBytes > allocBytes*1.1 {
		t.Errorf("allocated %.0f bytes per request, want %d ± 10%%", perRequestBytes, allocBytes)
	}
	if perRequestObjects < 0.9 || perRequestObjects > 1.1 {
		t.Errorf("allocated %.2f objects per request, want 1 ± 10%%", perRequestObjects)
	}
}

// The allocation lives until the response body is closed.
func TestAddedAllocationIsHeldByTheResponseBody(t *testing.T) {
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "{}") }))
	defer provider.Close()
	b := newTestBifrost(t, provider.URL, map[string]string{EnvAddedAllocBytes: "5000"})
	resp, err := b.ChatCompletion(t.Context(), schemas.OpenAI, []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if body, ok := resp.Body.(*holdingBody); !ok || len(body.held) != 5000 {
		t.Errorf("response body %T does not hold the request's 5000 bytes", resp.Body)
	}
}

// Leaked bytes stay on the heap after a collection, and are resident.
func TestLeakIsRetainedForever(t *testing.T) {
	const requests, leakBytes = 200, 64 << 10
	c, err := parseCosts(envOf(map[string]string{EnvLeakBytes: "65536"}))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	before := readRuntimeMetrics("/memory/classes/heap/objects:bytes")[0]
	for range requests {
		runtime.KeepAlive(c.spendPerRequest())
	}
	runtime.GC()
	grown := readRuntimeMetrics("/memory/classes/heap/objects:bytes")[0] - before
	// Other garbage collected meanwhile can offset a little of the growth.
	if grown < requests*leakBytes*95/100 {
		t.Errorf("live heap grew %d bytes after %d requests, want about the %d leaked", grown, requests, requests*leakBytes)
	}
	for _, buffer := range c.leaked {
		if buffer[0] != 1 || buffer[len(buffer)-pageBytes] != 1 {
			t.Fatal("a leaked buffer was not written, so its pages need not be resident")
		}
	}
}

func TestCostKnobsAreStrict(t *testing.T) {
	for _, name := range []string{EnvAddedCPUUs, EnvAddedAllocBytes, EnvLeakBytes, EnvAddedChunkUs} {
		for _, value := range []string{"-1", "10us", "1e3", "4294967296"} {
			_, err := parseCosts(envOf(map[string]string{name: value}))
			if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), value) {
				t.Errorf("%s=%s: error = %v, want one naming both", name, value, err)
			}
		}
	}
	c, err := parseCosts(envOf(map[string]string{EnvAddedCPUUs: "10", EnvAddedChunkUs: "200", EnvAddedAllocBytes: "1024", EnvLeakBytes: "4096"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.cpuPerRequest != 10*time.Microsecond || c.cpuPerChunk != 200*time.Microsecond || c.allocBytes != 1024 || c.leakBytes != 4096 {
		t.Errorf("costs = %+v", c)
	}
}
