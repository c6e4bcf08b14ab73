// Package telemetry is bifrost-like's telemetry plugin: like bifrost's, it is
// on by default and exposes GET /metrics with the histogram
// bifrost_overhead_latency_microseconds (time in the gateway minus time
// waiting on the provider).
package telemetry

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/maximhq/bifrost/core/schemas"
)

// PluginName is the name config.json's plugins use for it.
const PluginName = "telemetry"

// bucketsUs are the histogram's upper bounds in microseconds.
var bucketsUs = []float64{100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000}

// Plugin counts requests into the overhead histogram.
type Plugin struct {
	// RecordDelay, when positive, makes each observation land that long after
	// PostHook, as in a gateway that counts a request after its response.
	RecordDelay time.Duration

	mu     sync.Mutex
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sumUs  float64
	total  uint64
}

var _ schemas.Plugin = (*Plugin)(nil)

// Init returns an empty histogram.
func Init() *Plugin { return &Plugin{counts: make([]uint64, len(bucketsUs)+1)} }

func (p *Plugin) Name() string { return PluginName }

// PostHook records total minus provider as one observation (after
// RecordDelay, if set).
func (p *Plugin) PostHook(total, provider time.Duration, _ int) {
	overheadUs := float64((total - provider).Nanoseconds()) / 1000
	if p.RecordDelay > 0 {
		time.AfterFunc(p.RecordDelay, func() { p.record(overheadUs) })
		return
	}
	p.record(overheadUs)
}

func (p *Plugin) record(overheadUs float64) {
	index := len(bucketsUs)
	for i, bound := range bucketsUs {
		if overheadUs <= bound {
			index = i
			break
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts[index]++
	p.sumUs += overheadUs
	p.total++
}

// ServeHTTP writes the histogram in Prometheus' text format.
func (p *Plugin) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	const name = "bifrost_overhead_latency_microseconds"
	fmt.Fprintf(w, "# HELP %s Time spent in the gateway, excluding the provider.\n# TYPE %s histogram\n", name, name)
	var cumulative uint64
	for i, bound := range bucketsUs {
		cumulative += p.counts[i]
		fmt.Fprintf(w, "%s_bucket{le=%q} %d\n", name, strconv.FormatFloat(bound, 'f', -1, 64), cumulative)
	}
	fmt.Fprintf(w, "%s_bucket{le=\"+Inf\"} %d\n%s_sum %s\n%s_count %d\n", name, p.total, name, strconv.FormatFloat(p.sumUs, 'f', -1, 64), name, p.total)
}
