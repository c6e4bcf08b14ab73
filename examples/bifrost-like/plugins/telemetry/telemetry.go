// Package telemetry is bifrost-like's telemetry plugin: like bifrost's, it is
// on by default and serves GET /metrics in Prometheus' text format with the
// histogram bifrost_overhead_latency_microseconds (time in the gateway minus
// time waiting on the provider), the streaming histograms
// bifrost_stream_first_token_latency_seconds and
// bifrost_stream_inter_token_latency_seconds, and the families of
// Prometheus' Go and process collectors (go_*, process_*).
package telemetry

import (
	"bytes"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maximhq/bifrost/core/schemas"
)

// PluginName is the name config.json's plugins use for it.
const PluginName = "telemetry"

// Metric names and buckets, as bifrost's plugins/telemetry/main.go has them.
const (
	OverheadHistogram     = "bifrost_overhead_latency_microseconds"
	FirstTokenHistogram   = "bifrost_stream_first_token_latency_seconds"
	InterTokenHistogram   = "bifrost_stream_inter_token_latency_seconds"
	streamRequestMethod   = "chat_completion_stream"
	overheadHistogramHelp = "Latency added by Bifrost itself, in microseconds: total request time minus time blocked on upstream providers."
)

var (
	// overheadBucketsUs are overheadLatencyBuckets, in microseconds.
	overheadBucketsUs = []float64{100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000, 30000000}
	// firstTokenBucketsSeconds are firstTokenLatencyBuckets.
	firstTokenBucketsSeconds = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300}
	// interTokenBucketsSeconds are interTokenLatencyBuckets.
	interTokenBucketsSeconds = []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
)

// streamLabels are the label values of the streaming histograms: a subset
// of bifrost's (provider, model, method; bifrost also has virtual keys,
// teams, routing and more, empty when unused).
type streamLabels struct{ provider, model string }

func (l streamLabels) String() string {
	return `provider=` + strconv.Quote(l.provider) + `,model=` + strconv.Quote(l.model) + `,method="` + streamRequestMethod + `"`
}

// Plugin counts requests into the overhead histogram and stream chunks into
// the streaming histograms.
type Plugin struct {
	// RecordDelay, when positive, makes each overhead observation land that
	// long after PostHook, as in a gateway that counts a request after its
	// response.
	RecordDelay time.Duration

	mu         sync.Mutex
	overhead   *histogram
	firstToken map[streamLabels]*histogram
	interToken map[streamLabels]*histogram
}

var (
	_ schemas.Plugin       = (*Plugin)(nil)
	_ schemas.StreamPlugin = (*Plugin)(nil)
)

// Init returns empty histograms.
func Init() *Plugin {
	return &Plugin{
		overhead:   newHistogram(overheadBucketsUs),
		firstToken: map[streamLabels]*histogram{},
		interToken: map[streamLabels]*histogram{},
	}
}

func (p *Plugin) Name() string { return PluginName }

// PostHook records total minus provider, in µs, as one overhead observation
// (after RecordDelay, if set).
func (p *Plugin) PostHook(total, provider time.Duration, _ int) {
	overheadUs := float64((total - provider).Nanoseconds()) / 1000
	if p.RecordDelay > 0 {
		time.AfterFunc(p.RecordDelay, func() { p.recordOverhead(overheadUs) })
		return
	}
	p.recordOverhead(overheadUs)
}

func (p *Plugin) recordOverhead(overheadUs float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.overhead.observe(overheadUs)
}

// StreamChunkHook records one relayed chunk as bifrost's PostLLMHook does:
// chunk 0 into the first-token histogram, the others into the inter-token
// one, each observing its latency in whole milliseconds (bifrost's
// ExtraFields.Latency, Milliseconds() truncated) divided by 1000.
func (p *Plugin) StreamChunkHook(provider schemas.ModelProvider, model string, index int, latency time.Duration) {
	seconds := float64(latency.Milliseconds()) / 1000
	labels := streamLabels{provider: string(provider), model: model}
	p.mu.Lock()
	defer p.mu.Unlock()
	histograms, bounds := p.interToken, interTokenBucketsSeconds
	if index == 0 {
		histograms, bounds = p.firstToken, firstTokenBucketsSeconds
	}
	h, ok := histograms[labels]
	if !ok {
		h = newHistogram(bounds)
		histograms[labels] = h
	}
	h.observe(seconds)
}

// ServeHTTP writes every family in Prometheus' text format, sorted by name,
// as bifrost's /metrics gathers its own registry and the Go and process
// collectors' together.
func (p *Plugin) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	families := append(goFamilies(), processFamilies()...)
	families = append(families, p.bifrostFamilies()...)
	var body bytes.Buffer
	_ = writeFamilies(&body, families) // a bytes.Buffer does not fail
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write(body.Bytes())
}

// bifrostFamilies are the plugin's own histograms. The streaming ones
// appear once a stream has been relayed, as a Prometheus vector does.
func (p *Plugin) bifrostFamilies() []family {
	p.mu.Lock()
	defer p.mu.Unlock()
	families := []family{{name: OverheadHistogram, kind: "histogram", help: overheadHistogramHelp, samples: p.overhead.samples("")}}
	for _, streaming := range []struct {
		name, help string
		histograms map[streamLabels]*histogram
	}{
		{FirstTokenHistogram, "Latency of the first token of a stream response.", p.firstToken},
		{InterTokenHistogram, "Latency of the intermediate tokens of a stream response.", p.interToken},
	} {
		if len(streaming.histograms) == 0 {
			continue
		}
		f := family{name: streaming.name, kind: "histogram", help: streaming.help}
		labelSets := slices.SortedFunc(maps.Keys(streaming.histograms), func(a, b streamLabels) int { return strings.Compare(a.String(), b.String()) })
		for _, labels := range labelSets {
			f.samples = append(f.samples, streaming.histograms[labels].samples(labels.String())...)
		}
		families = append(families, f)
	}
	return families
}
